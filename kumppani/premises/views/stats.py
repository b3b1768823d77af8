"""Public P22 statistics of associations' use of municipal premises: a municipality's page, a
region's page and the region's table as CSV (aggregates only, never an association's name)."""

from __future__ import annotations

import csv
import io
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from kumppani.core.page_cache import public_page
from kumppani.core.spreadsheets import safe_cell
from kumppani.geography.models import Region
from kumppani.geography.selectors import municipality_or_404
from kumppani.premises.selectors_stats import (
    Period,
    municipality_stats,
    period_for,
    region_stats,
    year_choices,
)


class PeriodForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Period"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("The last 12 months"))] + [  # type: ignore[attr-defined]
            (str(year), str(year)) for year in year_choices()
        ]

    def period(self) -> Period:
        """The chosen period; the last 12 months when none or an invalid one is given (the form
        shows the error)."""
        if self.is_bound and self.is_valid():
            return period_for(self.cleaned_data["year"])
        return period_for(None)


def _period_form(request: HttpRequest) -> PeriodForm:
    return PeriodForm(request.GET if "year" in request.GET else None)


@require_GET
@public_page
def municipality(request: HttpRequest, code: str) -> HttpResponse:
    place = municipality_or_404(code)
    form = _period_form(request)
    context = {
        "form": form,
        "stats": municipality_stats(municipality=place, period=form.period()),
        "municipality": place,
    }
    return render(request, "premises/stats/municipality.html", context)


@require_GET
@public_page
def region(request: HttpRequest, code: str) -> HttpResponse:
    area = get_object_or_404(Region, code=code)
    form = _period_form(request)
    stats = region_stats(region=area, period=form.period())
    query = f"?year={stats.period.year}" if stats.period.year else ""
    context = {"form": form, "stats": stats, "region": area, "query": query}
    return render(request, "premises/stats/region.html", context)


CSV_HEADER = (
    "municipality_code",
    "municipality",
    "period_start",
    "period_end",
    "associations",
    "bookings",
    "hours",
    "free_hours",
    "paid_hours",
    "price_unknown_hours",
)


@require_GET
def region_csv(request: HttpRequest, code: str) -> HttpResponse:
    """The region's table by municipality, with the region's total as the last row
    (formula-safe cells, decimal points, UTF-8 with a byte order mark)."""
    area = get_object_or_404(Region, code=code)
    form = _period_form(request)
    if form.is_bound and not form.is_valid():
        lines = [
            f"{field}: {' '.join(str(e) for e in errors)}" for field, errors in form.errors.items()
        ]
        return HttpResponse("\n".join(lines), status=400, content_type="text/plain; charset=utf-8")
    stats = region_stats(region=area, period=form.period())
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(CSV_HEADER)
    for row in [*stats.municipalities, stats.total]:
        values = [
            row.code,
            row.label,
            stats.period.start.isoformat(),
            stats.period.end.isoformat(),
            row.associations,
            row.bookings,
            row.hours,
            row.free_hours,
            row.paid_hours,
            row.unknown_hours,
        ]
        writer.writerow([safe_cell(value) for value in values])
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    suffix = stats.period.year or "12-months"
    response["Content-Disposition"] = (
        f'attachment; filename="premises-use-{area.code}-{suffix}.csv"'
    )
    return response
