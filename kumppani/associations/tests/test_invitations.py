"""Invitations to represent an association: one open per address, withdrawal, and the link for
a visitor who is not logged in."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import translation

from kumppani.accounts.models import AuditEvent, Role, RoleAssignment, User
from kumppani.accounts.services import role_assign
from kumppani.accounts.testing import World
from kumppani.associations.models import RepresentativeInvitation
from kumppani.associations.services import (
    invitation_accept,
    invitation_withdraw,
    representative_invite,
)

pytestmark = pytest.mark.django_db


def test_inviting_again_refreshes_the_open_invitation(
    client_for: Any, world: World, django_capture_on_commit_callbacks: Any
) -> None:
    url = f"/en/associations/{world.association.pk}/representatives/"
    rep = client_for("rep")
    with django_capture_on_commit_callbacks(execute=True):
        rep.post(url, {"email": "uusi@example.org"})
        response = rep.post(url, {"email": "UUSI@example.org"}, follow=True)
    assert RepresentativeInvitation.objects.count() == 1
    assert "was already open; it was sent again" in response.content.decode()
    # The person got the same link twice.
    token = RepresentativeInvitation.objects.get().token
    assert len(mail.outbox) == 2 and all(token in m.body for m in mail.outbox)


def test_the_database_refuses_a_second_open_invitation(world: World) -> None:
    representative_invite(association=world.association, email="uusi@example.org", actor=world.rep)
    second = RepresentativeInvitation(association=world.association, email="uusi@example.org")
    with translation.override("en"), pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "already open" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_an_accepted_invitation_leaves_the_open_list(client_for: Any, world: World) -> None:
    first = representative_invite(
        association=world.association, email="other_rep@example.org", actor=world.rep
    )
    representative_invite(association=world.association, email="third@example.org", actor=world.rep)
    invitation_accept(invitation=first, actor=world.other_rep)
    # The third person became a representative another way (an administrator gave the role).
    third = User.objects.create_user(email="third@example.org", full_name="Kolmas")
    role_assign(user=third, role=Role.REPRESENTATIVE, association=world.association)
    page = client_for("rep").get(f"/en/associations/{world.association.pk}/representatives/")
    html = page.content.decode()
    assert "Pending invitations" not in html
    assert "Withdraw" not in html


def test_a_representative_withdraws_an_invitation(client_for: Any, world: World) -> None:
    invitation = representative_invite(
        association=world.association, email="uusi@example.org", actor=world.rep
    )
    rep = client_for("rep")
    listing = rep.get(f"/en/associations/{world.association.pk}/representatives/")
    withdraw_url = f"/en/associations/{world.association.pk}/invitations/{invitation.pk}/withdraw/"
    assert withdraw_url in listing.content.decode()
    confirm = rep.get(withdraw_url)  # a confirmation step first
    assert "Withdraw the invitation to uusi@example.org" in confirm.content.decode()
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is None
    response = rep.post(withdraw_url, follow=True)
    assert "The invitation to uusi@example.org was withdrawn." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is not None and invitation.withdrawn_by == world.rep
    assert AuditEvent.objects.filter(
        action="representative.withdraw_invitation", actor=world.rep
    ).exists()
    # The link now says so, and cannot be used.
    invited = User.objects.create_user(email="uusi@example.org", password="x")
    client = Client()
    client.force_login(invited)
    link = f"/en/associations/invitations/{invitation.token}/"
    assert "This invitation has been withdrawn." in client.get(link).content.decode()
    client.post(link)
    assert not RoleAssignment.objects.filter(user=invited).exists()
    with pytest.raises(ValidationError):
        invitation_accept(invitation=invitation, actor=invited)
    # Inviting the address again makes a fresh invitation.
    again = representative_invite(
        association=world.association, email="uusi@example.org", actor=world.rep
    )
    assert again.pk != invitation.pk


def test_others_cannot_withdraw(client_for: Any, world: World) -> None:
    invitation = representative_invite(
        association=world.association, email="uusi@example.org", actor=world.rep
    )
    url = f"/en/associations/{world.association.pk}/invitations/{invitation.pk}/withdraw/"
    assert client_for("other_rep").post(url).status_code == 403
    # An invitation of another association is not found through this one.
    other_url = (
        f"/en/associations/{world.other_association.pk}/invitations/{invitation.pk}/withdraw/"
    )
    assert client_for("other_rep").post(other_url).status_code == 404
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is None
    invitation_withdraw(invitation=invitation, actor=world.rep)
    with pytest.raises(ValidationError):
        invitation_withdraw(invitation=invitation, actor=world.rep)


def test_a_logged_out_visitor_is_told_and_comes_back_after_signing_up(
    world: World, settings: Any
) -> None:
    """Mandatory email verification loses allauth's ``next``; the session brings them back."""
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    invitation = representative_invite(
        association=world.association, email="uusi.edustaja@example.org", actor=world.rep
    )
    client = Client()
    link = f"/en/associations/invitations/{invitation.token}/"
    html = client.get(link).content.decode()
    assert (
        "You have been invited to represent Ylä-Kuhan kyläyhdistys ry in Kontiolahti. "
        "Log in or create an account to accept." in html
    )
    assert f"/en/accounts/login/?next={link}" in html
    assert f"/en/accounts/signup/?next={link}" in html
    client.post(
        f"/en/accounts/signup/?next={link}",
        {
            "email": "uusi.edustaja@example.org",
            "full_name": "Uusi Edustaja",
            "password1": "pitka-salasana-42",
            "password2": "pitka-salasana-42",
        },
    )
    (message,) = [m for m in mail.outbox if m.to == ["uusi.edustaja@example.org"]]
    key = re.search(r"/confirm-email/(\S+?)/?\s", str(message.body))
    assert key
    client.post(f"/en/accounts/confirm-email/{key.group(1)}/")
    response = client.post(
        "/en/accounts/login/",
        {"login": "uusi.edustaja@example.org", "password": "pitka-salasana-42"},
    )
    assert response.status_code == 302 and response["Location"] == link
    accepted = client.post(link)
    assert accepted.status_code == 302
    assert RoleAssignment.objects.filter(
        user__email="uusi.edustaja@example.org", association=world.association
    ).exists()


def test_a_logged_out_visitor_cannot_accept(world: World) -> None:
    invitation = representative_invite(
        association=world.association, email="uusi@example.org", actor=world.rep
    )
    response = Client().post(f"/en/associations/invitations/{invitation.token}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
