"""Who may open every survey page and API operation (see kumppani.core.tests.matrix)."""

from __future__ import annotations

from typing import Any

from kumppani.accounts.testing import World
from kumppani.core.tests.matrix import LIAISON, OK, REP, api_public, only, public
from kumppani.surveys.models import Invitation
from kumppani.surveys.services import invitations_for_associations
from kumppani.surveys.tests.factories import Built, build_survey

BUILDERS = ("other_liaison", "liaison", "coordinator", "admin")


def _built(**kwargs: Any) -> Built:
    return build_survey(**kwargs)


def _survey(w: World) -> dict[str, Any]:
    return {"pk": _built().survey.pk}


def _section(w: World) -> dict[str, Any]:
    b = _built()
    return {"pk": b.survey.pk, "section_id": b.text.section_id}


def _question(w: World) -> dict[str, Any]:
    b = _built()
    return {"pk": b.survey.pk, "question_id": b.text.pk}


def _invitation(w: World) -> Invitation:
    b = _built()
    invitations_for_associations(survey=b.survey, send=False)
    return Invitation.objects.get(survey=b.survey, association=w.association)


def _token(w: World) -> dict[str, Any]:
    return {"token": _invitation(w).token}


def _published(w: World) -> dict[str, Any]:
    return {"survey_id": _built(results_published=True).survey.pk}


PAGES = {
    "surveys:list": public(),
    "surveys:create": only(*BUILDERS),
    "surveys:detail": only(*LIAISON, kwargs=_survey),
    "surveys:edit": only(*LIAISON, kwargs=_survey),
    # The survey as respondents will see it: its owners only.
    "surveys:preview": only(*LIAISON, kwargs=_survey),
    "surveys:section_create": only(*LIAISON, kwargs=_survey),
    "surveys:section_edit": only(*LIAISON, kwargs=_section),
    "surveys:section_move": only(
        *LIAISON, ok=OK, method="post", kwargs=_section, data=lambda w: {"direction": "up"}
    ),
    "surveys:section_delete": only(*LIAISON, ok=OK, method="post", kwargs=_section),
    "surveys:question_create": only(*LIAISON, kwargs=_section),
    "surveys:question_edit": only(*LIAISON, kwargs=_question),
    "surveys:question_move": only(
        *LIAISON, ok=OK, method="post", kwargs=_question, data=lambda w: {"direction": "down"}
    ),
    "surveys:question_delete": only(*LIAISON, ok=OK, method="post", kwargs=_question),
    "surveys:invitations": only(*LIAISON, kwargs=_survey),
    # Unpublished results: the owner (liaison, the region's coordinator, admin).
    "surveys:results": only(*LIAISON, kwargs=_survey),
    "surveys:results_csv": only(*LIAISON, kwargs=_survey),
    "surveys:results_xlsx": only(*LIAISON, kwargs=_survey),
    "surveys:publish": only(
        *LIAISON, ok=OK, method="post", kwargs=_survey, data=lambda w: {"published": "1"}
    ),
    "surveys:open": public(
        kwargs=lambda w: {"token": _built(open_link_enabled=True).survey.open_token}
    ),
    "surveys:continue": only(*REP, ok=302, kwargs=lambda w: {"invitation_id": _invitation(w).pk}),
    # The personal link is the key: whoever holds it may answer.
    "surveys:respond": public(kwargs=_token),
    "surveys:respond_section": public(kwargs=lambda w: {**_token(w), "index": 1}),
    "surveys:respond_submit": public(ok=302, method="post", kwargs=_token),
}
API = {
    "GET /api/v1/surveys": api_public(),
    "GET /api/v1/surveys/{survey_id}/results": api_public(kwargs=_published),
}
