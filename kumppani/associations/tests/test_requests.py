"""Registering an association that exists warns and offers to ask to represent it; the request is
decided by its representatives (or, while it has none, the municipality's liaison)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from kumppani.accounts.models import AuditEvent, Role, RoleAssignment
from kumppani.accounts.testing import World
from kumppani.associations.models import Association, RepresentationRequest
from kumppani.associations.services import (
    representation_request_approve,
    representation_request_create,
    representative_remove,
)
from kumppani.associations.tests.test_profile import profile

pytestmark = pytest.mark.django_db


def _named(name: str) -> int:
    return sum(1 for a in Association.objects.all() if a.name_fi.casefold() == name)


def test_registering_an_existing_name_warns_and_offers_a_request(
    client_for: Any, world: World
) -> None:
    client = client_for("other_rep")
    data = profile(world, name_fi="YLÄ-KUHAN KYLÄYHDISTYS RY", registration_number="")
    response = client.post("/en/associations/new/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "This association may already be registered" in html
    assert f"/en/associations/{world.association.pk}/request/" in html
    assert 'name="not_a_duplicate"' in html
    assert 'value="YLÄ-KUHAN KYLÄYHDISTYS RY"' in html  # the input is kept
    assert _named("ylä-kuhan kyläyhdistys ry") == 1
    # A different association of the same name: registered after ticking the box.
    response = client.post("/en/associations/new/", {**data, "not_a_duplicate": "on"})
    assert response.status_code == 302
    assert _named("ylä-kuhan kyläyhdistys ry") == 2


def test_the_same_name_in_another_municipality_is_no_duplicate(
    client_for: Any, world: World
) -> None:
    data = profile(
        world,
        name_fi="Ylä-Kuhan kyläyhdistys ry",
        registration_number="",
        home_municipality=world.far_municipality.pk,
    )
    assert client_for("other_rep").post("/en/associations/new/", data).status_code == 302


def test_the_same_register_number_warns(client_for: Any, world: World) -> None:
    data = profile(world, name_fi="Aivan toinen nimi ry", registration_number="123.456")
    html = client_for("other_rep").post("/en/associations/new/", data).content.decode()
    assert f"/en/associations/{world.association.pk}/request/" in html


def test_a_representative_approves_a_request(
    client_for: Any, world: World, django_capture_on_commit_callbacks: Any
) -> None:
    asker = client_for("other_rep")
    url = f"/en/associations/{world.association.pk}/request/"
    assert url in asker.get(f"/en/associations/{world.association.pk}/").content.decode()
    asker.post(url, {"message": "Olen yhdistyksen sihteeri."})
    request = RepresentationRequest.objects.get()
    assert request.status == "pending" and request.requester == world.other_rep
    # A second request while one is pending is refused with a message.
    again = asker.post(url, {"message": "Uudestaan"})
    assert "already asked to represent" in again.content.decode()

    rep = client_for("rep")
    listing = rep.get(f"/en/associations/{world.association.pk}/requests/").content.decode()
    assert "Other Rep" in listing and "Olen yhdistyksen sihteeri." in listing
    with django_capture_on_commit_callbacks(execute=True):
        response = rep.post(
            f"/en/associations/{world.association.pk}/requests/{request.pk}/decide/",
            {"decision": "approve"},
        )
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(
        user=world.other_rep, role=Role.REPRESENTATIVE, association=world.association
    ).exists()
    request.refresh_from_db()
    assert request.status == "approved" and request.decided_by == world.rep
    (email,) = mail.outbox
    assert email.to == ["other_rep@example.org"] and "was approved" in email.body
    assert AuditEvent.objects.filter(action="representation_request.approved").exists()


def test_a_declined_request_is_told_to_the_requester(
    client_for: Any, world: World, django_capture_on_commit_callbacks: Any
) -> None:
    request = representation_request_create(association=world.association, requester=world.liaison)
    with django_capture_on_commit_callbacks(execute=True):
        client_for("rep").post(
            f"/sv/associations/{world.association.pk}/requests/{request.pk}/decide/",
            {"decision": "decline"},
        )
    request.refresh_from_db()
    assert request.status == "declined"
    assert not RoleAssignment.objects.filter(user=world.liaison, association__isnull=False).exists()
    (email,) = mail.outbox
    assert email.to == ["liaison@example.org"]
    with pytest.raises(ValidationError):
        representation_request_approve(request=request, actor=world.rep)


def test_the_liaison_decides_while_the_association_has_no_representative(
    client_for: Any, world: World
) -> None:
    url = f"/en/associations/{world.association.pk}/requests/"
    assert client_for("liaison").get(url).status_code == 403
    representative_remove(association=world.association, user_id=world.rep.pk)
    request = representation_request_create(
        association=world.association, requester=world.other_rep, message="Uusi puheenjohtaja"
    )
    liaison = client_for("liaison")
    assert "Uusi puheenjohtaja" in liaison.get(url).content.decode()
    liaison.post(f"{url}{request.pk}/decide/", {"decision": "approve"})
    assert RoleAssignment.objects.filter(
        user=world.other_rep, association=world.association
    ).exists()
    # The other municipality's liaison cannot.
    assert client_for("other_liaison").get(url).status_code == 403


def test_an_overlong_message_is_refused(client_for: Any, world: World) -> None:
    response = client_for("other_rep").post(
        f"/en/associations/{world.association.pk}/request/", {"message": "x" * 4001}
    )
    assert "at most 4000 characters" in response.content.decode()
    assert not RepresentationRequest.objects.exists()


def test_requests_are_in_the_personal_data_export_and_erased(world: World) -> None:
    from kumppani.associations.personal_data import erase, export

    representation_request_create(
        association=world.association, requester=world.other_rep, message="Sihteeri"
    )
    (exported,) = export(world.other_rep)["representation_requests"]
    assert exported["message"] == "Sihteeri" and exported["status"] == "pending"
    erase(world.other_rep)
    assert not RepresentationRequest.objects.exists()
