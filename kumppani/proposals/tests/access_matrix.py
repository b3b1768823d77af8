from __future__ import annotations

from typing import Any

from kumppani.accounts.testing import World
from kumppani.core.tests.matrix import (
    CREATED,
    OK,
    api_only,
    api_public,
    logged_in,
    only,
    public,
)
from kumppani.proposals.models import GroupingJob, ProposalGroup, ProposerType
from kumppani.proposals.services import proposal_create

ASSESSORS = ("liaison", "admin")  # the wellbeing group of Kontiolahti, its liaison, admins


def _code(w: World) -> dict[str, Any]:
    return {"code": w.municipality.code}


def _proposal(w: World) -> dict[str, Any]:
    proposal = proposal_create(
        municipality=w.municipality,
        text="Kyläyhdistys järjestää kävelyryhmiä ikäihmisille.",
        proposer_type=ProposerType.ASSOCIATION,
        association=w.association,
        actor=w.rep,
    )
    return {"pk": proposal.pk}


def _group(w: World) -> dict[str, Any]:
    group = ProposalGroup.objects.create(municipality=w.municipality, label="Kävelyryhmä")
    proposal = proposal_create(
        actor=None,
        municipality=w.municipality,
        text="Kävelyryhmiä ikäihmisille.",
        proposer_type=ProposerType.RESIDENT,
    )
    proposal.group = group
    proposal.save(update_fields=["group"])
    return {"pk": group.pk}


def _job(w: World) -> dict[str, Any]:
    return {"pk": GroupingJob.objects.create(municipality=w.municipality, status="done").pk}


def _decision(w: World) -> dict[str, Any]:
    return {"decision": "rejected", "reason": "Päällekkäinen olemassa olevan toiminnan kanssa."}


PAGES = {
    "proposals:submit": logged_in(kwargs=_code),
    "proposals:outcomes": public(kwargs=_code),
    "proposals:board": only(*ASSESSORS, kwargs=_code),
    "proposals:regroup": only(*ASSESSORS, ok=OK, method="post", kwargs=_code),
    "proposals:criteria": only(*ASSESSORS, kwargs=_code),
    "proposals:mine": logged_in(),
    # The proposer (the association's representative) and the assessors.
    "proposals:proposal": only("rep", *ASSESSORS, kwargs=_proposal),
    "proposals:proposal_score": only(*ASSESSORS, ok=OK, method="post", kwargs=_proposal),
    "proposals:proposal_decide": only(
        *ASSESSORS, ok=OK, method="post", kwargs=_proposal, data=_decision
    ),
    "proposals:proposal_move": only(*ASSESSORS, ok=OK, method="post", kwargs=_proposal),
    "proposals:group": only(*ASSESSORS, kwargs=_group),
    "proposals:group_score": only(*ASSESSORS, ok=OK, method="post", kwargs=_group),
    "proposals:group_decide": only(*ASSESSORS, ok=OK, method="post", kwargs=_group, data=_decision),
    "proposals:group_merge": only(*ASSESSORS, ok=OK, method="post", kwargs=_group),
    "proposals:group_split": only(*ASSESSORS, ok=OK, method="post", kwargs=_group),
    "proposals:group_rename": only(
        *ASSESSORS, ok=OK, method="post", kwargs=_group, data=lambda w: {"label": "Uusi"}
    ),
}


UNPUBLISHED = "Ehdotus kyselystä, jonka tuloksia ei ole julkaistu."


def _unpublished_survey_proposal(w: World) -> dict[str, Any]:
    """The public pool leaves out proposals of a survey whose results are not published, and an
    anonymous survey's proposals name nobody."""
    from kumppani.surveys.tests.factories import SurveyFactory

    survey = SurveyFactory.create(municipality=w.municipality, anonymous=True)
    proposal_create(
        municipality=w.municipality,
        text=UNPUBLISHED,
        proposer_type=ProposerType.ASSOCIATION,
        association=w.association,
        source="survey",
        survey=survey,
        actor=w.rep,
    )
    return {}


def _resident_payload(w: World) -> dict[str, Any]:
    return {
        "municipality": w.municipality.code,
        "text": "Kirjastoon digitukea ikäihmisille.",
        "proposer_type": "resident",
    }


API = {
    # Any token user for a resident's proposal; association/team proposals are checked in tests.
    "POST /api/v1/proposals": api_only(
        "other_rep",
        "rep",
        "other_liaison",
        "liaison",
        "coordinator",
        "admin",
        ok=CREATED,
        data=_resident_payload,
    ),
    "GET /api/v1/proposals": api_public(
        query="?municipality=276", kwargs=_unpublished_survey_proposal, hidden=UNPUBLISHED
    ),
    "POST /api/v1/proposals/regroup": api_only(*ASSESSORS, ok=200, query="?municipality=276"),
    "GET /api/v1/proposal-grouping-jobs/{pk}": api_public(kwargs=_job),
    "GET /api/v1/proposal-groups": api_public(query="?municipality=276"),
    "GET /api/v1/proposal-decisions": api_public(query="?municipality=276"),
}
