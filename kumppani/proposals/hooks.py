"""What the proposals app plugs into the apps it builds on."""

from __future__ import annotations

from kumppani.proposals.models import Source
from kumppani.surveys.pool import SurveyProposal


def pool_survey_proposal(item: SurveyProposal) -> int:
    """A proposal written in a survey joins the municipality's proposal pool."""
    from kumppani.proposals.services import proposal_create

    proposal = proposal_create(
        municipality=item.municipality,
        text=item.text,
        proposer_type=item.proposer_type,
        source=Source.SURVEY,
        theme=item.theme,
        association=item.association,
        proposer_name=item.proposer_name,
        together=item.together,
        survey=item.survey,
        actor=item.created_by,
    )
    return int(proposal.pk)
