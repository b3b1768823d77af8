"""Writes for geography: loading the real reference data."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from kumppani.geography.models import LanguageStatus, Municipality, Region, WellbeingCounty

LANGUAGE_STATUS_FROM_CSV = {
    "Yksikielinen suomenkielinen kunta": LanguageStatus.FINNISH,
    "Yksikielinen ruotsinkielinen kunta": LanguageStatus.SWEDISH,
    "Kaksikielinen kunta, jossa enemmistön kieli on suomi": LanguageStatus.BILINGUAL_FI,
    "Kaksikielinen kunta, jossa enemmistön kieli on ruotsi": LanguageStatus.BILINGUAL_SV,
}


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int


@transaction.atomic
def municipalities_load(*, path: Path) -> LoadResult:
    """Create or update regions, wellbeing counties and municipalities from the CSV file."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    regions: dict[str, Region] = {}
    counties: dict[str, WellbeingCounty] = {}
    for row in rows:
        if row["region_code"] not in regions:
            regions[row["region_code"]], _ = Region.objects.update_or_create(
                code=row["region_code"],
                defaults={
                    "name_fi": row["region_fi"],
                    "name_sv": row["region_sv"],
                    "name_en": row["region_en"],
                },
            )
        if row["wellbeing_county_code"] not in counties:
            counties[row["wellbeing_county_code"]], _ = WellbeingCounty.objects.update_or_create(
                code=row["wellbeing_county_code"],
                defaults={
                    "name_fi": row["wellbeing_county_fi"],
                    "name_sv": row["wellbeing_county_sv"],
                    "name_en": row["wellbeing_county_en"],
                },
            )
    existing = {m.code: m for m in Municipality.objects.all()}
    created = updated = 0
    for row in rows:
        values = {
            "name_fi": row["name_fi"],
            "name_sv": row["name_sv"],
            "name_en": row["name_en"],
            "region": regions[row["region_code"]],
            "wellbeing_county": counties[row["wellbeing_county_code"]],
            "subregion_code": row["subregion_code"],
            "subregion_name": row["subregion_fi"],
            "language_status": LANGUAGE_STATUS_FROM_CSV[row["language_status_fi"]],
            "population": int(row["population_2025"] or 0),
        }
        municipality = existing.get(row["code"])
        if municipality is None:
            municipality = Municipality(code=row["code"], **values)
            municipality.full_clean()
            municipality.save()
            created += 1
        else:
            for key, value in values.items():
                setattr(municipality, key, value)
            municipality.save()
            updated += 1
    return LoadResult(created=created, updated=updated)
