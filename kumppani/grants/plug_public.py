"""Registrations of the public side of grants: the municipality page's "Grants" panel, the
region page's link to the harmonisation view, and the region map's "grant periods harmonised"."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kumppani.core import panels
from kumppani.core.panels import Panel
from kumppani.core.region_indicators import Reading, RegionIndicator, register_indicator
from kumppani.geography.models import Municipality, Region
from kumppani.grants.access import runs_grants_in
from kumppani.grants.selectors_public import current_programmes, harmonisation_by_municipality

PANEL_PROGRAMMES = 8  # programmes listed on the municipality page; the rest on the grants page


def municipality_panel(request: HttpRequest, municipality: Municipality) -> Panel:
    """Open and upcoming programmes of the municipality (one query)."""
    now = timezone.now()
    programmes = current_programmes(municipality, now=now)
    return Panel(
        template="grants/public/panels/municipality.html",
        context={
            "municipality": municipality,
            "programmes": programmes[:PANEL_PROGRAMMES],
            "more": max(len(programmes) - PANEL_PROGRAMMES, 0),
            "now": now,
            "runs_grants": runs_grants_in(request.user, municipality.pk),
        },
        order=45,
    )


def region_panel(request: HttpRequest, region: Region) -> Panel:
    return Panel(template="grants/public/panels/region.html", context={"region": region}, order=46)


def _harmonised(region: Region) -> dict[str, Reading]:
    """The harmonisation score of each municipality with programmes (three queries)."""
    readings = {}
    for code, row in harmonisation_by_municipality(region).items():
        if row.score is None:
            continue
        level = 0 if row.score < 25 else 1 if row.score < 50 else 2 if row.score < 75 else 3
        readings[code] = Reading(
            level, _("%(score)s %% of grant programmes close together") % {"score": row.score}
        )
    return readings


GRANT_PERIODS_HARMONISED = RegionIndicator(
    key="grant-periods",
    label=gettext_lazy("Grant periods harmonised"),
    levels=(
        gettext_lazy("Under 25 %"),
        gettext_lazy("25–49 %"),
        gettext_lazy("50–74 %"),
        gettext_lazy("75–100 %"),
    ),
    read=_harmonised,
    order=60,
)


def register() -> None:
    panels.register(panels.MUNICIPALITY_PAGE, municipality_panel)
    panels.register(panels.REGION_PAGE, region_panel)
    register_indicator(GRANT_PERIODS_HARMONISED)
