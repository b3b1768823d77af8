"""Services: liaisons, the guide's versions, adoptions, reminders, annual cycle entries."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from kumppani.accounts.testing import World, pdf_bytes
from kumppani.cooperation import services
from kumppani.cooperation.guide_render import narrative_diff
from kumppani.cooperation.models import GuideStatus, GuideTemplate
from kumppani.cooperation.models.agreements import validate_attachment
from kumppani.cooperation.reminders import agreement_reminders_send
from kumppani.cooperation.tests.factories import (
    AgreementFactory,
    CycleEntryFactory,
    GoodPracticeFactory,
    LiaisonFactory,
)
from kumppani.core.markdown import render_markdown

pytestmark = pytest.mark.django_db


def test_liaison_needs_a_name_and_sane_hours(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        services.liaison_create(municipality=world.municipality, name="", hours_per_month=999)
    assert {"name", "hours_per_month"} <= set(error.value.message_dict)


def test_guide_starts_from_template_and_keeps_every_published_version(world: World) -> None:
    GuideTemplate.objects.create(
        name="Pohja", narrative={"strategy": {"fi": "Kirjoita tähän kunnan painopisteet."}}
    )
    first = services.guide_start(municipality=world.municipality, actor=world.liaison)
    assert first.number == 1 and first.status == GuideStatus.DRAFT
    assert "painopisteet" in first.text("strategy", "fi")
    with pytest.raises(ValidationError):
        services.guide_start(municipality=world.municipality, actor=world.liaison)
    services.guide_publish(version=first, actor=world.liaison)
    second = services.guide_draft_get_or_create(guide=first.guide, actor=world.liaison)
    assert second.number == 2 and second.text("strategy", "fi") == first.text("strategy", "fi")
    assert services.guide_draft_get_or_create(guide=first.guide, actor=world.liaison) == second
    services.guide_draft_save(
        version=second, narrative={"strategy": {"fi": "Hyvinvointi ja elinvoima."}}
    )
    services.guide_publish(version=second, actor=world.liaison)
    first.refresh_from_db()
    assert first.status == GuideStatus.PUBLISHED  # the old version is kept
    diffs = [d for d in narrative_diff(first, second) if d.changed]
    ops = {(line.op, line.text) for line in diffs[0].lines}
    assert ("removed", "Kirjoita tähän kunnan painopisteet.") in ops
    assert ("added", "Hyvinvointi ja elinvoima.") in ops
    with pytest.raises(ValidationError):
        services.guide_draft_save(version=second, narrative={})


def test_empty_draft_cannot_be_published(world: World) -> None:
    draft = services.guide_start(municipality=world.municipality, actor=world.liaison)
    with pytest.raises(ValidationError):
        services.guide_publish(version=draft, actor=world.liaison)


def test_markdown_is_sanitised() -> None:
    html = render_markdown(
        "# Otsikko\n\n<script>alert(1)</script> **tärkeä** [linkki](javascript:alert(1))"
    )
    assert "<script" not in html and "javascript:" not in html
    assert "<strong>tärkeä</strong>" in html
    assert "<h3>Otsikko</h3>" in html  # headings sit under the section's h2


def test_adoption_once_per_municipality_and_not_by_the_origin(world: World) -> None:
    practice = GoodPracticeFactory.create(origin_municipality=world.other_municipality)
    services.adoption_record(
        practice=practice, municipality=world.municipality, adopted_on=dt.date(2026, 3, 1)
    )
    with pytest.raises(ValidationError):
        services.adoption_record(
            practice=practice, municipality=world.municipality, adopted_on=dt.date(2026, 3, 2)
        )
    with pytest.raises(ValidationError):
        services.adoption_record(
            practice=practice,
            municipality=world.other_municipality,
            adopted_on=dt.date(2026, 3, 2),
        )


def test_reminders_go_60_and_14_days_before_the_end_once_each(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    LiaisonFactory.create(municipality=world.municipality, email="kaisa@example.org")
    LiaisonFactory.create(municipality=world.far_municipality, email="tampere@example.org")
    end = dt.date(2026, 6, 30)
    AgreementFactory.create(
        municipality=world.municipality,
        association=world.association,
        start=dt.date(2025, 1, 1),
        end=end,
    )
    AgreementFactory.create(  # far from its end: no reminder
        municipality=world.municipality, association=world.association, end=dt.date(2027, 6, 30)
    )

    def run(day: dt.date) -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return agreement_reminders_send(today=day)

    day_60 = end - dt.timedelta(days=60)
    assert run(day_60 - dt.timedelta(days=1)) == 0
    assert run(day_60) == 1
    assert run(day_60 + dt.timedelta(days=1)) == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["kaisa@example.org"]
    assert "30.6.2026" in mail.outbox[0].subject  # the Finnish date format
    assert "60" in mail.outbox[0].body
    day_14 = end - dt.timedelta(days=14)
    assert run(day_14) == 1
    assert run(day_14 + dt.timedelta(days=3)) == 0
    assert len(mail.outbox) == 2
    assert "14" in mail.outbox[1].body


def test_management_command_sends_reminders(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    LiaisonFactory.create(municipality=world.municipality, email="kaisa@example.org")
    from django.utils import timezone

    AgreementFactory.create(
        municipality=world.municipality,
        association=world.association,
        end=timezone.localdate() + dt.timedelta(days=10),
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("sopimus.pdf", pdf_bytes(), True),
        ("sopimus.pdf", b"%PDF-1.7 ...", False),
        ("sopimus.docx", _docx(), True),
        ("sopimus.docx", b"PK\x03\x04 not really a document", False),
        ("sopimus.exe", b"MZ...", False),
        ("sopimus.pdf", b"<html>", False),
        ("iso.pdf", b"%PDF" + b"0" * (5 * 1024 * 1024), False),
    ],
)
def test_attachment_validation(name: str, content: bytes, ok: bool) -> None:
    upload = SimpleUploadedFile(name, content)
    if ok:
        validate_attachment(upload)
    else:
        with pytest.raises(ValidationError):
            validate_attachment(upload)


def test_recurring_entry_occurs_every_year_and_leap_day_is_kept(world: World) -> None:
    entry = CycleEntryFactory.create(municipality=world.municipality, month=2, day=29)
    dates = [
        first for first, _last in entry.occurrences(dt.date(2027, 1, 1), dt.date(2028, 12, 31))
    ]
    assert dates == [dt.date(2027, 2, 28), dt.date(2028, 2, 29)]
    once = CycleEntryFactory.create(
        municipality=world.municipality, month=5, day=1, recurring=False, year=2027
    )
    assert len(once.occurrences(dt.date(2026, 1, 1), dt.date(2028, 12, 31))) == 1
    with pytest.raises(ValidationError):
        services.cycle_entry_create(
            municipality=world.municipality, title_fi="Väärä", month=4, day=31
        )


def test_publishing_is_audited_and_liaison_profile_is_in_the_personal_data_export(
    world: World,
) -> None:
    from kumppani.accounts.models import AuditEvent
    from kumppani.accounts.personal_data import personal_data_export

    LiaisonFactory.create(municipality=world.municipality, user=world.liaison, name="Kaisa")
    draft = services.guide_start(municipality=world.municipality, actor=world.liaison)
    services.guide_draft_save(version=draft, narrative={"strategy": {"fi": "Teksti"}})
    services.guide_publish(version=draft, actor=world.liaison)
    assert AuditEvent.objects.filter(action="guide.publish", actor=world.liaison).exists()
    exported = personal_data_export(user=world.liaison)["cooperation"]
    assert exported["liaison_profiles"][0]["name"] == "Kaisa"
    assert exported["guide_versions_published"][0]["version"] == 1
