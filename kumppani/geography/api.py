from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from kumppani.geography.models import Municipality, Region, WellbeingCounty

router = Router(tags=["geography"])


class MunicipalityOut(Schema):
    code: str
    name_fi: str
    name_sv: str
    name_en: str
    region_code: str
    wellbeing_county_code: str
    subregion_code: str
    language_status: str
    population: int


class MunicipalityList(Schema):
    count: int
    next: str | None = None
    results: list[MunicipalityOut]


class AreaOut(Schema):
    code: str
    name_fi: str
    name_sv: str
    name_en: str


class AreaList(Schema):
    count: int
    next: str | None = None
    results: list[AreaOut]


def _municipality_dict(m: Municipality) -> dict[str, object]:
    return {
        "code": m.code,
        "name_fi": m.name_fi,
        "name_sv": m.name_sv,
        "name_en": m.name_en,
        "region_code": m.region.code,
        "wellbeing_county_code": m.wellbeing_county.code,
        "subregion_code": m.subregion_code,
        "language_status": m.language_status,
        "population": m.population,
    }


@router.get("/municipalities", response=MunicipalityList, summary="All municipalities")
def municipalities(request: HttpRequest) -> dict[str, object]:
    rows = [
        _municipality_dict(m)
        for m in Municipality.objects.select_related("region", "wellbeing_county").order_by("code")
    ]
    return {"count": len(rows), "next": None, "results": rows}


@router.get("/municipalities/{code}", response=MunicipalityOut, summary="One municipality")
def municipality(request: HttpRequest, code: str) -> dict[str, object]:
    m = get_object_or_404(
        Municipality.objects.select_related("region", "wellbeing_county"), code=code
    )
    return _municipality_dict(m)


@router.get("/regions", response=AreaList, summary="Regions (maakunnat)")
def regions(request: HttpRequest) -> dict[str, object]:
    rows = list(Region.objects.values("code", "name_fi", "name_sv", "name_en"))
    return {"count": len(rows), "next": None, "results": rows}


@router.get("/wellbeing-counties", response=AreaList, summary="Wellbeing services counties")
def wellbeing_counties(request: HttpRequest) -> dict[str, object]:
    rows = list(WellbeingCounty.objects.values("code", "name_fi", "name_sv", "name_en"))
    return {"count": len(rows), "next": None, "results": rows}
