"""The grants app as one service: recusals made in time, the letter email, audit labels."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from kumppani.accounts.models import AuditEvent, User
from kumppani.accounts.testing import World
from kumppani.associations.tests.factories import UserFactory
from kumppani.grants.models import Recusal
from kumppani.grants.services.applications import (
    application_save,
    application_start,
    application_submit,
)
from kumppani.grants.services.decisions import decision_make
from kumppani.grants.services.programmes import programme_reviewer_add
from kumppani.grants.tests.factories import (
    AttachmentFactory,
    BoardMemberFactory,
    ProgrammeFactory,
    ProgrammeReviewerFactory,
)
from kumppani.grants.tests.matrix_review import programme_with_criteria, submitted

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_submitting_recuses_the_board_member_reviewer_after_commit(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    programme = ProgrammeFactory.create()
    reviewer: User = UserFactory.create()
    ProgrammeReviewerFactory.create(programme=programme, user=reviewer)
    BoardMemberFactory.create(association=world.association, user=reviewer)
    application = application_start(
        programme=programme, association=world.association, user=world.rep
    )
    application_save(
        application=application, user=world.rep, fields={"amount_eur": "100"}, answers={}
    )
    with django_capture_on_commit_callbacks(execute=True):
        application_submit(application=application, user=world.rep)
        assert not Recusal.objects.exists()  # only after the commit
    recusal = Recusal.objects.get(application=application, user=reviewer)
    assert AuditEvent.objects.filter(
        action="grants.recusal_automatic", target_id=str(recusal.pk)
    ).exists()


def test_adding_a_reviewer_recuses_them_at_once(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    programme = programme_with_criteria(world)
    application = submitted(programme, association=world.association)
    reviewer: User = UserFactory.create(email="arvioija@example.org")
    BoardMemberFactory.create(association=world.association, email="ARVIOIJA@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        programme_reviewer_add(programme=programme, email=reviewer.email, actor=world.liaison)
    assert Recusal.objects.filter(application=application, user=reviewer).exists()
    assert AuditEvent.objects.filter(action="grants.recusal_automatic").count() == 1


def test_a_recused_reviewer_sees_neither_the_application_nor_its_attachments(
    world: World,
) -> None:
    programme = programme_with_criteria(world)
    application = submitted(programme, association=world.association)
    attachment = AttachmentFactory.create(application=application)
    reviewer: User = UserFactory.create()
    ProgrammeReviewerFactory.create(programme=programme, user=reviewer)
    other: User = UserFactory.create()
    ProgrammeReviewerFactory.create(programme=programme, user=other)
    # Recorded only when the page is opened: the recusal is made before anything is shown.
    BoardMemberFactory.create(association=world.association, user=reviewer)

    client = _client(reviewer)
    assert client.get(reverse("grants:application", args=[application.pk])).status_code == 403
    download = reverse("grants:attachment_download", args=[attachment.pk])
    assert client.get(download).status_code == 403
    assert Recusal.objects.filter(application=application, user=reviewer).exists()
    # A reviewer without a conflict still sees it.
    assert (
        _client(other).get(reverse("grants:application", args=[application.pk])).status_code == 200
    )
    # The same on the API.
    from kumppani.accounts.services import api_token_create

    token = api_token_create(user=reviewer)
    response = Client().get(
        f"/api/v1/grant-applications/{application.pk}", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 403


def test_the_decision_letter_goes_through_the_email_mechanism_once(
    world: World, django_capture_on_commit_callbacks: Any, monkeypatch: Any
) -> None:
    from kumppani.core import notifications

    delivered: list[Any] = []
    original = notifications.emails_deliver

    def spy(emails: Any) -> int:
        emails = list(emails)
        delivered.extend(emails)
        return original(emails)

    monkeypatch.setattr("kumppani.grants.services.decisions.emails_deliver", spy)
    programme = programme_with_criteria(world, budget_eur=Decimal("5000"))
    application = submitted(programme, association=world.association, amount_eur=Decimal("900"))
    with django_capture_on_commit_callbacks(execute=True):
        decision_make(
            application=application, user=world.liaison, amount_eur=Decimal("900"), reasons="Ok."
        )
    assert len(delivered) == 1 and len(mail.outbox) == 1
    (filename, content, mimetype) = delivered[0].attachments[0]
    assert mimetype == "application/pdf" and content.startswith(b"%PDF")
    assert mail.outbox[0].attachments[0][0] == filename
