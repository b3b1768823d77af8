from django.apps import AppConfig


class AssociationsConfig(AppConfig):
    name = "kumppani.associations"
    label = "associations"

    def ready(self) -> None:
        from allauth.account.signals import email_confirmed

        from kumppani.accounts.personal_data import register_personal_data
        from kumppani.associations import panels, personal_data
        from kumppani.associations.receivers import publish_after_email_confirmed
        from kumppani.core.panels import HOME_PAGE, MUNICIPALITY_PAGE, register

        register(HOME_PAGE, panels.home_panel)
        register(MUNICIPALITY_PAGE, panels.municipality_panel)
        register(MUNICIPALITY_PAGE, panels.attention_panel)
        register_personal_data(
            "associations", exporter=personal_data.export, eraser=personal_data.erase
        )
        email_confirmed.connect(publish_after_email_confirmed, dispatch_uid="associations-publish")
