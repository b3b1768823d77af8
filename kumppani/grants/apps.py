from django.apps import AppConfig


class GrantsConfig(AppConfig):
    name = "kumppani.grants"
    label = "grants"

    def ready(self) -> None:
        # Registrations (annual cycle, panels, reminders, personal data, guide section) are added
        # by the modules that own them, through ``kumppani.grants.registry.register_all``.
        from kumppani.grants import registry

        registry.register_all()
