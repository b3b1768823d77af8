"""Use reports: the representative submits, the officer accepts or returns with a comment, the
applicants are emailed; reminders go once before the due date and once when overdue."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from kumppani.accounts.testing import World
from kumppani.grants.models import UseReport
from kumppani.grants.selectors_pay import overdue_use_reports
from kumppani.grants.services.use_reports import (
    use_report_reminders_send,
    use_report_review,
    use_report_submit,
)
from kumppani.grants.tests.factories import (
    ApplicationFactory,
    DecisionFactory,
    UseReportFactory,
)

pytestmark = pytest.mark.django_db


def _report(world: World, *, due_in: int = 60, **kwargs: Any) -> UseReport:
    application = ApplicationFactory.create(
        association=world.association, status="decided", contact_email="yhteys@example.org"
    )
    decision = DecisionFactory.create(application=application, amount_eur=Decimal("2000"))
    return UseReportFactory.create(
        decision=decision, due_on=timezone.localdate() + dt.timedelta(days=due_in), **kwargs
    )


def test_submit_and_accept(world: World, django_capture_on_commit_callbacks: Any) -> None:
    report = _report(world)
    with pytest.raises(ValidationError) as error:
        use_report_submit(report=report, user=world.rep, text=" ", spent_eur=None)
    assert set(error.value.message_dict) == {"text", "spent_eur"}
    with pytest.raises(PermissionDenied):
        use_report_submit(report=report, user=world.other_rep, text="x", spent_eur=Decimal(1))
    use_report_submit(
        report=report, user=world.rep, text="Katto korjattiin.", spent_eur=Decimal("1950")
    )
    report.refresh_from_db()
    assert report.status == "submitted" and report.submitted_by == world.rep
    with pytest.raises(ValidationError, match="on jo lähetetty"):
        use_report_submit(report=report, user=world.rep, text="Toinen", spent_eur=Decimal(1))
    with pytest.raises(PermissionDenied):
        use_report_review(report=report, user=world.rep, accept=True)
    with django_capture_on_commit_callbacks(execute=True):
        use_report_review(report=report, user=world.liaison, accept=True, comment="")
    report.refresh_from_db()
    assert report.status == "accepted"
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == ["rep@example.org", "yhteys@example.org"]
    assert "hyväksyttiin" in mail.outbox[0].subject  # in the application's language


def test_return_needs_a_comment_and_reopens(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    report = _report(world, status="submitted", text="Alku", spent_eur=Decimal("10"))
    with pytest.raises(ValidationError) as error:
        use_report_review(report=report, user=world.liaison, accept=False, comment="  ")
    assert "comment" in error.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        use_report_review(
            report=report, user=world.liaison, accept=False, comment="Liitä kuitit mukaan."
        )
    report.refresh_from_db()
    assert report.status == "returned"
    assert "Liitä kuitit mukaan." in mail.outbox[0].body
    use_report_submit(report=report, user=world.rep, text="Kuitit", spent_eur=Decimal("10"))
    report.refresh_from_db()
    assert report.status == "submitted"


def test_use_report_pages(
    client_for: Any, world: World, django_capture_on_commit_callbacks: Any
) -> None:
    report = _report(world)
    pk = report.decision.application_id
    rep = client_for("rep")
    url = f"/en/grants/applications/{pk}/use-report/"
    response = rep.post(url, {"text": "Kylätalon katto", "spent_eur": ""})
    assert response.status_code == 200
    assert "Kylätalon katto" in response.content.decode()  # kept
    response = rep.post(url, {"text": "Kylätalon katto", "spent_eur": "1999.50"})
    assert response.status_code == 302
    html = rep.get(url).content.decode()
    assert 'name="text"' not in html and "Kylätalon katto" in html  # read-only now
    officer = client_for("liaison")
    review = f"/en/grants/applications/{pk}/use-report/review/"
    response = officer.post(review, {"decision": "return", "comment": ""})
    assert response.status_code == 200
    assert "Tell the applicant what to change" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(review, {"decision": "return", "comment": "Lisää kuitit."})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert 'name="text"' in rep.get(url).content.decode()  # can be changed again


def test_reminders_once_before_and_once_overdue(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    soon = _report(world, due_in=10)
    later = _report(world, due_in=40)
    late = _report(world, due_in=-1)
    done = _report(world, due_in=-5, status="accepted")
    with django_capture_on_commit_callbacks(execute=True):
        assert use_report_reminders_send() == 2
    assert len(mail.outbox) == 2
    subjects = sorted(m.subject for m in mail.outbox)
    assert any("myöhässä" in s for s in subjects)
    for m in mail.outbox:
        assert "rep@example.org" in m.to and "yhteys@example.org" in m.to
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--kind", "grant_use_report_due", stdout=io.StringIO())
        assert use_report_reminders_send() == 0
    assert len(mail.outbox) == 2
    # Ten days later the other report becomes due: only it is reminded.
    with django_capture_on_commit_callbacks(execute=True):
        sent = use_report_reminders_send(today=timezone.localdate() + dt.timedelta(days=30))
    # later is within 14 days; soon is now overdue (its before-reminder was sent already).
    assert sent == 2
    for report in (soon, later, late):
        report.refresh_from_db()
    assert late.reminded_overdue_at is not None and late.reminded_before_at is None
    assert soon.reminded_before_at is not None and soon.reminded_overdue_at is not None
    done.refresh_from_db()
    assert done.reminded_overdue_at is None


def test_overdue_blocks(world: World) -> None:
    late = _report(world, due_in=-1)
    _report(world, due_in=5)
    assert list(overdue_use_reports(world.association.pk)) == [late]
    assert not overdue_use_reports(world.other_association.pk).exists()


def test_officer_list_filters_with_constant_queries(
    client_for: Any, world: World, django_assert_max_num_queries: Any
) -> None:
    _report(world, due_in=-1)
    _report(world, due_in=5)
    _report(world, due_in=5, status="submitted")
    client = client_for("liaison")
    url = f"/en/grants/manage/{world.municipality.code}/use-reports/"
    assert "3 use reports" in client.get(url).content.decode()
    assert "1 use report" in client.get(url + "?show=overdue").content.decode()
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for _ in range(10):
        _report(world, due_in=3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert "13 use reports" in response.content.decode()


def test_applicant_pages_say_what_is_missing(client_for: Any, world: World) -> None:
    from kumppani.grants.tests.factories import ProgrammeReviewerFactory

    undecided = ApplicationFactory.create(association=world.association, status="submitted")
    page = client_for("rep").get(f"/en/grants/applications/{undecided.pk}/payments/")
    assert "No decision has been made on this application yet" in page.content.decode()
    assert (
        client_for("rep").get(f"/en/grants/applications/{undecided.pk}/use-report/").status_code
        == 404
    )
    late = _report(world, due_in=-3)
    pk = late.decision.application_id
    html = client_for("rep").get(f"/en/grants/applications/{pk}/use-report/").content.decode()
    assert "The use report is overdue" in html
    # A named reviewer of the programme is not an officer: payments are not theirs to see.
    reviewer = ProgrammeReviewerFactory.create(programme=late.decision.application.programme).user
    client = client_for("anonymous")
    client.force_login(reviewer)
    assert client.get(f"/en/grants/applications/{pk}/payments/").status_code == 403
