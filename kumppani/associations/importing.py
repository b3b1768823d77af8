"""Bulk import of associations from CSV (service).

Every bad row is reported with its line number and reason. A file with errors changes nothing
unless ``skip_invalid`` is set. Rows match existing associations on register number, then on
name + home municipality, so importing the same file twice creates no duplicates.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kumppani.associations.models import ActivityLanguage, Association, Category
from kumppani.associations.search import index_associations
from kumppani.associations.services import (
    AssociationFields,
    association_create,
    association_update,
)
from kumppani.geography.models import Municipality

REQUIRED_COLUMNS = {"name_fi", "municipality", "categories"}
OPTIONAL_COLUMNS = {
    "name_sv",
    "registration_number",
    "purpose_fi",
    "purpose_sv",
    "purpose_en",
    "email",
    "phone",
    "website",
    "languages",
    "member_count",
    "uses_municipal_premises",
    "active_municipalities",
}
TRUE_WORDS = {"1", "true", "yes", "kyllä", "k", "ja", "x"}
FALSE_WORDS = {"", "0", "false", "no", "ei", "e", "nej"}
MAX_ROWS = 200_000


@dataclass
class RowError:
    line: int
    message: str


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)
    applied: bool = False


@dataclass
class _Row:
    line: int
    home: Municipality
    fields: AssociationFields
    categories: list[Category]
    languages: list[ActivityLanguage]
    active: list[Municipality]


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.replace(",", ";").split(";") if part.strip()]


def _parse(
    line: int,
    raw: dict[str, str],
    municipalities: dict[str, Municipality],
    categories: dict[str, Category],
    languages: dict[str, ActivityLanguage],
) -> _Row:
    problems: list[str] = []
    values = {k: (v or "").strip() for k, v in raw.items() if k}
    home = municipalities.get(values.get("municipality", "").zfill(3))
    if home is None:
        problems.append(
            _("unknown municipality code “%(code)s”") % {"code": values.get("municipality", "")}
        )
    cats = []
    for slug in _split(values.get("categories", "")):
        if slug not in categories:
            problems.append(_("unknown category “%(slug)s”") % {"slug": slug})
        else:
            cats.append(categories[slug])
    if not cats and not problems:
        problems.append(_("at least one category is required"))
    langs = []
    for code in _split(values.get("languages", "")):
        if code not in languages:
            problems.append(_("unknown language “%(code)s”") % {"code": code})
        else:
            langs.append(languages[code])
    active = []
    for code in _split(values.get("active_municipalities", "")):
        if code.zfill(3) not in municipalities:
            problems.append(_("unknown municipality code “%(code)s”") % {"code": code})
        else:
            active.append(municipalities[code.zfill(3)])
    member_count: int | None = None
    if values.get("member_count"):
        try:
            member_count = int(values["member_count"])
            if member_count < 0:
                raise ValueError
        except ValueError:
            problems.append(_("member count must be zero or a positive whole number"))
            member_count = None
    premises_word = values.get("uses_municipal_premises", "").lower()
    if premises_word not in TRUE_WORDS | FALSE_WORDS:
        problems.append(_("uses_municipal_premises must be yes or no"))
    fields: AssociationFields = {
        "name_fi": values.get("name_fi", ""),
        "name_sv": values.get("name_sv", ""),
        "registration_number": values.get("registration_number", ""),
        "purpose_fi": values.get("purpose_fi", ""),
        "purpose_sv": values.get("purpose_sv", ""),
        "purpose_en": values.get("purpose_en", ""),
        "email": values.get("email", ""),
        "phone": values.get("phone", ""),
        "website": values.get("website", ""),
        "member_count": member_count,
        "uses_municipal_premises": premises_word in TRUE_WORDS,
        "home_municipality": home,
    }
    if home is not None:
        candidate = Association(**fields)
        try:
            candidate.full_clean(
                exclude=["home_municipality"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                if name == NON_FIELD_ERRORS:
                    problems.extend(messages)
                    continue
                label = str(getattr(Association._meta.get_field(name), "verbose_name", name))
                problems.extend(f"{label}: {m}" for m in messages)
    if problems or home is None:
        raise ValidationError("; ".join(problems))
    return _Row(
        line=line, home=home, fields=fields, categories=cats, languages=langs, active=active
    )


def associations_import(
    *, source: Path | io.TextIOBase, skip_invalid: bool = False
) -> ImportReport:
    """Validate every row, then apply the valid ones in one transaction (see module doc)."""
    report = ImportReport()
    handle = source.open(encoding="utf-8-sig", newline="") if isinstance(source, Path) else source
    try:
        reader = csv.DictReader(handle)
        header = set(reader.fieldnames or [])
        missing = REQUIRED_COLUMNS - header
        if missing:
            report.errors.append(
                RowError(
                    1,
                    _("missing columns: %(columns)s") % {"columns": ", ".join(sorted(missing))},
                )
            )
            return report
        municipalities = {m.code: m for m in Municipality.objects.all()}
        categories = {c.slug: c for c in Category.objects.all()}
        languages = {lang.code: lang for lang in ActivityLanguage.objects.all()}
        rows: list[_Row] = []
        seen: dict[str, int] = {}
        for index, raw in enumerate(reader):
            line = reader.line_num
            if index >= MAX_ROWS:
                report.errors.append(RowError(line, _("the file has too many rows")))
                break
            try:
                row = _parse(line, raw, municipalities, categories, languages)
            except ValidationError as error:
                report.errors.append(RowError(line, " ".join(error.messages)))
                continue
            key = row.fields["registration_number"] or (
                f"{row.fields['name_fi'].lower()}|{row.home.code}"
            )
            if key in seen:
                report.errors.append(
                    RowError(
                        line,
                        _("the same association is already on line %(line)s") % {"line": seen[key]},
                    )
                )
                continue
            seen[key] = line
            rows.append(row)
    except (UnicodeDecodeError, csv.Error) as error:
        report.errors.append(
            RowError(0, _("the file is not valid UTF-8 CSV: %(error)s") % {"error": error})
        )
        return report
    finally:
        if isinstance(source, Path):
            handle.close()
    report.skipped = len(report.errors)
    if report.errors and not skip_invalid:
        return report
    try:
        _apply(rows, report)
    except _RolledBack:
        report.created = report.updated = 0
    return report


@transaction.atomic
def _apply(rows: list[_Row], report: ImportReport) -> None:
    """Create or update each row through the association services (rules, audit, search)."""
    numbers = [r.fields["registration_number"] for r in rows if r.fields["registration_number"]]
    by_number = {
        a.registration_number: a
        for a in Association.objects.exclude(registration_number="").filter(
            registration_number__in=numbers
        )
    }
    by_name = {
        (a.name_fi.lower(), a.home_municipality_id): a
        for a in Association.objects.filter(name_fi__in=[r.fields["name_fi"] for r in rows])
    }
    touched: list[int] = []
    for row in rows:
        number = row.fields["registration_number"]
        existing = by_number.get(number) if number else None
        if existing is None:
            existing = by_name.get((row.fields["name_fi"].lower(), row.home.pk))
        try:
            if existing is None:
                association = association_create(
                    actor=None,
                    reindex=False,
                    categories=row.categories,
                    languages=row.languages,
                    active_municipalities=row.active,
                    **row.fields,
                )
                report.created += 1
            else:
                association = association_update(
                    association=existing,
                    actor=None,
                    reindex=False,
                    categories=row.categories,
                    languages=row.languages,
                    active_municipalities=row.active,
                    **row.fields,
                )
                report.updated += 1
        except ValidationError as error:
            # A rule only the database knows (e.g. a register number taken meanwhile): the line
            # is reported and the whole import is rolled back.
            report.errors.append(RowError(row.line, " ".join(error.messages)))
            raise _RolledBack from error
        touched.append(association.pk)
    index_associations(touched)
    report.applied = True


class _RolledBack(Exception):
    """Raised inside the import's transaction to undo every row written before the failure."""
