from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "kumppani.proposals"
    label = "proposals"

    def ready(self) -> None:
        from kumppani.proposals.panels import register_panels

        register_panels()
