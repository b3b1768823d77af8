from django.apps import AppConfig


class CooperationConfig(AppConfig):
    name = "kumppani.cooperation"
    label = "cooperation"

    def ready(self) -> None:
        from kumppani.accounts.personal_data import register_personal_data
        from kumppani.cooperation import indicators, panels, personal_data
        from kumppani.cooperation.cycle_sources import SOURCES
        from kumppani.cooperation.reminders import agreement_reminders_send
        from kumppani.core.cycle import register_cycle_source
        from kumppani.core.panels import DASHBOARD, MUNICIPALITY_PAGE, REGION_PAGE, register
        from kumppani.core.region_indicators import register_indicator
        from kumppani.core.reminders import register_reminder

        for source in SOURCES:
            register_cycle_source(source)
        register(MUNICIPALITY_PAGE, panels.municipality_panel)
        register(REGION_PAGE, panels.region_panel)
        register(DASHBOARD, panels.dashboard_panel)
        register_personal_data(
            "cooperation", exporter=personal_data.export, eraser=personal_data.erase
        )
        register_indicator(indicators.LIAISONS)
        register_indicator(indicators.GUIDE_AGE)
        register_reminder("agreement_ending", agreement_reminders_send)
