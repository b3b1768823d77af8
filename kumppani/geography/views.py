from __future__ import annotations

from itertools import groupby

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from kumppani.core.page_cache import public_page
from kumppani.core.panels import MUNICIPALITY_PAGE, REGION_PAGE, panels_for
from kumppani.geography.maps import region_map
from kumppani.geography.models import Region, WellbeingCounty
from kumppani.geography.selectors import municipalities_with_counts, municipality_or_404


@require_GET
@public_page
def municipality_list(request: HttpRequest) -> HttpResponse:
    group_by = "county" if request.GET.get("by") == "county" else "region"
    municipalities = list(municipalities_with_counts())
    if group_by == "county":
        municipalities.sort(key=lambda m: (m.wellbeing_county.name_fi, m.name_fi))
        groups = [
            (county, list(items))
            for county, items in groupby(municipalities, key=lambda m: m.wellbeing_county)
        ]
    else:
        municipalities.sort(key=lambda m: (m.region.name_fi, m.name_fi))
        groups = [
            (region, list(items))
            for region, items in groupby(municipalities, key=lambda m: m.region)
        ]
    return render(
        request,
        "geography/municipality_list.html",
        {"groups": groups, "group_by": group_by, "total": len(municipalities)},
    )


@require_GET
@public_page
def municipality_detail(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_or_404(code)
    context = {
        "municipality": municipality,
        "panels": panels_for(MUNICIPALITY_PAGE, request, municipality),
    }
    return render(request, "geography/municipality_detail.html", context)


@require_GET
@public_page
def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    region = get_object_or_404(Region, code=code)
    municipalities = list(municipalities_with_counts().filter(region=region))
    context = {
        "area": region,
        "kind": "region",
        "municipalities": municipalities,
        "map": region_map(
            region=region,
            municipalities=municipalities,
            indicator_key=request.GET.get("indicator", ""),
        ),
        "panels": panels_for(REGION_PAGE, request, region),
    }
    return render(request, "geography/area_detail.html", context)


@require_GET
@public_page
def county_detail(request: HttpRequest, code: str) -> HttpResponse:
    county = get_object_or_404(WellbeingCounty, code=code)
    municipalities = municipalities_with_counts().filter(wellbeing_county=county)
    context = {"area": county, "kind": "county", "municipalities": municipalities, "panels": []}
    return render(request, "geography/area_detail.html", context)
