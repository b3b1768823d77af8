"""The shared mechanisms: notifications, reminders and the scheduler, Markdown."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils.translation import gettext_lazy

from kumppani.core import reminders
from kumppani.core.management.commands.scheduler import build_scheduler, enqueue_reminders
from kumppani.core.markdown import render_markdown
from kumppani.core.notifications import Email, email_send, emails_deliver

pytestmark = pytest.mark.django_db


@pytest.fixture
def email_template(settings: Any, tmp_path: Path) -> str:
    (tmp_path / "probe").mkdir()
    (tmp_path / "probe" / "mail.txt").write_text(
        '{% load i18n %}{% autoescape off %}{% translate "Search" %} {{ name }}\n'
        "{{ site_root }}{% url 'core:home' %}{% endautoescape %}"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [str(tmp_path)]},
    ]
    return "probe/mail.txt"


# A msgid of the associations catalogue (a variable, so makemessages does not copy it here).
SUBJECT = "Invitation to represent %(name)s"


def _email(template: str, language: str) -> Email:
    return Email(
        to=["maja@example.org"],
        subject=gettext_lazy(SUBJECT),
        subject_params={"name": "Byaföreningen & co"},
        template=template,
        context={"name": "Byaföreningen & co"},
        language=language,
    )


def test_email_is_rendered_in_the_recipients_language(email_template: str, settings: Any) -> None:
    settings.SITE_ROOT = "https://kumppani.example"
    assert emails_deliver([_email(email_template, "sv")]) == 1
    message = mail.outbox[0]
    assert message.subject == "Inbjudan att representera Byaföreningen & co"
    assert message.body == "Sök Byaföreningen & co\nhttps://kumppani.example/sv/"
    emails_deliver([_email(email_template, "fi")])
    assert mail.outbox[1].body == "Haku Byaföreningen & co\nhttps://kumppani.example/fi/"


def test_email_goes_only_after_the_commit(
    email_template: str, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        email_send(_email(email_template, "en"))
        assert mail.outbox == []
    assert len(callbacks) == 1
    assert [m.to for m in mail.outbox] == [["maja@example.org"]]


@pytest.fixture
def probe_kind(monkeypatch: Any) -> list[dt.date]:
    """A reminder kind that, like the real ones, records what it sent and sends it once."""
    monkeypatch.setattr(reminders, "_kinds", dict(reminders._kinds))
    recorded: list[dt.date] = []

    def send(*, today: dt.date | None = None) -> int:
        assert today is not None
        if today in recorded:
            return 0
        recorded.append(today)
        return 1

    reminders.register_reminder("probe", send)
    return recorded


def test_apps_register_their_reminder_kinds() -> None:
    assert {"agreement_ending", "plan_step_due"} <= set(reminders.reminder_kinds())


def test_one_command_runs_every_kind_and_each_reminder_goes_once(probe_kind: list[dt.date]) -> None:
    out = io.StringIO()
    call_command("send_reminders", "--date", "2026-05-04", stdout=out)
    assert "probe: 1 reminder(s) sent." in out.getvalue()
    assert "agreement_ending: 0 reminder(s) sent." in out.getvalue()
    out = io.StringIO()
    call_command("send_reminders", "--date", "2026-05-04", "--kind", "probe", stdout=out)
    assert out.getvalue() == "probe: 0 reminder(s) sent.\n"
    assert probe_kind == [dt.date(2026, 5, 4)]


def test_a_failing_kind_does_not_stop_the_others(probe_kind: list[dt.date]) -> None:
    def broken(*, today: dt.date | None = None) -> int:
        raise ValueError("boom")

    reminders.register_reminder("broken", broken)
    with pytest.raises(RuntimeError, match="broken"):
        reminders.reminders_send(today=dt.date(2026, 5, 4))
    assert probe_kind == [dt.date(2026, 5, 4)]


def test_scheduler_enqueues_the_daily_reminders_for_the_worker(
    probe_kind: list[dt.date],
) -> None:
    scheduler = build_scheduler(hour=7, minute=30)
    job = scheduler.get_job("send_reminders")
    assert job is not None and job.func is enqueue_reminders
    assert str(job.trigger) == "cron[hour='7', minute='30']"
    enqueue_reminders()  # the tests run tasks immediately; production's worker runs them
    assert len(probe_kind) == 1


def test_markdown_policy() -> None:
    html = render_markdown(
        "# Otsikko\n\n<script>alert(1)</script> **tärkeä** [linkki](javascript:alert(1)) "
        "[soita](tel:+358401234567) <img src=x onerror=alert(1)>\n\n---\n"
    )
    assert "<script" not in html and "javascript:" not in html and "<img" not in html
    assert "<h3>Otsikko</h3>" in html
    assert "<strong>tärkeä</strong>" in html
    assert '<a href="tel:+358401234567" rel="noopener noreferrer">soita</a>' in html
    assert "<hr>" in html


def test_email_carries_its_attachments(email_template: str) -> None:
    email = Email(
        to=["maja@example.org"],
        subject=gettext_lazy(SUBJECT),
        subject_params={"name": "x"},
        template=email_template,
        language="fi",
        attachments=[("letter.pdf", b"%PDF-1.7 test", "application/pdf")],
    )
    assert emails_deliver([email]) == 1
    assert mail.outbox[0].attachments == [("letter.pdf", b"%PDF-1.7 test", "application/pdf")]
