"""Permission-matrix entries of the public side of grants: everything is public but an
unpublished programme's page, which only those who run it see."""

from typing import Any

from kumppani.accounts.testing import World
from kumppani.core.tests.matrix import Case, api_public, public, roles_expect
from kumppani.grants.tests.factories import DecisionFactory, ProgrammeFactory

HIDDEN_PROGRAMME = "Salainen luonnosohjelma"
REFUSED = "Torjuttu Testiseura ry"  # ASCII: the API escapes other letters


def _municipality(w: World) -> dict[str, str]:
    ProgrammeFactory.create(municipality=w.municipality, published=False, title_fi=HIDDEN_PROGRAMME)
    return {"code": w.municipality.code}


def _unpublished(w: World) -> dict[str, int]:
    programme = ProgrammeFactory.create(
        municipality=w.municipality, published=False, title_fi=HIDDEN_PROGRAMME
    )
    return {"pk": programme.pk}


def _region(w: World) -> dict[str, str]:
    return {"code": w.region.code}


def _award(w: World) -> dict[str, Any]:
    """A granted award, and a refused application (amount 0) that the register never shows."""
    DecisionFactory.create(application__programme__municipality=w.municipality)
    DecisionFactory.create(
        application__programme__municipality=w.municipality,
        application__association__name_fi=REFUSED,
        amount_eur=0,
    )
    return {}


# An unpublished programme: only those who run it (Kontiolahti's liaison, admin) see its page;
# for everyone else, the region's coordinator too, it does not exist. A published programme's page
# is public (tests/test_public_pages.py).
_RUNNERS = roles_expect({"liaison", "admin"}, ok=200, denied=404, anonymous=404)

PAGES: dict[str, Any] = {
    "grants:municipality": public(kwargs=_municipality, hidden=HIDDEN_PROGRAMME),
    "grants:deadlines_ics": public(kwargs=_municipality, hidden=HIDDEN_PROGRAMME),
    "grants:programme": Case(expect=_RUNNERS, kwargs=_unpublished),
    "grants:region": public(kwargs=_region),
    "grants:awards": public(kwargs=_award, query="?municipality=276", hidden=REFUSED),
    "grants:awards_csv": public(kwargs=_award, query="?municipality=276", hidden=REFUSED),
    "grants:awards_json": public(kwargs=_award, query="?municipality=276", hidden=REFUSED),
}
API: dict[str, Any] = {
    "GET /api/v1/grant-awards": api_public(
        kwargs=_award, query="?municipality=276", hidden=REFUSED
    ),
}
