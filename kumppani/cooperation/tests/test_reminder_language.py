"""A Swedish-majority municipality's liaisons get their reminders in Swedish."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from kumppani.accounts.testing import World
from kumppani.cooperation.tests.factories import AgreementFactory, LiaisonFactory
from kumppani.geography.models import LanguageStatus

pytestmark = pytest.mark.django_db


def test_agreement_reminder_in_swedish_for_a_swedish_municipality(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    world.municipality.language_status = LanguageStatus.BILINGUAL_SV
    world.municipality.save(update_fields=["language_status"])
    LiaisonFactory.create(municipality=world.municipality, email="maja@example.org")
    end = timezone.localdate() + dt.timedelta(days=10)
    agreement = AgreementFactory.create(
        municipality=world.municipality,
        association=world.association,
        title="Byahuset & Co",
        end=end,
    )
    shown = f"{end.day}.{end.month}.{end.year}"  # 5.3.2026
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--kind", "agreement_ending", stdout=io.StringIO())
    [message] = mail.outbox
    assert message.subject.startswith("Partnerskapsavtalet upphör ")
    assert message.subject == f"Partnerskapsavtalet upphör {shown}: Byahuset & Co"
    assert shown in message.body
    assert "Byahuset & Co" in message.body  # plain text: nothing HTML-escaped
    assert "/sv/" in message.body and str(agreement.pk) in message.body
