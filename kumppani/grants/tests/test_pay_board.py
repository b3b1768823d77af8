"""The association's board: kept by its representatives, linked to accounts by email."""

from __future__ import annotations

from typing import Any

import pytest

from kumppani.accounts.models import AuditEvent
from kumppani.accounts.testing import World
from kumppani.associations.models import BoardMember
from kumppani.grants.tests.factories import BoardMemberFactory

pytestmark = pytest.mark.django_db


def test_representative_adds_and_removes_members(client_for: Any, world: World) -> None:
    client = client_for("rep")
    url = f"/en/associations/{world.association.pk}/board/"
    page = client.get(url).content.decode()
    assert "automatically recused from reviewing" in page
    assert (
        f'href="{url}"' in client.get(f"/en/associations/{world.association.pk}/").content.decode()
    )
    response = client.post(
        url, {"name": "Liisa Liaison", "email": "LIAISON@example.org", "role": "chair"}
    )
    assert response.status_code == 302
    linked = BoardMember.objects.get(association=world.association)
    assert linked.user == world.liaison and linked.role == "chair"
    client.post(url, {"name": "Ei Tiliä", "email": "", "role": "member"})
    response = client.post(url, {"name": "Kaksi", "email": "liaison@example.org", "role": "member"})
    assert response.status_code == 200
    assert "already on the board" in response.content.decode()
    assert 'value="Kaksi"' in response.content.decode()
    response = client.post(url, {"name": "", "email": "", "role": "member"})
    assert response.status_code == 200
    assert BoardMember.objects.filter(association=world.association).count() == 2
    page = client.get(url).content.decode()
    assert "Linked" in page and "No account" in page
    assert client.post(url, {"remove": linked.pk}).status_code == 302
    assert list(BoardMember.objects.values_list("name", flat=True)) == ["Ei Tiliä"]
    assert AuditEvent.objects.filter(action="board_member.remove").exists()


def test_only_representatives_keep_the_board(client_for: Any, world: World) -> None:
    member = BoardMemberFactory.create(association=world.association)
    url = f"/en/associations/{world.association.pk}/board/"
    for role in ("other_rep", "liaison"):
        assert client_for(role).post(url, {"remove": member.pk}).status_code == 403
    assert BoardMember.objects.filter(pk=member.pk).exists()
    # A member of another association cannot be removed through this one.
    other = BoardMemberFactory.create(association=world.other_association)
    assert client_for("rep").post(url, {"remove": other.pk}).status_code == 404
    assert client_for("anonymous").get(url).status_code == 302
    page = client_for("other_rep").get(f"/en/associations/{world.association.pk}/").content
    assert url not in page.decode()
