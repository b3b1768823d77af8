"""The annual cycle as months and as an iCalendar feed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from kumppani.core.cycle import CycleItem, cycle_items
from kumppani.geography.models import Municipality


@dataclass(frozen=True)
class Month:
    number: int
    first: dt.date
    items: list[CycleItem]
    is_current: bool


def _day(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def year_months(*, municipality: Municipality, year: int) -> tuple[list[Month], list[CycleItem]]:
    """Twelve months of the year with their items, and the items in date order."""
    items = cycle_items(municipality, dt.date(year, 1, 1), dt.date(year, 12, 31))
    today = timezone.localdate()
    months = [
        Month(
            number=n,
            first=dt.date(year, n, 1),
            items=[item for item in items if _day(item.start).month == n],
            is_current=(today.year == year and today.month == n),
        )
        for n in range(1, 13)
    ]
    return months, items


def annual_cycle_ics(*, municipality: Municipality, today: dt.date | None = None) -> bytes:
    """Items from a year back to a year ahead, as a valid iCalendar document."""
    today = today or timezone.localdate()
    items = cycle_items(
        municipality, today - dt.timedelta(days=365), today + dt.timedelta(days=365)
    )
    calendar = Calendar()
    calendar.add("prodid", "-//Kumppani//Annual cycle//FI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{municipality.name_fi} – vuosikello")
    stamp = timezone.now()
    for item in items:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("summary", item.title)
        event.add("dtstart", item.start)
        if item.end is not None:
            end = item.end
            if not isinstance(end, dt.datetime):
                end = end + dt.timedelta(days=1)  # DTEND of an all-day event is exclusive
            event.add("dtend", end)
        elif not isinstance(item.start, dt.datetime):
            event.add("dtend", item.start + dt.timedelta(days=1))
        if item.description:
            event.add("description", item.description)
        if item.url:
            event.add(
                "url", settings.SITE_ROOT + item.url if item.url.startswith("/") else item.url
            )
        event.add("categories", [item.kind])
        calendar.add_component(event)
    return bytes(calendar.to_ical())
