"""Reads for what the public and the region see of grants: a municipality's open and upcoming
programmes, a programme's public page, the deadline feed, the harmonisation of grant periods
across a region, and the public register of awards. Each runs a constant number of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils import timezone

from kumppani.core.rounding import percent
from kumppani.geography.models import Municipality, Region
from kumppani.geography.selectors import name_sort_key
from kumppani.grants.models import (
    ApplicationPeriod,
    Criterion,
    Decision,
    Programme,
    Question,
)

WINDOW = dt.timedelta(days=365)  # "the last 12 months" of the regional view and the feed
PAST_SHOWN = 30  # closed programmes listed on a municipality's page
CURRENCY = "EUR"


def published_programmes() -> QuerySet[Programme]:
    return Programme.objects.filter(published=True)


# --- a municipality's programmes ---------------------------------------------------------------


@dataclass(frozen=True)
class PeriodGroup:
    """Programmes attached to one common application period (``period`` None: those without)."""

    period: ApplicationPeriod | None
    programmes: list[Programme]


@dataclass(frozen=True)
class MunicipalityGrants:
    groups: list[PeriodGroup]
    past: list[Programme]
    current_count: int


def current_programmes(municipality: Municipality, *, now: dt.datetime) -> list[Programme]:
    """Published programmes of the municipality that are open or still to open (one query)."""
    return list(
        published_programmes()
        .filter(municipality=municipality, closes_at__gt=now)
        .select_related("period")
        .order_by("opens_at", "closes_at", "id")
    )


def municipality_grants(
    municipality: Municipality, *, now: dt.datetime | None = None
) -> MunicipalityGrants:
    """Open and upcoming programmes grouped by common period (periods in time order, then the
    programmes without one), and those closed in the last 12 months, newest first. Two queries."""
    now = now or timezone.now()
    current = current_programmes(municipality, now=now)
    by_period: dict[int | None, list[Programme]] = defaultdict(list)
    periods: dict[int, ApplicationPeriod] = {}
    for programme in current:
        by_period[programme.period_id].append(programme)
        if programme.period is not None:
            periods[programme.period.pk] = programme.period
    groups = [
        PeriodGroup(period, by_period[period.pk])
        for period in sorted(periods.values(), key=lambda p: (p.opens_at, p.closes_at, p.pk))
    ]
    if by_period.get(None):
        groups.append(PeriodGroup(None, by_period[None]))
    past = list(
        published_programmes()
        .filter(municipality=municipality, closes_at__lte=now, closes_at__gt=now - WINDOW)
        .select_related("period")
        .order_by("-closes_at", "-id")[:PAST_SHOWN]
    )
    return MunicipalityGrants(groups=groups, past=past, current_count=len(current))


def deadline_programmes(municipality: Municipality, *, now: dt.datetime) -> list[Programme]:
    """Published programmes of the municipality closing from a year back onwards (one query)."""
    return list(
        published_programmes()
        .filter(municipality=municipality, closes_at__gt=now - WINDOW)
        .order_by("closes_at", "id")
    )


# --- one programme -----------------------------------------------------------------------------


def programme_public(pk: int) -> Programme:
    """The programme with everything its public page shows (four queries); ``DoesNotExist`` if
    there is none. Whether it may be shown (published, or run by the viewer) is the view's check.
    """
    return (
        Programme.objects.select_related("municipality", "period")
        .prefetch_related(
            Prefetch(
                "criteria",
                queryset=Criterion.objects.select_related("welfare_theme").order_by("order", "id"),
            ),
            Prefetch("questions", queryset=Question.objects.order_by("order", "id")),
        )
        .get(pk=pk)
    )


# --- the regional view: how harmonised each municipality's grant periods are -------------------


@dataclass(frozen=True)
class Harmonisation:
    """One municipality's grant calendar over the last 12 months and what is still to close.

    ``score`` is the share (0–100) of those programmes that close on a common deadline: a day on
    which one of the municipality's common application periods closes, or on which programmes of
    at least two branches close. ``None`` when the municipality has no programmes in the window.
    """

    municipality: Municipality
    recent: int  # programmes closed in the last 12 months
    upcoming: int  # programmes open now or still to open
    closing_dates: int  # distinct closing days (Europe/Helsinki)
    branches: int  # distinct branches with a programme
    in_period: int | None  # share (%) attached to a common period
    score: int | None  # share (%) closing on a common deadline

    @property
    def total(self) -> int:
        return self.recent + self.upcoming


def _day(value: dt.datetime) -> dt.date:
    return timezone.localtime(value).date()


def _harmonisation(
    municipality: Municipality,
    rows: list[tuple[str, dt.datetime, int | None]],
    period_days: set[dt.date],
    now: dt.datetime,
) -> Harmonisation:
    total = len(rows)
    if not total:
        return Harmonisation(municipality, 0, 0, 0, 0, None, None)
    branches_by_day: dict[dt.date, set[str]] = defaultdict(set)
    for branch, closes_at, _period in rows:
        branches_by_day[_day(closes_at)].add(branch)
    common = period_days | {day for day, found in branches_by_day.items() if len(found) > 1}
    on_common = sum(1 for _branch, closes_at, _period in rows if _day(closes_at) in common)
    upcoming = sum(1 for _branch, closes_at, _period in rows if closes_at > now)
    return Harmonisation(
        municipality=municipality,
        recent=total - upcoming,
        upcoming=upcoming,
        closing_dates=len(branches_by_day),
        branches=len({branch for branch, _closes, _period in rows}),
        in_period=percent(sum(1 for row in rows if row[2] is not None), total),
        score=percent(on_common, total),
    )


def harmonisation_by_municipality(
    region: Region, *, now: dt.datetime | None = None
) -> dict[str, Harmonisation]:
    """Every municipality of ``region`` (by code) with its harmonisation figures (three queries).

    Programmes counted: published ones that closed in the last 12 months or close later."""
    now = now or timezone.now()
    since = now - WINDOW
    municipalities = list(Municipality.objects.filter(region=region).select_related("region"))
    rows: dict[int, list[tuple[str, dt.datetime, int | None]]] = defaultdict(list)
    for municipality_id, branch, closes_at, period_id in (
        published_programmes()
        .filter(municipality__region=region, closes_at__gt=since)
        .order_by()
        .values_list("municipality_id", "branch", "closes_at", "period_id")
    ):
        rows[municipality_id].append((branch, closes_at, period_id))
    period_days: dict[int, set[dt.date]] = defaultdict(set)
    for municipality_id, closes_at in (
        ApplicationPeriod.objects.filter(municipality__region=region, closes_at__gt=since)
        .order_by()
        .values_list("municipality_id", "closes_at")
    ):
        period_days[municipality_id].add(_day(closes_at))
    return {m.code: _harmonisation(m, rows[m.pk], period_days[m.pk], now) for m in municipalities}


def region_harmonisation(region: Region, *, now: dt.datetime | None = None) -> list[Harmonisation]:
    """The rows of the regional table: the best harmonised first, municipalities without
    programmes last, then by name."""
    found = harmonisation_by_municipality(region, now=now).values()
    return sorted(
        found,
        key=lambda h: (
            h.score is None,
            -(h.score or 0),
            -h.total,
            name_sort_key(str(h.municipality)),
        ),
    )


# --- the public register of awards ------------------------------------------------------------


@dataclass(frozen=True)
class AwardFilter:
    municipality: str = ""  # code
    year: int | None = None
    programme: int | None = None


def awards(filters: AwardFilter | None = None) -> QuerySet[Decision]:
    """Granted decisions (an amount above zero), newest first, with what the register shows
    (one query)."""
    filters = filters or AwardFilter()
    qs = (
        Decision.objects.filter(amount_eur__gt=Decimal("0"))
        .select_related(
            "application__association",
            "application__programme__municipality",
        )
        .order_by("-decided_at", "-id")
    )
    if filters.municipality:
        qs = qs.filter(application__programme__municipality__code=filters.municipality)
    if filters.programme:
        qs = qs.filter(application__programme_id=filters.programme)
    if filters.year:
        tz = timezone.get_current_timezone()
        start = dt.datetime(filters.year, 1, 1, tzinfo=tz)
        end = dt.datetime(filters.year + 1, 1, 1, tzinfo=tz)
        qs = qs.filter(Q(decided_at__gte=start) & Q(decided_at__lt=end))
    return qs


def award_years() -> list[int]:
    """Years (Europe/Helsinki) that have a granted decision, newest first (one query)."""
    years = (
        Decision.objects.filter(amount_eur__gt=0)
        .annotate(year=ExtractYear("decided_at", tzinfo=timezone.get_current_timezone()))
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    return [int(year) for year in years]


def award_record(decision: Decision) -> dict[str, Any]:
    """One award in the spirit of the 360Giving standard (the register's JSON and the API)."""
    application = decision.application
    programme = application.programme
    association = application.association
    return {
        "id": decision.pk,
        "recipient": {
            "name": association.name_fi,
            "registration_number": association.registration_number,
        },
        "amount_awarded": float(decision.amount_eur),
        "currency": CURRENCY,
        "award_date": _day(decision.decided_at).isoformat(),
        "programme": {
            "id": programme.pk,
            "title": str(programme),
            "branch": programme.branch,
            "kind": programme.kind,
        },
        "municipality": programme.municipality.code,
        "purpose": application.purpose,
    }


def award_programmes(municipality: str) -> QuerySet[Programme]:
    """The register's programme choices: the municipality's published programmes and any other
    of its programmes with a granted award (one query)."""
    return (
        Programme.objects.filter(municipality__code=municipality)
        .filter(Q(published=True) | Q(applications__decision__amount_eur__gt=0))
        .distinct()
        .order_by("-closes_at", "id")
    )
