"""The booking path around the booking service: the preview (nothing saved), booking with the
confirmation email, and cancelling with its notice. Each write is audited; emails go after the
commit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kumppani.accounts.audit import audit_record
from kumppani.accounts.models import User
from kumppani.associations.models import Association
from kumppani.core.notifications import current_language
from kumppani.premises.models import Booking, BookingSeries, Space
from kumppani.premises.services import bookings as core
from kumppani.premises.services.notify import (
    booking_cancellation_send,
    booking_confirmation_send,
)
from kumppani.premises.services.pricing import price_with_rules, rules_for


@dataclass(frozen=True)
class PreviewLine:
    starts_at: dt.datetime
    ends_at: dt.datetime
    price_eur: Decimal | None
    clashes: list[core.Clash]


@dataclass(frozen=True)
class Preview:
    lines: list[PreviewLine]

    @property
    def free(self) -> list[PreviewLine]:
        return [line for line in self.lines if not line.clashes]

    @property
    def clashing(self) -> list[PreviewLine]:
        return [line for line in self.lines if line.clashes]

    @property
    def total(self) -> Decimal | None:
        """The price of the occurrences that would be booked (None: to be confirmed)."""
        prices = [line.price_eur for line in self.free]
        if any(p is None for p in prices):
            return None
        return sum((p for p in prices if p is not None), Decimal(0))


def weekly_rule(until: dt.date) -> str:
    """The RRULE of a weekly series until a date (inclusive)."""
    return f"FREQ=WEEKLY;UNTIL={until:%Y%m%d}T235959"


def booking_preview(
    *,
    space: Space,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    customer_type: str,
    until: dt.date | None = None,
    as_officer: bool = False,
) -> Preview:
    """What booking would give, checked by the service's rules, nothing saved: each occurrence
    with its price and what it clashes with. Raises ``ValidationError`` for a broken rule."""
    occurrences = (
        core.occurrences_of(
            rrule=weekly_rule(until), starts_at=starts_at, ends_at=ends_at, until=until
        )
        if until
        else [core.Occurrence(starts_at, ends_at)]
    )
    core.check_rules(space, occurrences, as_officer=as_officer, now=timezone.now())
    clashes = core.clashes_for(space, occurrences)
    rules = rules_for(space, customer_type)
    return Preview(
        lines=[
            PreviewLine(
                starts_at=o.starts_at,
                ends_at=o.ends_at,
                price_eur=price_with_rules(rules, o.starts_at, o.ends_at),
                clashes=clashes.get(i, []),
            )
            for i, o in enumerate(occurrences)
        ]
    )


def booking_book(
    *,
    space: Space,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    purpose: str,
    customer_type: str,
    booked_by: User,
    organisation: Association | None = None,
    rrule: str | None = None,
    until: dt.date | None = None,
    as_officer: bool = False,
    skip_clashes: bool = False,
) -> core.SeriesResult:
    """Book a time or a weekly series (``series_create``), audit it and email the booker one
    confirmation with an .ics after the commit. Raises ``ValidationError`` or ``BookingClash``."""
    language = current_language()
    with transaction.atomic():
        result = core.series_create(
            space=space,
            starts_at=starts_at,
            ends_at=ends_at,
            purpose=purpose,
            customer_type=customer_type,
            rrule=rrule,
            until=until,
            organisation=organisation,
            booked_by=booked_by,
            as_officer=as_officer,
            skip_clashes=skip_clashes,
        )
        target: Booking | BookingSeries = result.series or result.bookings[0]
        audit_record(
            actor=booked_by,
            action="premises_booking.create",
            target=target,
            summary=f"{space.pk}: {len(result.bookings)} / skipped {len(result.skipped)}",
        )
        booking_confirmation_send(bookings=result.bookings, language=language)
    return result


def booking_cancel_notify(*, booking: Booking, by: User, reason: str = "") -> Booking:
    """Cancel one booking (or one occurrence of a series) and tell the booker in one email, in
    the language they booked in."""
    language = booking.language
    with transaction.atomic():
        cancelled = core.booking_cancel(booking=booking, by=by, reason=reason)
        audit_record(actor=by, action="premises_booking.cancel", target=cancelled)
        booking_cancellation_send(bookings=[cancelled], language=language)
    return cancelled


def series_cancel_notify(*, series: BookingSeries, by: User, reason: str = "") -> list[Booking]:
    """Cancel every future occurrence of a series and tell the booker in one email, in the
    language they booked in."""
    with transaction.atomic():
        cancelled = core.series_cancel(series=series, by=by, reason=reason)
        language = cancelled[0].language
        audit_record(
            actor=by,
            action="premises_series.cancel",
            target=series,
            summary=str(len(cancelled)),
        )
        booking_cancellation_send(bookings=cancelled, language=language)
    return cancelled
