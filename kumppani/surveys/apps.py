from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "kumppani.surveys"
    label = "surveys"

    def ready(self) -> None:
        from kumppani.accounts.personal_data import register_personal_data
        from kumppani.core import panels as shared
        from kumppani.core.cycle import register_cycle_source
        from kumppani.surveys import personal_data
        from kumppani.surveys.panels import dashboard_panel, region_panel, survey_cycle_source

        shared.register(shared.DASHBOARD, dashboard_panel)
        shared.register(shared.REGION_PAGE, region_panel)
        register_cycle_source(survey_cycle_source)
        register_personal_data("surveys", exporter=personal_data.export, eraser=personal_data.erase)
