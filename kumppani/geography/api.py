from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from kumppani.api.pagination import WholeList, whole_list
from kumppani.geography.models import Municipality, Region, WellbeingCounty
from kumppani.geography.selectors import municipality_or_404

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

    @staticmethod
    def resolve_region_code(m: Municipality) -> str:
        return m.region.code

    @staticmethod
    def resolve_wellbeing_county_code(m: Municipality) -> str:
        return m.wellbeing_county.code


class AreaOut(Schema):
    code: str
    name_fi: str
    name_sv: str
    name_en: str


@router.get("/municipalities", response=WholeList[MunicipalityOut], summary="All municipalities")
def municipalities(request: HttpRequest) -> dict[str, Any]:
    return whole_list(
        list(Municipality.objects.select_related("region", "wellbeing_county").order_by("code"))
    )


@router.get("/municipalities/{code}", response=MunicipalityOut, summary="One municipality")
def municipality(request: HttpRequest, code: str) -> Municipality:
    return municipality_or_404(code)


@router.get("/regions", response=WholeList[AreaOut], summary="Regions (maakunnat)")
def regions(request: HttpRequest) -> dict[str, Any]:
    return whole_list(list(Region.objects.all()))


@router.get(
    "/wellbeing-counties", response=WholeList[AreaOut], summary="Wellbeing services counties"
)
def wellbeing_counties(request: HttpRequest) -> dict[str, Any]:
    return whole_list(list(WellbeingCounty.objects.all()))
