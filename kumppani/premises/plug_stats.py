"""Registrations of the premises statistics: the region page's link to them, and the region
map's "hours of municipal premises booked by associations" (the last 12 months)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kumppani.core import panels
from kumppani.core.panels import Panel
from kumppani.core.region_indicators import Reading, RegionIndicator, register_indicator
from kumppani.geography.models import Municipality, Region
from kumppani.premises.models import Space
from kumppani.premises.selectors_stats import hours, hours_by_municipality, period_for

# Upper bounds of the map's classes, in hours a year: under 50, 50–199, 200–999, 1 000 or more.
HOUR_LEVELS = (50, 200, 1000)


def region_panel(request: HttpRequest, region: Region) -> Panel:
    return Panel(template="premises/stats/panels/region.html", context={"region": region}, order=61)


def _level(value: float) -> int:
    return sum(1 for bound in HOUR_LEVELS if value >= bound)


def _premises_hours(region: Region) -> dict[str, Reading]:
    """Hours booked by associations in the last 12 months, for each municipality of the region
    that has premises in the service or bookings (three queries); the others have no data."""
    per_municipality = hours_by_municipality(region=region, period=period_for(None))
    with_spaces = set(
        Space.objects.order_by()
        .filter(municipality__region=region)
        .values_list("municipality_id", flat=True)
        .distinct()
    )
    readings = {}
    for pk, code in Municipality.objects.filter(region=region).values_list("pk", "code"):
        if pk not in with_spaces and pk not in per_municipality:
            continue
        shown = hours(per_municipality.get(pk, {}).get("hours"))
        text = _("%(hours)s hours booked by associations in 12 months") % {
            "hours": number_format(shown, force_grouping=True)
        }
        readings[code] = Reading(_level(float(shown)), text)
    return readings


PREMISES_HOURS = RegionIndicator(
    key="premises-hours",
    label=gettext_lazy("Hours of municipal premises booked by associations"),
    levels=(
        gettext_lazy("Under 50 h a year"),
        gettext_lazy("50–199 h"),
        gettext_lazy("200–999 h"),
        gettext_lazy("1 000 h or more"),
    ),
    read=_premises_hours,
    order=65,
)


def register() -> None:
    panels.register(panels.REGION_PAGE, region_panel)
    register_indicator(PREMISES_HOURS)
