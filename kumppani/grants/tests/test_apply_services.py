"""The application path's services: prefill, per-question saves, versions, deadline, reopen."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kumppani.accounts.audit import AuditEvent
from kumppani.accounts.models import Role
from kumppani.accounts.services import role_assign
from kumppani.accounts.testing import World
from kumppani.associations.tests.factories import UserFactory
from kumppani.grants.models import ApplicationVersion, Reopening
from kumppani.grants.services.application_reopen import application_reopen
from kumppani.grants.services.application_values import answer_fingerprint, field_fingerprint
from kumppani.grants.services.applications import (
    ApplicationClosed,
    StaleVersion,
    application_save,
    application_start,
    application_submit,
)
from kumppani.grants.tests.factories import (
    ApplicationFactory,
    DecisionFactory,
    ProgrammeFactory,
    QuestionFactory,
    UseReportFactory,
)

pytestmark = pytest.mark.django_db


def _second_rep(world: World) -> Any:
    second = UserFactory.create(email="second@example.org", full_name="Toinen Edustaja")
    role_assign(user=second, role=Role.REPRESENTATIVE, association=world.association)
    return second


def test_start_prefills_from_the_association_and_the_user(world: World) -> None:
    world.association.email = "kyla@example.org"
    world.association.phone = "040 123 4567"
    world.association.save()
    programme = ProgrammeFactory.create()
    application = application_start(
        programme=programme, association=world.association, user=world.rep
    )
    assert application.contact_email == "kyla@example.org"
    assert application.contact_phone == "040 123 4567"
    assert application.contact_name == world.rep.full_name
    assert application.language == "fi"
    assert application.version == 1
    # A second representative continues the same draft.
    again = application_start(
        programme=programme, association=world.association, user=_second_rep(world)
    )
    assert again.pk == application.pk


def test_start_is_refused_when_the_programme_is_not_open(world: World) -> None:
    programme = ProgrammeFactory.create(
        opens_at=timezone.now() + dt.timedelta(days=1),
        closes_at=timezone.now() + dt.timedelta(days=10),
    )
    with pytest.raises(ValidationError, match="Avustusta ei voi nyt hakea"):
        application_start(programme=programme, association=world.association, user=world.rep)


def test_an_overdue_use_report_blocks_a_new_application(world: World) -> None:
    old = ProgrammeFactory.create(title_fi="Kylätalojen korjausavustus")
    decision = DecisionFactory.create(
        application=ApplicationFactory.create(
            programme=old, association=world.association, status="decided"
        )
    )
    UseReportFactory.create(decision=decision, due_on=dt.date(2026, 3, 31), status="due")
    with pytest.raises(ValidationError) as caught:
        application_start(
            programme=ProgrammeFactory.create(), association=world.association, user=world.rep
        )
    message = " ".join(caught.value.messages)
    assert "Kylätalojen korjausavustus" in message
    assert "31.3.2026" in message


def test_a_submitted_use_report_does_not_block(world: World) -> None:
    decision = DecisionFactory.create(
        application=ApplicationFactory.create(association=world.association, status="decided")
    )
    UseReportFactory.create(decision=decision, due_on=dt.date(2026, 3, 31), status="submitted")
    application_start(
        programme=ProgrammeFactory.create(), association=world.association, user=world.rep
    )


def test_two_representatives_saving_different_questions_both_keep_their_work(
    world: World,
) -> None:
    programme = ProgrammeFactory.create()
    first_q = QuestionFactory.create(programme=programme)
    second_q = QuestionFactory.create(programme=programme)
    application = application_start(
        programme=programme, association=world.association, user=world.rep
    )
    shown = {f"q{first_q.pk}": answer_fingerprint(first_q, None)}
    shown[f"q{second_q.pk}"] = answer_fingerprint(second_q, None)
    other = _second_rep(world)
    application_save(
        application=application,
        user=world.rep,
        fields={},
        answers={first_q.pk: "A:n teksti", second_q.pk: ""},
        fingerprints=shown,
    )
    result = application_save(
        application=application,
        user=other,
        fields={},
        answers={first_q.pk: "", second_q.pk: "B:n teksti"},
        fingerprints=shown,
    )
    assert result.conflicts == []
    answers = dict(application.answers.values_list("question_id", "value"))
    assert answers == {first_q.pk: "A:n teksti", second_q.pk: "B:n teksti"}
    application.refresh_from_db()
    assert application.version == 3
    assert ApplicationVersion.objects.filter(application=application).count() == 3


def test_the_same_question_changed_meanwhile_is_not_overwritten(world: World) -> None:
    programme = ProgrammeFactory.create()
    question = QuestionFactory.create(programme=programme)
    application = application_start(
        programme=programme, association=world.association, user=world.rep
    )
    shown = {f"q{question.pk}": answer_fingerprint(question, None)}
    application_save(
        application=application,
        user=world.rep,
        fields={},
        answers={question.pk: "Ensimmäinen"},
        fingerprints=shown,
    )
    result = application_save(
        application=application,
        user=_second_rep(world),
        fields={},
        answers={question.pk: "Toinen"},
        fingerprints=shown,
    )
    assert result.conflicts == [f"q{question.pk}"]
    assert application.answers.get().value == "Ensimmäinen"
    # Saving again with the fingerprint the server returned replaces it deliberately.
    application_save(
        application=application,
        user=world.rep,
        fields={},
        answers={question.pk: "Toinen"},
        fingerprints=result.fingerprints,
    )
    assert application.answers.get().value == "Toinen"


def test_fields_are_saved_with_fingerprints_too(world: World) -> None:
    programme = ProgrammeFactory.create()
    application = application_start(
        programme=programme, association=world.association, user=world.rep
    )
    shown = {"amount_eur": field_fingerprint("amount_eur", None)}
    application_save(
        application=application,
        user=world.rep,
        fields={"amount_eur": "1 500,50"},
        answers={},
        fingerprints=shown,
    )
    application.refresh_from_db()
    assert application.amount_eur == Decimal("1500.50")


def test_a_stale_version_is_refused(world: World) -> None:
    application = application_start(
        programme=ProgrammeFactory.create(), association=world.association, user=world.rep
    )
    application_save(
        application=application, user=world.rep, fields={"purpose": "Uusi"}, answers={}, version=1
    )
    with pytest.raises(StaleVersion):
        application_save(
            application=application,
            user=world.rep,
            fields={"purpose": "Vanha"},
            answers={},
            version=1,
        )
    application.refresh_from_db()
    assert application.purpose == "Uusi"


def test_submit_stores_a_version_whose_hash_is_the_receipts(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    programme = ProgrammeFactory.create()
    question = QuestionFactory.create(programme=programme, required=True)
    application = application_start(
        programme=programme, association=world.association, user=world.rep
    )
    with pytest.raises(ValidationError, match="pakollisiin kysymyksiin"):
        application_submit(application=application, user=world.rep)
    application_save(
        application=application,
        user=world.rep,
        fields={"amount_eur": "1200", "purpose": "Äänentoistolaitteet"},
        answers={question.pk: "Vastaus ✓"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        stored = application_submit(application=application, user=world.rep)
    application.refresh_from_db()
    assert application.status == "submitted"
    assert application.submitted_version == stored.number == application.version
    assert stored.submitted
    assert hashlib.sha256(stored.content.encode("utf-8")).hexdigest() == stored.sha256
    assert application.submitted_sha256 == stored.sha256
    content = json.loads(stored.content)
    assert content["answers"] == {str(question.pk): "Vastaus ✓"}
    assert "✓" in stored.content  # ensure_ascii=False
    assert stored.content == json.dumps(
        content, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    assert len(mail.outbox) == 1
    assert stored.sha256 in mail.outbox[0].body
    assert world.rep.email in mail.outbox[0].to


def test_a_submit_one_second_after_the_deadline_is_refused(world: World) -> None:
    closes = timezone.now() + dt.timedelta(hours=1)
    programme = ProgrammeFactory.create(closes_at=closes)
    application = application_start(
        programme=programme, association=world.association, user=world.rep
    )
    application_save(
        application=application, user=world.rep, fields={"amount_eur": "10"}, answers={}
    )
    application.refresh_from_db()
    version = application.version
    with pytest.raises(ApplicationClosed, match="Määräaika päättyi"):
        application_submit(
            application=application, user=world.rep, now=closes + dt.timedelta(seconds=1)
        )
    with pytest.raises(ApplicationClosed):
        application_save(
            application=application,
            user=world.rep,
            fields={"purpose": "Myöhässä"},
            answers={},
            now=closes,
        )
    application.refresh_from_db()
    assert (application.status, application.version, application.purpose) == (
        "draft",
        version,
        "",
    )
    # One second before the deadline is still in time.
    application_submit(
        application=application, user=world.rep, now=closes - dt.timedelta(seconds=1)
    )
    application.refresh_from_db()
    assert application.status == "submitted"


def test_reopen_is_logged_and_the_applicants_told(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    now = timezone.now()
    programme = ProgrammeFactory.create(closes_at=now + dt.timedelta(hours=1))
    application = application_start(
        programme=programme, association=world.association, user=world.rep
    )
    application_save(
        application=application, user=world.rep, fields={"amount_eur": "10"}, answers={}
    )
    application_submit(application=application, user=world.rep)
    after = now + dt.timedelta(hours=2)
    with pytest.raises(PermissionDenied):
        application_reopen(
            application=application, user=world.rep, reason="x", until=after, now=after
        )
    until = after + dt.timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        application_reopen(
            application=application,
            user=world.liaison,
            reason="Liite puuttui teknisen vian vuoksi.",
            until=until,
            now=after,
        )
    application.refresh_from_db()
    assert application.status == "reopened"
    assert Reopening.objects.get(application=application).reason.startswith("Liite puuttui")
    event = AuditEvent.objects.get(action="grant_application.reopen")
    assert "Liite puuttui" in event.summary
    assert world.rep.email in mail.outbox[-1].to
    # The applicant can change it again until then, and submit.
    application_save(
        application=application,
        user=world.rep,
        fields={"purpose": "Korjattu"},
        answers={},
        now=after + dt.timedelta(hours=1),
    )
    application_submit(application=application, user=world.rep, now=after + dt.timedelta(hours=1))
    application.refresh_from_db()
    assert application.status == "submitted"
