"""Inviting all associations in one action: one email per person, sent in the background."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from kumppani.accounts.models import Role
from kumppani.accounts.services import role_assign
from kumppani.accounts.testing import World
from kumppani.associations.models import Category
from kumppani.associations.tests.factories import AssociationFactory, UserFactory
from kumppani.forums.models import InvitationBatch, InvitationDelivery
from kumppani.forums.services.invitations import invitation_batch_send
from kumppani.forums.tests.factories import ForumFactory

pytestmark = pytest.mark.django_db


def test_person_representing_three_associations_gets_exactly_one_email(
    world: World, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    forum = ForumFactory.create(municipalities=[world.municipality])
    busy = UserFactory.create(email="monitoimija@example.org", full_name="Maija Monitoimija")
    names = []
    for n in range(3):
        association = AssociationFactory.create(
            name_fi=f"Kontiolahden yhdistys {n} ry", home_municipality=world.municipality
        )
        role_assign(user=busy, role=Role.REPRESENTATIVE, association=association)
        names.append(association.name_fi)
    # Joensuu's association is not invited to Kontiolahti's forum.
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("liaison").post(reverse("forums:invite", args=[forum.pk]), {})
    assert response.status_code == 302
    to_busy = [m for m in mail.outbox if m.to == ["monitoimija@example.org"]]
    assert len(to_busy) == 1
    for name in names:
        assert name in to_busy[0].body
    recipients = sorted(address for m in mail.outbox for address in m.to)
    assert recipients == ["monitoimija@example.org", "rep@example.org"]
    batch = InvitationBatch.objects.get(forum=forum)
    assert batch.status == "sent"
    assert batch.association_count == 4
    assert batch.recipient_count == 2


def test_sending_again_sends_nobody_a_second_email(world: World) -> None:
    forum = ForumFactory.create(municipalities=[world.municipality])
    batch = InvitationBatch.objects.create(forum=forum, created_by=world.liaison)
    assert invitation_batch_send(batch_id=batch.pk) == 1
    assert invitation_batch_send(batch_id=batch.pk) == 0
    assert len(mail.outbox) == 1
    assert InvitationDelivery.objects.filter(batch=batch).count() == 1


def test_category_filter_invites_only_that_category(
    world: World, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    forum = ForumFactory.create(municipalities=[world.municipality])
    sports = Category.objects.get(slug="sports")
    club = AssociationFactory.create(home_municipality=world.municipality, categories=[sports])
    coach = UserFactory.create(email="valmentaja@example.org")
    role_assign(user=coach, role=Role.REPRESENTATIVE, association=club)
    with django_capture_on_commit_callbacks(execute=True):
        client_for("liaison").post(
            reverse("forums:invite", args=[forum.pk]), {"categories": [sports.pk]}
        )
    assert [m.to for m in mail.outbox] == [["valmentaja@example.org"]]


def test_invite_request_does_no_per_recipient_work(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    forum = ForumFactory.create(municipalities=[world.municipality])
    for _n in range(30):
        association = AssociationFactory.create(home_municipality=world.municipality)
        person = UserFactory.create()
        role_assign(user=person, role=Role.REPRESENTATIVE, association=association)
    client = client_for("liaison")
    url = reverse("forums:invite", args=[forum.pk])
    client.get(url)
    # The on-commit callback (the background task) never runs inside the test transaction.
    with django_assert_max_num_queries(15):
        response = client.post(url, {})
    assert response.status_code == 302
    assert mail.outbox == []


def test_other_municipalitys_liaison_cannot_invite(world: World, client_for: Any) -> None:
    forum = ForumFactory.create(municipalities=[world.municipality])
    response = client_for("other_liaison").post(reverse("forums:invite", args=[forum.pk]), {})
    assert response.status_code == 403
    assert not InvitationBatch.objects.exists()


def test_network_meeting_invites_the_liaisons_of_the_region(
    world: World, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from kumppani.forums.models import ForumType

    forum = ForumFactory.create(type=ForumType.LIAISON_NETWORK, region=world.region)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("coordinator").post(reverse("forums:invite", args=[forum.pk]), {})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["liaison@example.org"]]
    assert "Kontiolahti" in mail.outbox[0].body
