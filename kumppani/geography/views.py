from __future__ import annotations

from itertools import groupby

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from kumppani.core.page_cache import public_page
from kumppani.core.panels import MUNICIPALITY_PAGE, REGION_PAGE, panels_for
from kumppani.geography.maps import region_map
from kumppani.geography.models import Municipality, Region, WellbeingCounty
from kumppani.geography.selectors import (
    municipalities_with_counts,
    municipality_names,
    municipality_or_404,
    municipality_search,
    name_sort_key,
)


@require_GET
@public_page
def municipality_list(request: HttpRequest) -> HttpResponse:
    """Every municipality, grouped by region (or county) in collapsed sections; with ``q``, a
    search by name that goes straight to the municipality when one is found."""
    query = request.GET.get("q", "").strip()[:100]
    search = municipality_search(query=query) if query else None
    if search is not None and search.target is not None:
        return redirect(search.target)
    context = {
        "query": query,
        "search": search,
        "municipality_names": municipality_names(),
    }
    if search is not None and search.matches:
        return render(request, "geography/municipality_list.html", context)
    group_by = "county" if request.GET.get("by") == "county" else "region"
    municipalities = list(municipalities_with_counts())
    if group_by == "county":
        municipalities.sort(key=lambda m: (_key(m.wellbeing_county), _key(m)))
        groups = [
            (county, list(items))
            for county, items in groupby(municipalities, key=lambda m: m.wellbeing_county)
        ]
    else:
        municipalities.sort(key=lambda m: (_key(m.region), _key(m)))
        groups = [
            (region, list(items))
            for region, items in groupby(municipalities, key=lambda m: m.region)
        ]
    return render(
        request,
        "geography/municipality_list.html",
        {**context, "groups": groups, "group_by": group_by, "total": len(municipalities)},
    )


def _key(area: Municipality | Region | WellbeingCounty) -> str:
    """Alphabetical by the name in the page's language."""
    return name_sort_key(str(area))


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
