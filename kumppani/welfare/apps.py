from django.apps import AppConfig


class WelfareConfig(AppConfig):
    name = "kumppani.welfare"
    label = "welfare"

    def ready(self) -> None:
        from kumppani.core.cycle import register_cycle_source
        from kumppani.core.panels import DASHBOARD, MUNICIPALITY_PAGE, register
        from kumppani.welfare.integration import (
            cycle_source,
            dashboard_panel,
            municipality_panel,
        )

        register(MUNICIPALITY_PAGE, municipality_panel)
        register(DASHBOARD, dashboard_panel)
        register_cycle_source(cycle_source)
