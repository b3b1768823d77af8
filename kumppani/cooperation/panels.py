"""Sections this app adds to the municipality page, the region page and "My pages"."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from kumppani.accounts.access import roles_of
from kumppani.accounts.models import Role
from kumppani.cooperation import access, selectors
from kumppani.core.panels import Panel
from kumppani.geography.models import Municipality, Region


def municipality_panel(request: HttpRequest, municipality: Municipality) -> Panel:
    """ "Who do I contact?": liaisons and agents, bodies, agreements, guide, practices."""
    context = {
        "municipality": municipality,
        "liaisons": list(selectors.liaisons_of(municipality=municipality)),
        "bodies": list(selectors.bodies_of(municipality=municipality)),
        "agreement_count": selectors.agreements_of(municipality=municipality).count(),
        "guide": selectors.guide_latest_published(municipality=municipality),
        "adoptions": list(selectors.adoptions_touching(municipality=municipality)[:20]),
        "can_manage": access.can_manage(request.user, municipality),
        "sees_summaries": access.sees_summaries(request.user, municipality),
    }
    return Panel(template="cooperation/panels/municipality.html", context=context, order=10)


def region_panel(request: HttpRequest, region: Region) -> Panel:
    """P6: which municipalities have a named liaison; which have a published guide and its age."""
    rows = selectors.region_overview(region=region)
    year_start = dt.date(timezone.localdate().year, 1, 1)
    named = [row for row in rows if row.liaison_count]
    # A liaison without a naming date counts as named before this year.
    at_start = sum(1 for row in named if not row.first_named_on or row.first_named_on < year_start)
    context = {
        "year": year_start.year,
        "at_start": at_start,
        "named_this_year": len(named) - at_start,
        "region": region,
        "rows": rows,
        "with_liaison": sum(1 for row in rows if row.liaison_count),
        "with_guide": sum(1 for row in rows if row.guide_published_at),
        "total": len(rows),
        "adoptions": list(selectors.adoptions_in_region(region=region)[:30]),
    }
    return Panel(template="cooperation/panels/region.html", context=context, order=10)


def dashboard_panel(request: HttpRequest, user: Any) -> Panel | None:
    roles = roles_of(user)
    ids = roles.municipalities(Role.LIAISON, Role.AGENT)
    if not ids and not roles.regions:
        return None
    municipalities = list(Municipality.objects.filter(pk__in=ids).order_by("name_fi"))
    regions = list(Region.objects.filter(pk__in=roles.regions).order_by("name_fi"))
    return Panel(
        template="cooperation/panels/dashboard.html",
        context={"municipalities": municipalities, "regions": regions},
        order=20,
    )
