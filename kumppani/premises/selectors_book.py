"""Reads of the booking path: for whom a person may book, their bookings (a series as one
line), one booking, and the next bookings for the dashboard panel."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from kumppani.accounts.access import AnyUser, roles_of
from kumppani.associations.models import Association
from kumppani.premises.access import can_manage_space
from kumppani.premises.models import ACTIVE_STATUSES, Booking, BookingSeries, Space


def associations_for_booking(user: AnyUser, space: Space) -> list[Association]:
    """The associations ``user`` may book ``space`` for: those they represent, and for those
    who manage the space every association of its municipality too (one query)."""
    if not user.is_authenticated:
        return []
    condition = Q(pk__in=roles_of(user).associations)
    if can_manage_space(user, space):
        condition |= Q(home_municipality_id=space.municipality_id)
    return list(Association.objects.filter(condition).order_by("name_fi", "pk"))


def _mine(user: AnyUser) -> Q:
    return Q(organisation_id__in=roles_of(user).associations) | Q(booked_by_id=user.pk)


def bookings_of(user: AnyUser) -> QuerySet[Booking]:
    """Every booking of the person's associations and every booking they made."""
    return Booking.objects.filter(_mine(user)).select_related(
        "space", "space__municipality", "organisation", "series"
    )


@dataclass
class Line:
    """One line of "my bookings": a single booking, or a series with its upcoming occurrences."""

    first: Booking
    series: BookingSeries | None = None
    bookings: list[Booking] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.bookings)

    @property
    def last(self) -> Booking:
        return self.bookings[-1]


def upcoming_lines(user: AnyUser, *, now: dt.datetime | None = None) -> list[Line]:
    """The person's active bookings not yet ended, a series grouped as one line (one query)."""
    now = now or timezone.now()
    lines: list[Line] = []
    by_series: dict[int, Line] = {}
    for booking in (
        bookings_of(user)
        .filter(status__in=ACTIVE_STATUSES, ends_at__gt=now)
        .order_by("starts_at", "pk")
    ):
        if booking.series_id is None:
            lines.append(Line(first=booking, bookings=[booking]))
            continue
        line = by_series.get(booking.series_id)
        if line is None:
            line = Line(first=booking, series=booking.series)
            by_series[booking.series_id] = line
            lines.append(line)
        line.bookings.append(booking)
    return lines


def past_bookings(user: AnyUser, *, now: dt.datetime | None = None) -> QuerySet[Booking]:
    """Bookings that have ended, or were cancelled or rejected, newest first."""
    now = now or timezone.now()
    return (
        bookings_of(user)
        .filter(Q(ends_at__lte=now) | ~Q(status__in=ACTIVE_STATUSES))
        .order_by("-starts_at", "-pk")
    )


def next_bookings(user: AnyUser, *, limit: int = 5) -> list[Booking]:
    """The person's next active bookings (one query), for the dashboard panel."""
    return list(
        bookings_of(user)
        .filter(status__in=ACTIVE_STATUSES, ends_at__gt=timezone.now())
        .order_by("starts_at", "pk")[:limit]
    )


def booking_detail(pk: int) -> Booking:
    """The booking with its space, association and series (raises ``Booking.DoesNotExist``)."""
    return Booking.objects.select_related(
        "space", "space__municipality", "organisation", "series", "booked_by"
    ).get(pk=pk)


def series_detail(pk: int) -> BookingSeries:
    return BookingSeries.objects.select_related("space", "space__municipality", "organisation").get(
        pk=pk
    )


def series_bookings(series: BookingSeries, *, active_only: bool = True) -> list[Booking]:
    qs = Booking.objects.filter(series=series).select_related("space", "space__municipality")
    if active_only:
        qs = qs.filter(status__in=ACTIVE_STATUSES)
    return list(qs.order_by("starts_at", "pk"))


def future_series_bookings(series: BookingSeries) -> list[Booking]:
    """What cancelling the series cancels: its future active occurrences."""
    return [b for b in series_bookings(series) if b.starts_at > timezone.now()]
