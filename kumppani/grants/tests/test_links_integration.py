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


# --- moving a common period -------------------------------------------------------------------


def test_a_period_with_submissions_can_be_extended_but_not_shortened(world: World) -> None:
    import datetime as dt

    from django.core.exceptions import ValidationError
    from django.utils import translation

    from kumppani.grants.models import ApplicationPeriod
    from kumppani.grants.services.periods import period_update
    from kumppani.grants.tests.factories import ApplicationPeriodFactory

    period = ApplicationPeriodFactory.create()
    programme = ProgrammeFactory.create(
        period=period, opens_at=period.opens_at, closes_at=period.closes_at
    )
    closes = period.closes_at
    # No applications yet: shortening is fine.
    period_update(period=period, actor=world.liaison, closes_at=closes - dt.timedelta(days=1))
    submitted(programme, association=world.association)
    period.refresh_from_db()
    closes = period.closes_at
    with translation.override("fi"), pytest.raises(ValidationError) as error:
        period_update(period=period, actor=world.liaison, closes_at=closes - dt.timedelta(days=1))
    assert "jatkaa mutta ei lyhentää" in " ".join(error.value.message_dict["closes_at"])
    with pytest.raises(ValidationError) as error:
        period_update(
            period=period, actor=world.liaison, opens_at=period.opens_at + dt.timedelta(days=1)
        )
    assert "opens_at" in error.value.message_dict
    assert ApplicationPeriod.objects.get(pk=period.pk).closes_at == closes
    # Extending is fine and moves the programme; re-saving the same times too.
    period_update(period=period, actor=world.liaison, closes_at=closes + dt.timedelta(days=3))
    programme.refresh_from_db()
    assert programme.closes_at == closes + dt.timedelta(days=3)
    period_update(
        period=period, actor=world.liaison, name_fi="Syksy", closes_at=programme.closes_at
    )


def test_a_closed_period_cannot_be_moved(world: World, client_for: Any) -> None:
    import datetime as dt

    from django.utils import timezone

    from kumppani.grants.models import ApplicationPeriod
    from kumppani.grants.tests.factories import ApplicationPeriodFactory

    now = timezone.now()
    period = ApplicationPeriodFactory.create(
        opens_at=now - dt.timedelta(days=30), closes_at=now - dt.timedelta(days=1)
    )
    local = timezone.localtime(now + dt.timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")
    opens = timezone.localtime(period.opens_at).strftime("%Y-%m-%dT%H:%M")
    response = client_for("liaison").post(
        reverse("grants:period_edit", args=[period.pk]),
        {"name_fi": "Kevät", "name_sv": "", "name_en": "", "opens_at": opens, "closes_at": local},
        HTTP_ACCEPT_LANGUAGE="fi",
    )
    assert response.status_code == 200
    assert "ei voi siirtää" in response.content.decode()
    assert ApplicationPeriod.objects.get(pk=period.pk).closes_at == period.closes_at


# --- audit labels -----------------------------------------------------------------------------


def test_grants_audit_actions_are_shown_as_words(world: World, client_for: Any) -> None:
    import re
    from pathlib import Path

    from kumppani.accounts.audit_display import ACTION_LABELS

    programme = programme_with_criteria(world)
    programme_reviewer_add(programme=programme, email=world.rep.email, actor=world.liaison)
    page = client_for("admin").get("/fi/people/audit/", {"action": "grants"}).content.decode()
    assert "Nimesi avustusten arvioijan" in page
    assert "grants.reviewer.add" not in page
    # Every action the grants app and the board members record has a label.
    root = Path(__file__).resolve().parents[2]
    sources = [*root.joinpath("grants").rglob("*.py"), root / "associations" / "services.py"]
    actions = set()
    for path in sources:
        if "tests" not in path.parts:
            actions |= set(
                re.findall(r'action="((?:grant|board_member)[a-z_.]+)"', path.read_text())
            )
    assert actions and actions <= set(ACTION_LABELS)


# --- personal data ----------------------------------------------------------------------------


def test_board_memberships_are_exported_and_unlinked_on_erasure(
    world: World, client_for: Any
) -> None:
    import json

    from kumppani.accounts.personal_data import user_erase
    from kumppani.associations.models import BoardMember

    by_user = BoardMemberFactory.create(
        association=world.association, user=world.rep, name="Rep Hallitus", email=""
    )
    by_email = BoardMemberFactory.create(
        association=world.other_association, email=world.rep.email.upper(), name="Rep H."
    )
    someone = BoardMemberFactory.create(association=world.association)
    data = json.loads(client_for("rep").get("/fi/people/me/data.json").content)["associations"]
    assert sorted(m["association"] for m in data["board_memberships"]) == sorted(
        [world.association.pk, world.other_association.pk]
    )
    assert {m["name"] for m in data["board_memberships"]} == {"Rep Hallitus", "Rep H."}

    user_erase(user=world.rep)
    for member in (by_user, by_email):
        member.refresh_from_db()
        assert member.user_id is None and member.email == ""
    assert BoardMember.objects.get(pk=someone.pk).email == someone.email
