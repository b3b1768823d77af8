from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from kumppani.accounts.models import AuditEvent, Role, RoleAssignment, User
from kumppani.accounts.services import role_assign
from kumppani.accounts.testing import World

pytestmark = pytest.mark.django_db


def test_roles_are_scoped_and_checked_by_the_access_module(world: World) -> None:
    from kumppani.accounts import access

    assert access.can_edit_association(world.rep, world.association.pk)
    assert not access.can_edit_association(world.other_rep, world.association.pk)
    assert access.can_edit_association(world.admin, world.association.pk)
    kontiolahti, joensuu, tampere = (
        world.municipality,
        world.other_municipality,
        world.far_municipality,
    )
    assert access.manages_municipality(world.liaison, kontiolahti.pk, kontiolahti.region_id)
    assert not access.manages_municipality(world.liaison, joensuu.pk, joensuu.region_id)
    assert access.manages_municipality(world.coordinator, joensuu.pk, joensuu.region_id)
    assert not access.manages_municipality(world.coordinator, tampere.pk, tampere.region_id)
    assert access.manages_municipality(world.other_liaison, tampere.pk, tampere.region_id)


def test_role_changes_are_audited(client_for: Any, world: World) -> None:
    client_for("admin").post(
        "/en/people/roles/",
        {"email": "rep@example.org", "role": "coordinator", "region": world.region.pk},
    )
    event = AuditEvent.objects.filter(action="role.assign").latest("created_at")
    assert event.actor_email == "admin@example.org"
    page = client_for("admin").get("/en/people/audit/", {"action": "role"}).content.decode()
    assert "Assigned a role" in page and "Admin (admin@example.org)" in page


def test_personal_data_export_contains_my_roles(client_for: Any, world: World) -> None:
    response = client_for("rep").get("/fi/people/me/data.json")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == "rep@example.org"
    assert data["roles"] == [
        {
            "role": "representative",
            "association": world.association.pk,
            "municipality": None,
            "region": None,
        }
    ]


def test_erasure_needs_password_and_deletes_the_account(client_for: Any, world: World) -> None:
    client = client_for("rep")
    response = client.post("/en/people/me/delete/", {"password": "wrong", "confirm": "on"})
    assert "The password is not correct." in response.content.decode()
    assert User.objects.filter(email="rep@example.org").exists()
    response = client.post(
        "/en/people/me/delete/", {"password": "secret-pass-123", "confirm": "on"}
    )
    assert response.status_code == 302
    assert not User.objects.filter(email="rep@example.org").exists()
    assert world.association.role_assignments.count() == 0
    assert client.get("/en/me/").status_code == 302  # logged out


def test_a_role_needs_its_scope(world: World) -> None:
    with translation.override("en"):
        for role, field, message in (
            (Role.LIAISON, "municipality", "Choose the municipality for this role."),
            (Role.COORDINATOR, "region", "Choose the region for this role."),
            (Role.REPRESENTATIVE, "association", "Give the number of an existing association."),
        ):
            with pytest.raises(ValidationError) as error:
                role_assign(user=world.rep, role=role)
            assert error.value.message_dict == {field: [message]}
    assert (
        not RoleAssignment.objects.filter(user=world.rep).exclude(role=Role.REPRESENTATIVE).exists()
    )
