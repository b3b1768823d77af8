"""P22 statistics of associations' use of municipal premises, aggregated in the database.

What is counted: confirmed bookings made for an association (``organisation`` set) in the
municipality's spaces, that start within the period. Hours are the booked time (end − start,
without the buffer). An association in two categories counts in both, so the category rows can
add up to more than the total. "Free" is a booking priced 0 €, "paid" one priced above 0 €, and
"price unknown" one that the price list did not cover (``price_eur`` empty).

Every figure shown goes through one rounding rule (``kumppani.core.rounding``): hours with one
decimal, shares as whole percentages, halves up. Each selector runs a constant number of
queries, whatever the number of bookings, spaces or municipalities.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.associations.models import Category
from kumppani.core.i18n import localized
from kumppani.core.rounding import percent, round_half_up
from kumppani.geography.models import Municipality, Region
from kumppani.premises.models import Booking, BookingStatus, Space
from kumppani.surveys.results import (
    PremisesRow,
    PremisesStatistics,
    latest_premises_survey,
    premises_statistics,
)

HOUR_PLACES = 1
FIRST_YEAR = 2020  # the earliest calendar year offered in the period choice

DURATION = ExpressionWrapper(F("ends_at") - F("starts_at"), output_field=DurationField())


# --- the period -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: dt.date  # first day, inclusive
    end: dt.date  # last day, inclusive
    year: int | None  # a calendar year, or None for the last 12 months

    @property
    def label(self) -> str:
        if self.year is not None:
            return _("Year %(year)s") % {"year": self.year}
        return _("The last 12 months")

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """The period as aware datetimes ``[start, end)`` in the site's time zone."""
        tz = timezone.get_default_timezone()
        begin = dt.datetime.combine(self.start, dt.time(0), tzinfo=tz)
        stop = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time(0), tzinfo=tz)
        return begin, stop


def period_for(year: int | None, *, today: dt.date | None = None) -> Period:
    """A calendar year, or (``None``) the 12 months that end today."""
    today = today or timezone.localdate()
    if year is not None:
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), year)
    return Period(today - relativedelta(years=1) + dt.timedelta(days=1), today, None)


def year_choices(*, today: dt.date | None = None) -> list[int]:
    """Calendar years offered, newest first: from ``FIRST_YEAR`` to next year (bookings of the
    coming season are made ahead)."""
    today = today or timezone.localdate()
    return list(range(today.year + 1, FIRST_YEAR - 1, -1))


# --- rows -------------------------------------------------------------------------------------


def hours(value: dt.timedelta | None) -> Decimal:
    """A duration as hours shown: one decimal, halves up."""
    if not value:
        return Decimal(0).quantize(Decimal(1).scaleb(-HOUR_PLACES))
    return round_half_up(Decimal(value.total_seconds()) / Decimal(3600), HOUR_PLACES)


@dataclass
class HoursRow:
    """Booked time of one group (a category, a space, a municipality or everything)."""

    label: str
    associations: int = 0
    bookings: int = 0
    hours: Decimal = Decimal(0)
    free_hours: Decimal = Decimal(0)
    paid_hours: Decimal = Decimal(0)
    unknown_hours: Decimal = Decimal(0)
    code: str = ""  # a municipality's code, for links
    depth: int = 0  # a space's depth in the tree

    @property
    def free_share(self) -> int:
        """Share of the hours booked free of charge, a whole percentage."""
        return percent(int(self.free_hours * 10), int(self.hours * 10))


def _aggregates() -> dict[str, Any]:
    return {
        "associations": Count("organisation", distinct=True),
        "bookings": Count("id", distinct=True),
        "hours": Sum(DURATION),
        "free_hours": Sum(DURATION, filter=Q(price_eur=0)),
        "paid_hours": Sum(DURATION, filter=Q(price_eur__gt=0)),
        "unknown_hours": Sum(DURATION, filter=Q(price_eur__isnull=True)),
    }


def _fill(row: HoursRow, values: dict[str, Any]) -> HoursRow:
    row.associations = values.get("associations") or 0
    row.bookings = values.get("bookings") or 0
    for name in ("hours", "free_hours", "paid_hours", "unknown_hours"):
        setattr(row, name, hours(values.get(name)))
    return row


def association_bookings(period: Period) -> QuerySet[Booking]:
    """Confirmed bookings made for an association that start in the period."""
    begin, stop = period.bounds()
    return Booking.objects.order_by().filter(
        status=BookingStatus.CONFIRMED,
        organisation__isnull=False,
        starts_at__gte=begin,
        starts_at__lt=stop,
    )


def _by_category(bookings: QuerySet[Booking]) -> list[HoursRow]:
    """Every category (those without bookings too), then associations without a category;
    two queries. The join repeats a booking once per category of its association."""
    found = {
        r["organisation__categories"]: r
        for r in bookings.values("organisation__categories").annotate(**_aggregates())
    }
    rows = [
        _fill(HoursRow(label=str(category)), found.get(category.pk, {}))
        for category in Category.objects.order_by("order", "slug")
    ]
    if None in found:
        rows.append(_fill(HoursRow(label=_("No category given")), found[None]))
    return rows


# --- a municipality ---------------------------------------------------------------------------


@dataclass
class MunicipalityStats:
    municipality: Municipality
    period: Period
    total: HoursRow
    categories: list[HoursRow]
    spaces: list[HoursRow]
    share: PremisesStatistics
    has_spaces: bool = False


def _share(region: Region, municipality: Municipality | None) -> PremisesStatistics:
    """The survey's premises share (P22), from ``kumppani.surveys.results`` (the latest
    published regional survey with a premises question, and the registry's "uses municipal
    premises" answers); of one municipality or of the whole region. Four queries."""
    survey = latest_premises_survey(region=region, published_only=True)
    stats = premises_statistics(region=region, survey=survey)
    if municipality is None:
        return stats
    row = next(
        (r for r in stats.rows if r.municipality and r.municipality.pk == municipality.pk),
        PremisesRow(municipality),
    )
    shown = [row] if row in stats.rows else []
    return PremisesStatistics(
        region=region, survey=survey, total=row, rows=shown, municipality=municipality
    )


def municipality_stats(*, municipality: Municipality, period: Period) -> MunicipalityStats:
    """Bookings of associations in the municipality's premises: totals, by category and by
    space (every space of the municipality, in tree order), and the survey's share. Nine
    queries."""
    bookings = association_bookings(period).filter(space__municipality=municipality)
    total = _fill(HoursRow(label=_("All associations")), bookings.aggregate(**_aggregates()))
    categories = _by_category(bookings)
    per_space = {r["space_id"]: r for r in bookings.values("space_id").annotate(**_aggregates())}
    spaces = list(
        Space.objects.order_by("name_fi", "pk")
        .filter(municipality=municipality)
        .only("pk", "parent_id", "name_fi", "name_sv", "name_en")
    )
    children: dict[int | None, list[Space]] = {}
    for space in spaces:
        children.setdefault(space.parent_id, []).append(space)
    rows: list[HoursRow] = []
    stack = [("", 0, s) for s in reversed(children.get(None, []))]
    while stack:
        path, depth, space = stack.pop()
        label = localized(space, "name")
        if path:
            label = _("%(part_of)s › %(space)s") % {"part_of": path, "space": label}
        rows.append(_fill(HoursRow(label=label, depth=depth), per_space.get(space.pk, {})))
        stack.extend((label, depth + 1, c) for c in reversed(children.get(space.pk, [])))
    return MunicipalityStats(
        municipality=municipality,
        period=period,
        total=total,
        categories=categories,
        spaces=rows,
        share=_share(municipality.region, municipality),
        has_spaces=bool(spaces),
    )


# --- a region ---------------------------------------------------------------------------------


@dataclass
class RegionStats:
    region: Region
    period: Period
    total: HoursRow
    categories: list[HoursRow]
    municipalities: list[HoursRow]
    share: PremisesStatistics


def hours_by_municipality(*, region: Region, period: Period) -> dict[int, dict[str, Any]]:
    """Aggregates of the region's association bookings per municipality id (one query)."""
    bookings = association_bookings(period).filter(space__municipality__region=region)
    return {
        r["space__municipality_id"]: r
        for r in bookings.values("space__municipality_id").annotate(**_aggregates())
    }


def region_stats(*, region: Region, period: Period) -> RegionStats:
    """Bookings of associations in the premises of the region's municipalities: totals, by
    category and by municipality (those with premises or bookings), and the survey's share.
    Nine queries."""
    bookings = association_bookings(period).filter(space__municipality__region=region)
    total = _fill(
        HoursRow(label=_("Whole region: %(region)s") % {"region": region}),
        bookings.aggregate(**_aggregates()),
    )
    per_municipality = hours_by_municipality(region=region, period=period)
    with_spaces = set(
        Space.objects.order_by()
        .filter(municipality__region=region)
        .values_list("municipality_id", flat=True)
        .distinct()
    )
    rows = [
        _fill(HoursRow(label=str(m), code=m.code), per_municipality.get(m.pk, {}))
        for m in Municipality.objects.filter(region=region).order_by("name_fi")
        if m.pk in with_spaces or m.pk in per_municipality
    ]
    return RegionStats(
        region=region,
        period=period,
        total=total,
        categories=_by_category(bookings),
        municipalities=rows,
        share=_share(region, None),
    )
