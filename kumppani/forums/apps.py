from django.apps import AppConfig


class ForumsConfig(AppConfig):
    name = "kumppani.forums"
    label = "forums"

    def ready(self) -> None:
        from kumppani.accounts.personal_data import register_personal_data
        from kumppani.core import panels as core_panels
        from kumppani.core.cycle import register_cycle_source
        from kumppani.core.region_indicators import register_indicator
        from kumppani.core.reminders import register_reminder
        from kumppani.forums import indicators, panels, personal_data
        from kumppani.forums.services.plans import plan_reminders_send

        register_cycle_source(panels.cycle_source)
        core_panels.register(core_panels.MUNICIPALITY_PAGE, panels.municipality_panel)
        core_panels.register(core_panels.REGION_PAGE, panels.region_panel)
        core_panels.register(core_panels.DASHBOARD, panels.dashboard_panel)
        core_panels.register(core_panels.BODY_PAGE, panels.body_panel)
        core_panels.register(core_panels.ASSOCIATION_PAGE, panels.association_panel)
        core_panels.register(core_panels.REGION_PAGE, indicators.region_chart_panel)
        register_indicator(indicators.FORUMS_HELD)
        register_reminder("plan_step_due", plan_reminders_send)
        register_personal_data("forums", exporter=personal_data.export, eraser=personal_data.erase)
