"""What the forums app shows on the region page: forums held (map) and forums per year (chart)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kumppani.core.charts import Series, bar_chart
from kumppani.core.panels import Panel
from kumppani.core.region_indicators import Reading, RegionIndicator
from kumppani.forums.models import Forum, ForumStatus
from kumppani.forums.selectors import Through, region_regularity
from kumppani.geography.models import Region

YEARS = 5  # the chart shows this year and the four before it


def _forums_held(region: Region) -> dict[str, Reading]:
    """Forums held in the last 12 months (the regularity count; one query)."""
    readings = {}
    for row in region_regularity(region):
        held = row.held
        level = 0 if held == 0 else 1 if held <= 2 else 2 if held <= 5 else 3
        text = ngettext("%(count)s forum", "%(count)s forums", held) % {"count": held}
        readings[row.municipality.code] = Reading(level, text)
    return readings


FORUMS_HELD = RegionIndicator(
    key="forums",
    label=gettext_lazy("Forums held in the last 12 months"),
    levels=(
        gettext_lazy("No forums"),
        gettext_lazy("1–2 forums"),
        gettext_lazy("3–5 forums"),
        gettext_lazy("6 forums or more"),
    ),
    read=_forums_held,
    order=30,
)


def forums_per_year(region: Region) -> dict[int, int]:
    """Forums held (started, not cancelled) per calendar year in the region: forums of its
    municipalities and region-level forums (one query)."""
    now = timezone.now()
    first = now.year - YEARS + 1
    in_region = Q(region=region) | Q(
        pk__in=Through.objects.filter(municipality__region=region).values("forum_id")
    )
    rows = (
        Forum.objects.order_by()
        .filter(in_region, start__lte=now, start__year__gte=first)
        .exclude(status=ForumStatus.CANCELLED)
        .annotate(year=ExtractYear("start"))
        .values("year")
        .annotate(n=Count("id"))
        .values_list("year", "n")
    )
    counts = dict.fromkeys(range(first, now.year + 1), 0)
    counts.update({int(year): n for year, n in rows})
    return counts


def region_chart_panel(request: HttpRequest, region: Region) -> Panel:
    """The region page: a chart of forums held per year, with its table."""
    counts = forums_per_year(region)
    years = sorted(counts)
    chart = bar_chart(
        title=_("Forums held per year in %(region)s") % {"region": region},
        description=_(
            "Bar chart: forums held in the region's municipalities and at region level in "
            "%(first)s–%(last)s; this year until today. The table beside it has the same numbers."
        )
        % {"first": years[0], "last": years[-1]},
        labels=[str(year) for year in years],
        series=[
            Series(
                name=_("Forums held"),
                values=[counts[year] for year in years],
                texts=[str(counts[year]) for year in years],
            )
        ],
        label_heading=_("Year"),
    )
    return Panel("forums/panels/region_chart.html", {"chart": chart}, order=35)
