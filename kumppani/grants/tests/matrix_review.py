"""Who may open the review, ranking and decision pages and the reviews API (see
kumppani.core.tests.matrix). Kontiolahti's programmes are run by ``liaison`` (and ``admin``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone

from kumppani.accounts.testing import World
from kumppani.core.tests.matrix import (
    CREATED,
    Case,
    api_only,
    only,
)
from kumppani.grants.models import Application, Criterion, Programme
from kumppani.grants.tests.factories import (
    ApplicationFactory,
    ApplicationVersionFactory,
    CriterionFactory,
    DecisionFactory,
    ProgrammeFactory,
)

RUNS = ("liaison", "admin")
APPLICANT_OR_RUNS = ("rep", "liaison", "admin")


def programme_with_criteria(w: World, **kwargs: Any) -> Programme:
    programme: Programme = ProgrammeFactory.create(municipality=w.municipality, **kwargs)
    CriterionFactory.create(programme=programme, name_fi="Vaikuttavuus", weight=2, max_points=5)
    CriterionFactory.create(programme=programme, name_fi="Toteutettavuus", weight=1, max_points=5)
    return programme


def submitted(programme: Programme, **kwargs: Any) -> Application:
    """A submitted application of the programme (with its stored version)."""
    application: Application = ApplicationFactory.create(
        programme=programme,
        status="submitted",
        submitted_at=timezone.now(),
        submitted_version=1,
        **kwargs,
    )
    ApplicationVersionFactory.create(application=application, number=1, submitted=True)
    return application


def _programme(w: World) -> dict[str, int]:
    programme = programme_with_criteria(w)
    submitted(programme, association=w.association)
    return {"pk": programme.pk}


def _application(w: World) -> dict[str, int]:
    return {"pk": submitted(programme_with_criteria(w), association=w.other_association).pk}


def _decided(w: World) -> dict[str, int]:
    application = submitted(programme_with_criteria(w), association=w.association)
    DecisionFactory.create(application=application, amount_eur=Decimal("1000.00"))
    application.status = "decided"
    application.save()
    return {"pk": application.pk}


def _api_application(w: World) -> dict[str, int]:
    return {"id": submitted(programme_with_criteria(w), association=w.other_association).pk}


def _scores(w: World) -> dict[str, Any]:
    criteria = Criterion.objects.filter(programme__applications__isnull=False).order_by("-pk")[:2]
    return {"scores": {str(c.pk): 3 for c in criteria}, "comment": "Hyvä hakemus."}


PAGES: dict[str, Case] = {
    "grants:review_list": only(*RUNS, kwargs=_programme),
    "grants:review": only(*RUNS, kwargs=_application),
    "grants:conflict": only(*RUNS, kwargs=_application),
    "grants:ranking": only(*RUNS, kwargs=_programme),
    "grants:decide": only(*RUNS, kwargs=_application),
    "grants:letter": only(*APPLICANT_OR_RUNS, kwargs=_decided),
}
API: dict[str, Case] = {
    "POST /api/v1/grant-applications/{id}/reviews": api_only(
        *RUNS, ok=CREATED, kwargs=_api_application, data=_scores
    ),
}
