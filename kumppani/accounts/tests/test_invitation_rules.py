"""Role invitations follow the rules of representative invitations: one open per address and
role, withdrawal by whoever may invite, and a withdrawn link says so."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kumppani.accounts.invitations import role_invitation_accept, role_invite
from kumppani.accounts.models import AuditEvent, Role, RoleInvitation, User
from kumppani.accounts.testing import World

pytestmark = pytest.mark.django_db


def test_one_open_role_invitation_per_address(world: World) -> None:
    first = role_invite(
        email="uusi@example.org", role=Role.COORDINATOR, region=world.region, actor=None
    )
    again = role_invite(
        email="Uusi@example.org", role=Role.COORDINATOR, region=world.region, actor=None
    )
    assert again.pk == first.pk
    duplicate = RoleInvitation(email="uusi@example.org", role=Role.COORDINATOR, region=world.region)
    with pytest.raises(ValidationError):
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    # Unscoped roles too (a NULL scope would otherwise never clash).
    RoleInvitation.objects.create(email="admin2@example.org", role=Role.ADMIN)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleInvitation.objects.create(email="admin2@example.org", role=Role.ADMIN)


def test_admin_withdraws_a_role_invitation(client_for: Any, world: World) -> None:
    invitation = role_invite(
        email="uusi@example.org", role=Role.LIAISON, municipality=world.municipality, actor=None
    )
    admin = client_for("admin")
    roles_page = admin.get("/en/people/roles/").content.decode()
    url = f"/en/people/invitations/{invitation.pk}/withdraw/"
    assert url in roles_page
    assert "Withdraw the invitation" in admin.get(url).content.decode()
    response = admin.post(url, follow=True)
    assert "The invitation to uusi@example.org was withdrawn." in response.content.decode()
    assert AuditEvent.objects.filter(action="role.withdraw_invitation").exists()
    link = client_for("anonymous").get(f"/en/people/invitations/{invitation.token}/", follow=True)
    assert "This invitation has been withdrawn." in link.content.decode()
    person = User.objects.create_user(email="uusi@example.org")
    with pytest.raises(ValidationError):
        role_invitation_accept(invitation=RoleInvitation.objects.get(), actor=person)
