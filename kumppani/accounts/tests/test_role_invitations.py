"""A role given to an email address without an account: said so, invited, granted on sign-up."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail

from kumppani.accounts.models import Role, RoleAssignment, RoleInvitation, User
from kumppani.accounts.testing import World

pytestmark = pytest.mark.django_db


def _invite(client_for: Any, world: World) -> Any:
    return client_for("admin").post(
        "/en/people/roles/",
        {
            "email": "Uusi.Koordinaattori@example.org",
            "role": "coordinator",
            "region": world.region.pk,
        },
        follow=True,
    )


def test_a_role_for_an_unknown_email_says_so_and_sends_an_invitation(
    client_for: Any, world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        page = _invite(client_for, world).content.decode()
    assert "No account uses uusi.koordinaattori@example.org yet." in page
    assert not User.objects.filter(email__iexact="uusi.koordinaattori@example.org").exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["uusi.koordinaattori@example.org"]
    invitation = RoleInvitation.objects.get()
    assert f"/people/invitations/{invitation.token}/" in mail.outbox[0].body


def test_signing_up_through_the_link_grants_the_role(
    client_for: Any, world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client_for, world)
    link = re.search(r"https?://\S+(/\S+/people/invitations/\S+/)", str(mail.outbox[0].body))
    assert link is not None
    client = client_for("anonymous")
    response = client.get(link.group(1), follow=True)
    assert "Sign up with the address uusi.koordinaattori@example.org" in response.content.decode()
    client.post(
        "/en/accounts/signup/",
        {
            "email": "uusi.koordinaattori@example.org",
            "full_name": "Uusi Henkilö",
            "password1": "pitka-salasana-42",
            "password2": "pitka-salasana-42",
        },
    )
    user = User.objects.get(email="uusi.koordinaattori@example.org")
    assert RoleAssignment.objects.filter(
        user=user, role=Role.COORDINATOR, region=world.region
    ).exists()
    assert RoleInvitation.objects.get().accepted_at is not None


def test_someone_else_signing_up_gets_no_role(client_for: Any, world: World) -> None:
    invitation = RoleInvitation.objects.create(
        email="invited@example.org", role=Role.COORDINATOR, region=world.region
    )
    client = client_for("anonymous")
    client.get(f"/en/people/invitations/{invitation.token}/")
    client.post(
        "/en/accounts/signup/",
        {
            "email": "intruder@example.org",
            "full_name": "Uusi Henkilö",
            "password1": "pitka-salasana-42",
            "password2": "pitka-salasana-42",
        },
    )
    intruder = User.objects.get(email="intruder@example.org")
    assert not RoleAssignment.objects.filter(user=intruder).exists()
    assert RoleInvitation.objects.get().accepted_at is None


def test_an_invitation_needs_the_roles_scope_too(client_for: Any, world: World) -> None:
    page = client_for("admin").post(
        "/en/people/roles/", {"email": "nobody.yet@example.org", "role": "liaison"}
    )
    assert "Choose the municipality for this role." in page.content.decode()
    assert not RoleInvitation.objects.exists()
