from django.apps import AppConfig


class PremisesConfig(AppConfig):
    name = "kumppani.premises"
    label = "premises"

    def ready(self) -> None:
        # Registrations (guide section, annual cycle, panels, personal data, statistics) are
        # added by the modules that own them, through ``kumppani.premises.registry.register_all``.
        from kumppani.premises import registry

        registry.register_all()
