"""iCalendar of premises (the icalendar package, as the project's other feeds): a space's busy
times for everyone (no personal data), and a person's own bookings (email attachment, "add to
calendar")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from kumppani.premises.models import Booking, BookingStatus, Space
from kumppani.premises.selectors_public import busy_blocks

PAST_DAYS = 30
AHEAD_DAYS = 366


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Kumppani//premises//FI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def busy_ics(*, space: Space) -> bytes:
    """The space's busy times from 30 days back to a year ahead: one "Busy" event for each
    booking that holds the space (by the rule of the blocks), with its start and end only."""
    now = timezone.now()
    calendar = _calendar(_("Busy times – %(space)s") % {"space": space})
    seen: set[int] = set()
    for busy in busy_blocks(
        space, now - dt.timedelta(days=PAST_DAYS), now + dt.timedelta(days=AHEAD_DAYS)
    ):
        if busy.booking_id in seen:
            continue
        seen.add(busy.booking_id)
        event = Event()
        event.add("uid", f"premises-busy-{space.pk}-{busy.booking_id}@kumppani")
        event.add("dtstamp", now)
        event.add("dtstart", busy.starts_at)
        event.add("dtend", busy.ends_at)
        event.add("summary", _("Busy"))
        event.add("transp", "OPAQUE")
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def bookings_ics(*, bookings: Sequence[Booking], site_root: str = "") -> bytes:
    """The bookings as events with their place and purpose, for the booker's own calendar;
    a cancelled booking is marked cancelled (its UID is the same, so calendars remove it)."""
    now = timezone.now()
    calendar = _calendar(_("Bookings"))
    if any(b.status == BookingStatus.CANCELLED for b in bookings):
        calendar.add("method", "CANCEL")
    for booking in bookings:
        event = Event()
        event.add("uid", f"premises-booking-{booking.pk}@kumppani")
        event.add("dtstamp", now)
        event.add("dtstart", booking.starts_at)
        event.add("dtend", booking.ends_at)
        event.add("summary", f"{booking.purpose} – {booking.space}")
        if booking.space.address:
            event.add("location", f"{booking.space}, {booking.space.address}")
        else:
            event.add("location", str(booking.space))
        if booking.status == BookingStatus.CANCELLED:
            event.add("status", "CANCELLED")
        elif booking.status == BookingStatus.PENDING:
            event.add("status", "TENTATIVE")
        else:
            event.add("status", "CONFIRMED")
        if site_root:
            event.add("url", site_root + booking_path(booking))
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def booking_path(booking: Booking) -> str:
    from django.urls import reverse

    return reverse("premises:booking", args=[booking.pk])
