"""A worker that dies in the middle of a batch: after restart every person has exactly one email."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from kumppani.accounts.models import Role
from kumppani.accounts.services import role_assign
from kumppani.accounts.testing import World
from kumppani.associations.tests.factories import AssociationFactory, UserFactory
from kumppani.forums.models import InvitationBatch
from kumppani.forums.services.invitations import invitation_batch_send
from kumppani.forums.tests.factories import ForumFactory

pytestmark = pytest.mark.django_db


class WorkerDied(BaseException):
    """Stands for kill -9: nothing after it in the worker runs."""


def test_batch_interrupted_mid_way_sends_the_rest_once_on_restart(
    world: World, monkeypatch: Any
) -> None:
    forum = ForumFactory.create(municipalities=[world.municipality])
    for n in range(12):
        association = AssociationFactory.create(home_municipality=world.municipality)
        person = UserFactory.create(email=f"edustaja{n}@example.org")
        role_assign(user=person, role=Role.REPRESENTATIVE, association=association)
    batch = InvitationBatch.objects.create(forum=forum, created_by=world.liaison)
    real_send = EmailBackend.send_messages

    def dies_on_the_sixth(self: EmailBackend, messages: Any) -> int:
        if len(mail.outbox) == 5:
            raise WorkerDied
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", dies_on_the_sixth)
    with pytest.raises(WorkerDied):
        invitation_batch_send(batch_id=batch.pk)
    assert len(mail.outbox) == 5
    monkeypatch.setattr(EmailBackend, "send_messages", real_send)

    assert invitation_batch_send(batch_id=batch.pk) == 8  # 13 people: 12 + world's representative
    recipients = [address for message in mail.outbox for address in message.to]
    assert len(recipients) == len(set(recipients)) == 13
    ids = {message.extra_headers["Message-ID"] for message in mail.outbox}
    assert len(ids) == 13
