from django.apps import AppConfig


class AssociationsConfig(AppConfig):
    name = "kumppani.associations"
    label = "associations"

    def ready(self) -> None:
        from kumppani.associations import panels
        from kumppani.core.panels import HOME_PAGE, MUNICIPALITY_PAGE, register

        register(HOME_PAGE, panels.home_panel)
        register(MUNICIPALITY_PAGE, panels.municipality_panel)
