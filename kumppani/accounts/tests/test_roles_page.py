"""The administrator gives roles by association name, with a choice step when names clash."""

from __future__ import annotations

from typing import Any

import pytest

from kumppani.accounts.models import Role, RoleAssignment
from kumppani.accounts.testing import World
from kumppani.associations.tests.factories import AssociationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _person(world: World) -> None:
    UserFactory.create(email="new@example.org")


def _assign(client: Any, **data: Any) -> Any:
    return client.post(
        "/en/people/roles/", {"email": "new@example.org", "role": "representative", **data}
    )


def test_a_representative_role_is_given_by_the_associations_name(
    client_for: Any, world: World
) -> None:
    response = _assign(client_for("admin"), association_name="ylä-kuhan kyläyhdistys ry")
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(
        user__email="new@example.org", role=Role.REPRESENTATIVE, association=world.association
    ).exists()


def test_several_matches_ask_which_one_without_javascript(client_for: Any, world: World) -> None:
    twin = AssociationFactory.create(name_fi="Ylä-Kuhan nuorisoseura ry")
    client = client_for("admin")
    page = _assign(client, association_name="Ylä-Kuhan").content.decode()
    assert "Several associations match: choose one." in page
    assert f'<option value="{twin.pk}">' in page and "Ylä-Kuhan kyläyhdistys ry" in page
    assert not RoleAssignment.objects.filter(user__email="new@example.org").exists()

    response = _assign(client, association_name="Ylä-Kuhan", association=twin.pk)
    assert response.status_code == 302
    assert RoleAssignment.objects.get(user__email="new@example.org").association == twin


def test_no_match_says_so(client_for: Any, world: World) -> None:
    page = _assign(client_for("admin"), association_name="Olematon seura").content.decode()
    assert "No association matches “Olematon seura”." in page
