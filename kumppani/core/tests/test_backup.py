"""make backup / make restore: the round trip brings back exactly what was backed up."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from kumppani.associations.models import Association
from kumppani.geography.models import Municipality


def test_backup_and_restore_round_trip(tmp_path: Path, transactional_db: None) -> None:
    # Asking for transactional_db by name lets the root conftest put the reference data back.
    if connection.vendor == "postgresql" and shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not on PATH")
    home = Municipality.objects.get(code="837")
    kept = Association.objects.create(name_fi="Varmuuskopioyhdistys ry", home_municipality=home)
    backup = tmp_path / "kumppani.backup"
    call_command("backup_database", output=str(backup))
    assert backup.stat().st_size > 0

    Association.objects.filter(pk=kept.pk).update(name_fi="Muutettu jälkeenpäin ry")
    later = Association.objects.create(name_fi="Myöhempi yhdistys ry", home_municipality=home)
    call_command("restore_database", str(backup), yes=True)

    assert Association.objects.get(pk=kept.pk).name_fi == "Varmuuskopioyhdistys ry"
    assert not Association.objects.filter(pk=later.pk).exists()
    assert Municipality.objects.count() == 308
