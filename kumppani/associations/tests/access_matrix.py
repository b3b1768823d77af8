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


def _invitation(w: World) -> dict[str, int]:
    invitation = w.association.invitations.get_or_create(email="kutsuttu@example.org")[0]
    return {"pk": w.association.pk, "invitation_id": invitation.pk}


def _request(w: World) -> dict[str, int]:
    from kumppani.associations.models import RepresentationRequest

    request = RepresentationRequest.objects.get_or_create(
        association=w.association, requester=w.other_rep, status="pending"
    )[0]
    return {"pk": w.association.pk, "request_id": request.pk}


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
    # Anyone may open an invitation (a logged-out visitor is told to log in or sign up); only
    # the invited address can accept it.
    "associations:accept_invitation": public(
        kwargs=lambda w: {
            "token": w.association.invitations.create(email="kutsuttu@example.org").token
        }
    ),
    # Those who may invite withdraw (the confirmation page).
    "associations:withdraw_invitation": only(*REP, kwargs=_invitation),
    # The association's representatives keep its board.
    "associations:board": only(*REP, kwargs=_assoc),
    "associations:request_representation": logged_in(kwargs=_assoc),
    # The association's representatives decide (its liaison only while it has none).
    "associations:requests": only(*REP, kwargs=_assoc),
    "associations:decide_request": only(*REP, ok=OK, method="post", kwargs=_request),
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
