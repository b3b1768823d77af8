from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "kumppani.proposals"
    label = "proposals"

    def ready(self) -> None:
        from kumppani.accounts.personal_data import register_personal_data
        from kumppani.proposals import personal_data
        from kumppani.proposals.panels import register_panels

        register_panels()
        register_personal_data(
            "proposals", exporter=personal_data.export, eraser=personal_data.erase
        )
