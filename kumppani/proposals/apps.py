from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "kumppani.proposals"
    label = "proposals"

    def ready(self) -> None:
        from kumppani.accounts.personal_data import register_personal_data
        from kumppani.proposals import personal_data
        from kumppani.proposals.hooks import pool_survey_proposal
        from kumppani.proposals.panels import register_panels
        from kumppani.surveys.pool import register_proposal_pool

        register_panels()
        register_proposal_pool(pool_survey_proposal)
        register_personal_data(
            "proposals", exporter=personal_data.export, eraser=personal_data.erase
        )
