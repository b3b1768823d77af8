from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from kumppani.accounts.models import AuditEvent
from kumppani.associations.models import Association
from kumppani.associations.search import search

pytestmark = pytest.mark.django_db

HEADER = "registration_number,name_fi,municipality,categories,purpose_fi,member_count\n"
GOOD = (
    "201.001,Liperin Lukupiiri ry,426,culture,Luemme.,20\n"
    ",Rääkkylän Kalastajat ry,707,hobbies;environment,Kalastamme.,\n"
)
BAD = (
    "201.002,Virheellinen ry,999,culture,,\n"  # line 4: unknown municipality
    "201.003,Toinen ry,426,nope,,-3\n"  # line 5: bad category and member count
    "12-34,Kolmas ry,426,culture,,\n"  # line 6: bad register number
)


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "yhdistykset.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def run(path: Path, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_associations", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_good_file_imports_and_reimport_creates_no_duplicates(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    out, _ = run(path)
    assert "2" in out
    assert Association.objects.count() == 2
    lukupiiri = Association.objects.get(registration_number="201.001")
    assert lukupiiri.home_municipality.code == "426" and lukupiiri.member_count == 20
    kalastajat = Association.objects.get(name_fi="Rääkkylän Kalastajat ry")
    assert sorted(c.slug for c in kalastajat.categories.all()) == ["environment", "hobbies"]
    run(path)
    assert Association.objects.count() == 2


def test_file_with_errors_changes_nothing_and_reports_every_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD + BAD)
    with pytest.raises(CommandError):
        run(path, "--language", "en")
    assert Association.objects.count() == 0
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_associations", str(path), "--language", "en", stderr=err)
    report = err.getvalue()
    assert "Line 4: unknown municipality code “999”" in report
    assert "Line 5:" in report and "unknown category “nope”" in report
    assert "member count must be zero or a positive whole number" in report
    assert "greater than or equal" not in report
    assert "Line 6:" in report and "123.456" in report


def test_errors_are_reported_in_finnish(tmp_path: Path) -> None:
    path = write(tmp_path, BAD)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_associations", str(path), stderr=err)
    assert "Rivi 2: tuntematon kuntakoodi “999”" in err.getvalue()


def test_skip_invalid_imports_the_valid_rows(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD + BAD)
    _out, err = run(path, "--skip-invalid")
    assert Association.objects.count() == 2
    assert "Rivi 4" in err


def test_match_on_name_and_municipality_updates(tmp_path: Path) -> None:
    run(write(tmp_path, ",Rääkkylän Kalastajat ry,707,hobbies,Vanha.,\n"))
    run(write(tmp_path, ",Rääkkylän Kalastajat ry,707,hobbies,Uusi.,\n"))
    assert Association.objects.get(name_fi="Rääkkylän Kalastajat ry").purpose_fi == "Uusi."


def test_duplicate_rows_in_one_file_are_reported(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD + "201.001,Liperin Lukupiiri ry,426,culture,,\n")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_associations", str(path), "--language", "en", stderr=err)
    assert "Line 4: the same association is already on line 2" in err.getvalue()


def test_missing_columns_and_bad_encoding(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("name_fi\nX\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_associations", str(path), "--language", "en", stderr=err)
    assert "missing columns: categories, municipality" in err.getvalue()
    path.write_bytes(HEADER.encode() + "Ääni,426\n".encode("latin-1"))
    with pytest.raises(CommandError):
        call_command("import_associations", str(path), "--language", "en", stderr=io.StringIO())


def test_import_goes_through_the_services_and_leaves_audit_records(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    run(path)
    created = AuditEvent.objects.filter(action="association.create")
    assert created.count() == 2
    assert {e.target_id for e in created} == {str(a.pk) for a in Association.objects.all()}
    run(path)
    assert AuditEvent.objects.filter(action="association.update").count() == 2
    # The search index is written for imported associations too.
    assert [a.name_fi for a in search(Association.objects.all(), "lukupiiri")] == [
        "Liperin Lukupiiri ry"
    ]
