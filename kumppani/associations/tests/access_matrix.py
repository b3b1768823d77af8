from kumppani.accounts.testing import World
from kumppani.core.tests.matrix import (
    CREATED,
    LIAISON,
    OK,
    REP,
    api_only,
    api_public,
    logged_in,
    only,
    public,
)


def _assoc(w: World) -> dict[str, int]:
    return {"pk": w.association.pk}


def _org_payload(w: World) -> dict[str, object]:
    return {
        "name_fi": "Uusi yhdistys ry",
        "municipality": w.municipality.code,
        "categories": ["culture"],
        "description_fi": "Uusi",
    }


def _waiting(w: World) -> dict[str, int]:
    from kumppani.associations.tests.factories import AssociationFactory

    association = AssociationFactory.create(
        home_municipality=w.municipality, is_active=False, awaiting_confirmation=True
    )
    return {"pk": association.pk}


PAGES = {
    "associations:directory": public(),
    "associations:detail": public(kwargs=_assoc),
    "associations:create": logged_in(),
    "associations:edit": only(*REP, kwargs=_assoc),
    # The liaison of the home municipality, its region's coordinator, administrators.
    "associations:confirm": only(*LIAISON, ok=OK, method="post", kwargs=_waiting),
    "associations:representatives": only(*REP, kwargs=_assoc),
    "associations:remove_representative": only(
        *REP,
        ok=OK,
        method="post",
        kwargs=lambda w: {"pk": w.association.pk, "user_id": w.rep.pk},
    ),
    # Any logged-in person may open an invitation; only the invited address can accept it.
    "associations:accept_invitation": logged_in(
        kwargs=lambda w: {
            "token": w.association.invitations.create(email="kutsuttu@example.org").token
        }
    ),
}
API = {
    "GET /api/v1/organisations": api_public(),
    "GET /api/v1/organisations/{pk}": api_public(kwargs=_assoc),
    "POST /api/v1/organisations": api_only(
        "other_rep",
        "rep",
        "other_liaison",
        "liaison",
        "coordinator",
        "admin",
        ok=CREATED,
        data=_org_payload,
    ),
    "PATCH /api/v1/organisations/{pk}": api_only(
        *REP, ok=200, kwargs=_assoc, data=lambda w: {"member_count": 12}
    ),
}
