"""Reads of the public premises pages: a municipality's premises for associations, a space's
facts and the busy times of one week (a constant number of queries, however many bookings)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from kumppani.premises.models import (
    BookingBlock,
    PriceRule,
    Space,
    SpacePhoto,
    UsagePrinciples,
)
from kumppani.premises.selectors_tree import ancestor_ids, hours_in_chain, municipality_tree, walk

MIDNIGHT = dt.time(0)


def _tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


# ---------------------------------------------------------------- the municipality's premises


@dataclass
class SpaceRow:
    space: Space
    depth: int
    photo: SpacePhoto | None
    rules: list[PriceRule]
    parent: Space | None = None

    @property
    def free_of_charge(self) -> bool:
        return bool(self.rules) and all(rule.price_per_hour == 0 for rule in self.rules)


def _chain(space: Space, by_id: dict[int, Space]) -> list[int]:
    chain = [space.pk]
    parent_id = space.parent_id
    while parent_id is not None and parent_id not in chain and parent_id in by_id:
        chain.append(parent_id)
        parent_id = by_id[parent_id].parent_id
    return chain


def _rules_of(space: Space, chain: Sequence[int], rules: Sequence[PriceRule]) -> list[PriceRule]:
    """The association rules that can apply to ``space``, most specific first (as pricing)."""
    depth = {pk: i for i, pk in enumerate(chain)}
    found = [r for r in rules if r.space_id is None or r.space_id in depth]

    def key(rule: PriceRule) -> tuple[int, int, int, int, int]:
        place = depth.get(rule.space_id, len(depth)) if rule.space_id else len(depth) + 1
        return (
            place,
            0 if rule.time_from is not None else 1,
            0 if rule.weekdays else 1,
            0 if rule.season_from or rule.season_to else 1,
            rule.pk,
        )

    return sorted(found, key=key)


def municipality_premises(municipality_id: int) -> list[SpaceRow]:
    """The municipality's spaces available to associations, depth first as a tree, each with
    its first photo and the association price rules that apply to it (three queries)."""
    tree = municipality_tree(municipality_id)
    by_id = {s.pk: s for spaces in tree.values() for s in spaces}
    photos: dict[int, SpacePhoto] = {}
    for photo in SpacePhoto.objects.filter(space__municipality_id=municipality_id):
        photos.setdefault(photo.space_id, photo)
    rules = list(
        PriceRule.objects.filter(municipality_id=municipality_id, customer_type="association")
    )
    rows: list[SpaceRow] = []
    hidden: set[int] = set()
    for depth, space in walk(tree):
        if not space.for_associations or space.parent_id in hidden:
            hidden.add(space.pk)
            continue
        rows.append(
            SpaceRow(
                space=space,
                depth=depth,
                photo=photos.get(space.pk),
                rules=_rules_of(space, _chain(space, by_id), rules),
                parent=by_id.get(space.parent_id) if space.parent_id else None,
            )
        )
    return rows


def usage_principles(municipality_id: int) -> UsagePrinciples | None:
    return UsagePrinciples.objects.filter(municipality_id=municipality_id).first()


# ---------------------------------------------------------------- one space


def space_public(pk: int) -> Space:
    """The space with its municipality and parent (raises ``Space.DoesNotExist``)."""
    return Space.objects.select_related("municipality", "parent").get(pk=pk)


def space_hours(space: Space, chain: Sequence[int]) -> dict[int, tuple[dt.time, dt.time]] | None:
    """The opening hours the space follows (``chain``: it and its ancestors, nearest first)."""
    return hours_in_chain(chain)


@dataclass
class Busy:
    starts_at: dt.datetime
    ends_at: dt.datetime
    booking_id: int
    booking_space_id: int
    purpose: str = ""
    status: str = ""
    organisation_id: int | None = None
    booked_by_id: int | None = None


@dataclass
class Span:
    """A part of one day, in local time; ``end`` None means until midnight."""

    start: dt.time
    end: dt.time | None
    busy: bool
    booking_ids: list[int] = field(default_factory=list)
    purposes: list[str] = field(default_factory=list)


@dataclass
class Day:
    date: dt.date
    open: bool
    spans: list[Span]

    @property
    def busy(self) -> list[Span]:
        return [s for s in self.spans if s.busy]


@dataclass
class Week:
    monday: dt.date
    days: list[Day]
    hours: list[int]
    grid: list[tuple[dt.time, list[tuple[dt.date, str]]]]

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)

    @property
    def previous(self) -> str:
        return iso_week(self.monday - dt.timedelta(days=7))

    @property
    def next(self) -> str:
        return iso_week(self.monday + dt.timedelta(days=7))


def iso_week(day: dt.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_monday(text: str | None, today: dt.date) -> dt.date:
    """The Monday of an ISO week given as "2026-W50"; this week's when missing or unreadable."""
    if text:
        try:
            year, week = text.upper().split("-W")
            return dt.date.fromisocalendar(int(year), int(week), 1)
        except ValueError:
            pass
    return today - dt.timedelta(days=today.weekday())


def busy_blocks(
    space: Space,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    *,
    ancestors: Sequence[int] | None = None,
) -> list[Busy]:
    """The active bookings that hold ``space`` in ``[starts_at, ends_at)`` by the rule of
    ``clashes_for``: the blocks of the space itself (its own bookings and those of the spaces
    inside it) and the own blocks of the spaces it is part of. One query (plus the ancestors')."""
    chain = ancestor_ids(space) if ancestors is None else ancestors
    blocks = (
        BookingBlock.objects.filter(Q(space_id=space.pk) | Q(space_id__in=chain, own__gt=0))
        .filter(starts_at__lt=ends_at, ends_at__gt=starts_at)
        .select_related("booking")
        .order_by("starts_at", "booking_id")
    )
    return [
        Busy(
            starts_at=block.starts_at,
            ends_at=block.ends_at,
            booking_id=block.booking_id,
            booking_space_id=block.booking.space_id,
            purpose=block.booking.purpose,
            status=block.booking.status,
            organisation_id=block.booking.organisation_id,
            booked_by_id=block.booking.booked_by_id,
        )
        for block in blocks
    ]


def _local(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value, _tz())


def _minutes(value: dt.time | None) -> int:
    return 24 * 60 if value is None else value.hour * 60 + value.minute


def _time(minutes: int) -> dt.time | None:
    return None if minutes >= 24 * 60 else dt.time(minutes // 60, minutes % 60)


def _day_spans(
    day: dt.date,
    hours: dict[int, tuple[dt.time, dt.time]] | None,
    busy: Sequence[Busy],
    *,
    show_purpose: Callable[[Busy], bool],
) -> Day:
    """The day's busy times and the free gaps within its opening hours, in order."""
    if hours is None:
        opens, closes = 0, 24 * 60
    elif day.weekday() in hours:
        o, c = hours[day.weekday()]
        opens, closes = _minutes(o), (24 * 60 if c >= dt.time(23, 59) else _minutes(c))
    else:
        opens = closes = 0
    day_start = timezone.make_aware(dt.datetime.combine(day, MIDNIGHT), _tz())
    day_end = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), MIDNIGHT), _tz())
    # Busy intervals of this day in minutes, merged where they overlap.
    parts: list[tuple[int, int, Busy]] = []
    for item in busy:
        if item.starts_at >= day_end or item.ends_at <= day_start:
            continue
        start = 0 if item.starts_at <= day_start else _minutes(_local(item.starts_at).time())
        end = 24 * 60 if item.ends_at >= day_end else _minutes(_local(item.ends_at).time())
        if end > start:
            parts.append((start, end, item))
    parts.sort(key=lambda p: (p[0], p[1]))
    spans: list[Span] = []
    for start, end, item in parts:
        last = spans[-1] if spans else None
        if last is not None and last.busy and start <= _minutes(last.end):
            if end > _minutes(last.end):
                last.end = _time(end)
        else:
            last = Span(_time(start) or MIDNIGHT, _time(end), True)
            spans.append(last)
        if item.booking_id not in last.booking_ids:
            last.booking_ids.append(item.booking_id)
            if item.purpose and show_purpose(item):
                last.purposes.append(item.purpose)
    # Free gaps within the opening hours.
    result: list[Span] = []
    cursor = opens
    for span in spans:
        s, e = _minutes(span.start), _minutes(span.end)
        if s > cursor and cursor < closes:
            result.append(Span(_time(cursor) or MIDNIGHT, _time(min(s, closes)), False))
        result.append(span)
        cursor = max(cursor, e)
    if cursor < closes:
        result.append(Span(_time(cursor) or MIDNIGHT, _time(closes), False))
    return Day(date=day, open=closes > opens, spans=result)


def _grid(
    days: Sequence[Day], hours: dict[int, tuple[dt.time, dt.time]] | None
) -> tuple[list[int], list[tuple[dt.time, list[tuple[dt.date, str]]]]]:
    """Rows of whole hours (from the earliest opening to the latest closing of the week), each
    with each day's date and state: "busy", "free" or "closed"."""
    if hours:
        first = min(o.hour for o, _c in hours.values())
        last = max(
            24 if c >= dt.time(23, 59) else c.hour + (1 if c.minute else 0)
            for _o, c in hours.values()
        )
    else:
        first, last = 0, 24
    rows: list[tuple[dt.time, list[tuple[dt.date, str]]]] = []
    for hour in range(first, last):
        lo, hi = hour * 60, hour * 60 + 60
        states: list[tuple[dt.date, str]] = []
        for day in days:
            state = "closed"
            for span in day.spans:
                s, e = _minutes(span.start), _minutes(span.end)
                if s < hi and e > lo:
                    if span.busy:
                        state = "busy"
                        break
                    state = "free"
            states.append((day.date, state))
        rows.append((dt.time(hour), states))
    return [hour for hour in range(first, last)], rows


def week_view(
    space: Space,
    monday: dt.date,
    *,
    show_purpose: Callable[[Busy], bool] | None = None,
    chain: list[int] | None = None,
    hours: dict[int, tuple[dt.time, dt.time]] | None = None,
) -> Week:
    """The week from ``monday``: each day's busy times and free gaps, and an hour grid. A
    constant number of queries: the ancestors (one a level), the hours, the week's blocks."""
    if chain is None:  # the ancestors, nearest first; the caller may have read them already
        chain = ancestor_ids(space)
        hours = space_hours(space, [space.pk, *chain])
    start = timezone.make_aware(dt.datetime.combine(monday, MIDNIGHT), _tz())
    end = timezone.make_aware(dt.datetime.combine(monday + dt.timedelta(days=7), MIDNIGHT), _tz())
    busy = busy_blocks(space, start, end, ancestors=chain)
    days = [
        _day_spans(
            monday + dt.timedelta(days=i),
            hours,
            busy,
            show_purpose=show_purpose or (lambda item: False),
        )
        for i in range(7)
    ]
    grid_hours, grid = _grid(days, hours)
    return Week(monday=monday, days=days, hours=grid_hours, grid=grid)


def opening_hours_list(
    hours: dict[int, tuple[dt.time, dt.time]] | None,
) -> list[tuple[int, dt.time, dt.time]] | None:
    if hours is None:
        return None
    return [(weekday, o, c) for weekday, (o, c) in sorted(hours.items())]
