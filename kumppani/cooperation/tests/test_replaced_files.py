"""A replaced or removed attachment leaves storage once the change is committed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kumppani.accounts.testing import World, pdf_bytes
from kumppani.cooperation import services
from kumppani.cooperation.tests.factories import AgreementFactory, GoodPracticeFactory

pytestmark = pytest.mark.django_db


def upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def test_a_replaced_agreement_attachment_is_deleted_after_commit(
    world: World, settings: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    agreement = AgreementFactory.create(association=world.association)
    with django_capture_on_commit_callbacks(execute=True):
        services.agreement_update(agreement=agreement, attachment=upload("sopimus.pdf"))
    first = tmp_path / agreement.attachment.name
    assert first.exists()
    with django_capture_on_commit_callbacks(execute=False) as pending:
        services.agreement_update(agreement=agreement, attachment=upload("sopimus-2.pdf"))
    assert first.exists()  # not before the commit
    for callback in pending:
        callback()
    assert not first.exists()
    assert (tmp_path / agreement.attachment.name).exists()


def test_a_cleared_practice_file_is_deleted_and_a_refused_change_keeps_it(
    settings: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    practice = GoodPracticeFactory.create()
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_update(practice=practice, material_file=upload("materiaali.pdf"))
    stored = tmp_path / practice.material_file.name
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.practice_update(practice=practice, title_fi="", material_file=upload("toinen.pdf"))
    assert stored.exists()
    practice.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_update(practice=practice, material_file=False)
    assert not stored.exists()
    assert not practice.material_file
