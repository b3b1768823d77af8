"""Bookings and weekly series: the rules of the space, the price, and no double booking.

The clash check and the insert run in one transaction. On PostgreSQL the exclusion constraint
``premises_no_double_booking`` refuses whatever a concurrent transaction slipped in between (the
loser's ``IntegrityError`` becomes :class:`BookingClash`); on SQLite the transaction began
IMMEDIATE, so no other writer runs between the check and the insert.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.accounts.models import User
from kumppani.associations.models import Association
from kumppani.core.notifications import current_language
from kumppani.premises.models import (
    ACTIVE_STATUSES,
    Booking,
    BookingBlock,
    BookingSeries,
    BookingStatus,
    Space,
)
from kumppani.premises.selectors_tree import ancestor_ids, hours_in_chain
from kumppani.premises.services.pricing import price_with_rules, rules_for

MAX_OCCURRENCES = 300
CONSTRAINT = "premises_no_double_booking"


@dataclass(frozen=True)
class Clash:
    """An existing booking a requested time collides with (no personal data)."""

    booking_id: int
    space_id: int
    space_name: str
    starts_at: dt.datetime
    ends_at: dt.datetime


class BookingClash(Exception):
    """The requested time is already booked in the space, a space it is part of, or one inside
    it (HTTP 409). ``clashes`` lists what it collides with, when known."""

    def __init__(self, clashes: Sequence[Clash] = (), occurrences: Sequence[Occurrence] = ()):
        self.clashes = list(clashes)
        self.occurrences = list(occurrences)
        super().__init__(_("This time is already booked."))


@dataclass(frozen=True)
class Occurrence:
    starts_at: dt.datetime
    ends_at: dt.datetime


def _tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


# ---------------------------------------------------------------- rules


def hours_by_weekday(space: Space) -> dict[int, tuple[dt.time, dt.time]] | None:
    """The opening hours the space follows: its own, else its nearest ancestor's; ``None`` when
    neither it nor any ancestor has any (open around the clock)."""
    return hours_in_chain([space.pk, *ancestor_ids(space)])


def check_rules(
    space: Space,
    occurrences: Sequence[Occurrence],
    *,
    as_officer: bool,
    now: dt.datetime,
) -> None:
    if not space.bookable:
        raise ValidationError(_("This space cannot be booked on its own."))
    hours = hours_by_weekday(space)
    first = occurrences[0]
    minutes = (first.ends_at - first.starts_at).total_seconds() / 60
    if first.ends_at <= first.starts_at:
        raise ValidationError({"ends_at": _("The end must be after the start.")})
    if minutes < space.min_minutes:
        raise ValidationError(
            {
                "ends_at": _("The shortest booking here is %(minutes)d minutes.")
                % {"minutes": space.min_minutes}
            }
        )
    if minutes > space.max_minutes:
        raise ValidationError(
            {
                "ends_at": _("The longest booking here is %(minutes)d minutes.")
                % {"minutes": space.max_minutes}
            }
        )
    if first.starts_at < now:
        raise ValidationError({"starts_at": _("A booking cannot start in the past.")})
    if not as_officer and first.starts_at > now + dt.timedelta(days=space.book_ahead_days):
        raise ValidationError(
            {
                "starts_at": _("This space can be booked at most %(days)d days ahead.")
                % {"days": space.book_ahead_days}
            }
        )
    if hours is None:
        return
    for occurrence in occurrences:
        if not _within_hours(hours, occurrence):
            raise ValidationError(
                {
                    "starts_at": _("The space is not open at %(time)s.")
                    % {"time": _format_local(occurrence.starts_at)}
                }
            )


def _within_hours(hours: dict[int, tuple[dt.time, dt.time]], occurrence: Occurrence) -> bool:
    """Whether the occurrence lies inside one day's opening hours (a closing time of 23:59
    means until midnight)."""
    start = timezone.localtime(occurrence.starts_at, _tz())
    end = timezone.localtime(occurrence.ends_at, _tz())
    day = hours.get(start.weekday())
    if day is None or start.time() < day[0]:
        return False
    if end.date() == start.date():
        return end.time() <= day[1]
    return (
        end.date() == start.date() + dt.timedelta(days=1)
        and end.time() == dt.time(0)
        and day[1] >= dt.time(23, 59)
    )


def _format_local(value: dt.datetime) -> str:
    from django.utils import formats

    return formats.date_format(timezone.localtime(value, _tz()), "SHORT_DATETIME_FORMAT")


# ---------------------------------------------------------------- clashes


def _block_end(space: Space, ends_at: dt.datetime) -> dt.datetime:
    return ends_at + dt.timedelta(minutes=space.buffer_minutes)


def clashes_for(space: Space, occurrences: Sequence[Occurrence]) -> dict[int, list[Clash]]:
    """For each occurrence (by index) the active bookings it would collide with, by the rule of
    the blocks: anything in ``space`` itself (its own bookings and those of spaces inside it), and
    the bookings of the spaces it is part of. One query for all occurrences."""
    if not occurrences:
        return {}
    ancestors = ancestor_ids(space)
    lo = min(o.starts_at for o in occurrences)
    hi = max(_block_end(space, o.ends_at) for o in occurrences)
    blocks = list(
        BookingBlock.objects.filter(Q(space_id=space.pk) | Q(space_id__in=ancestors, own__gt=0))
        .filter(starts_at__lt=hi, ends_at__gt=lo)
        .select_related("booking__space")
        .order_by("starts_at")
    )
    found: dict[int, list[Clash]] = {}
    for index, occurrence in enumerate(occurrences):
        start, end = occurrence.starts_at, _block_end(space, occurrence.ends_at)
        for block in blocks:
            if block.starts_at < end and block.ends_at > start:
                booking = block.booking
                found.setdefault(index, []).append(
                    Clash(
                        booking_id=booking.pk,
                        space_id=booking.space_id,
                        space_name=str(booking.space),
                        starts_at=booking.starts_at,
                        ends_at=booking.ends_at,
                    )
                )
    return found


def _blocks(booking: Booking, space: Space, ancestors: Sequence[int]) -> list[BookingBlock]:
    end = _block_end(space, booking.ends_at)
    rows = [
        BookingBlock(
            booking=booking,
            space_id=space.pk,
            starts_at=booking.starts_at,
            ends_at=end,
            own=booking.pk,
        )
    ]
    rows += [
        BookingBlock(booking=booking, space_id=pk, starts_at=booking.starts_at, ends_at=end, own=0)
        for pk in ancestors
    ]
    return rows


def _is_double_booking(error: IntegrityError) -> bool:
    return CONSTRAINT in str(error)


# ---------------------------------------------------------------- writes


def occurrences_of(
    *, rrule: str, starts_at: dt.datetime, ends_at: dt.datetime, until: dt.date | None = None
) -> list[Occurrence]:
    """The occurrences of an RFC 5545 RRULE from the first one, in local (wall-clock) time so a
    weekly 18:00 stays 18:00 across daylight saving; at most ``MAX_OCCURRENCES``."""
    tz = _tz()
    first = timezone.localtime(starts_at, tz).replace(tzinfo=None)
    length = ends_at - starts_at
    text = rrule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    try:
        rule = rrulestr(text, dtstart=first)
    except (ValueError, TypeError) as error:
        raise ValidationError(
            {"recurrence": _("The recurrence rule is not valid: %(error)s") % {"error": error}}
        ) from error
    result: list[Occurrence] = []
    for moment in rule:
        if until and moment.date() > until:
            break
        if len(result) >= MAX_OCCURRENCES:
            raise ValidationError(
                {
                    "recurrence": _(
                        "A series can have at most %(count)d occurrences; give an end "
                        "date or a count."
                    )
                    % {"count": MAX_OCCURRENCES}
                }
            )
        start = timezone.make_aware(moment, tz)
        result.append(Occurrence(start, timezone.make_aware(moment + length, tz)))
    if not result:
        raise ValidationError({"recurrence": _("The recurrence rule gives no occurrences.")})
    return result


@dataclass
class SeriesResult:
    series: BookingSeries | None
    bookings: list[Booking]
    skipped: list[tuple[Occurrence, list[Clash]]]


def _create_all(
    *,
    space: Space,
    occurrences: Sequence[Occurrence],
    organisation: Association | None,
    booked_by: User | None,
    customer_type: str,
    purpose: str,
    status: str,
    series: BookingSeries | None,
) -> list[Booking]:
    ancestors = ancestor_ids(space)
    rules = rules_for(space, customer_type, ancestors)
    bookings = []
    for occurrence in occurrences:
        booking = Booking(
            space=space,
            series=series,
            organisation=organisation,
            booked_by=booked_by,
            customer_type=customer_type,
            purpose=purpose,
            starts_at=occurrence.starts_at,
            ends_at=occurrence.ends_at,
            status=status,
            price_eur=price_with_rules(rules, occurrence.starts_at, occurrence.ends_at),
            language=current_language(),
        )
        booking.full_clean(exclude=["series", "organisation", "booked_by", "space"])
        bookings.append(booking)
    Booking.objects.bulk_create(bookings)
    if not all(b.pk for b in bookings):  # SQLite before 3.35 returns no ids
        raise RuntimeError("bulk_create did not return ids")
    BookingBlock.objects.bulk_create(
        [block for booking in bookings for block in _blocks(booking, space, ancestors)]
    )
    return bookings


def booking_create(
    *,
    space: Space,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    purpose: str,
    customer_type: str,
    organisation: Association | None = None,
    booked_by: User | None = None,
    as_officer: bool = False,
    on_commit: Callable[[Booking], None] | None = None,
) -> Booking:
    """Book one time. Raises ``ValidationError`` for a broken rule and :class:`BookingClash`
    when the time (with the space's buffer) is taken in the space tree."""
    result = series_create(
        space=space,
        starts_at=starts_at,
        ends_at=ends_at,
        purpose=purpose,
        customer_type=customer_type,
        organisation=organisation,
        booked_by=booked_by,
        as_officer=as_officer,
        rrule=None,
    )
    booking = result.bookings[0]
    if on_commit is not None:
        transaction.on_commit(lambda: on_commit(booking))
    return booking


def series_create(
    *,
    space: Space,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    purpose: str,
    customer_type: str,
    rrule: str | None,
    organisation: Association | None = None,
    booked_by: User | None = None,
    as_officer: bool = False,
    skip_clashes: bool = False,
    until: dt.date | None = None,
    allocation_id: int | None = None,
) -> SeriesResult:
    """Book a single time (``rrule`` None) or a series. Clashing occurrences are found before
    anything is saved: without ``skip_clashes`` they raise :class:`BookingClash` listing them
    (``occurrences``); with it the series is booked without them (``skipped``). Atomic: either
    every free occurrence is booked or nothing is."""
    purpose = (purpose or "").strip()
    if not purpose:
        raise ValidationError({"purpose": _("Tell what the space is booked for.")})
    if len(purpose) > 200:
        raise ValidationError(
            {
                "purpose": _(
                    "Ensure this value has at most %(limit_value)d characters "
                    "(it has %(show_value)d)."
                )
                % {"limit_value": 200, "show_value": len(purpose)}
            }
        )
    if organisation is not None and organisation.pk is None:
        raise ValidationError({"organisation": _("Unknown association.")})
    occurrences = (
        occurrences_of(rrule=rrule, starts_at=starts_at, ends_at=ends_at, until=until)
        if rrule
        else [Occurrence(starts_at, ends_at)]
    )
    check_rules(space, occurrences, as_officer=as_officer, now=timezone.now())
    status = (
        BookingStatus.PENDING
        if space.needs_approval and not as_officer
        else BookingStatus.CONFIRMED
    )
    try:
        with transaction.atomic():
            clashes = clashes_for(space, occurrences)
            if clashes and not skip_clashes:
                raise BookingClash(
                    [c for found in clashes.values() for c in found],
                    [occurrences[i] for i in sorted(clashes)],
                )
            free = [o for i, o in enumerate(occurrences) if i not in clashes]
            if not free:
                raise BookingClash([c for found in clashes.values() for c in found], occurrences)
            series = None
            if rrule:
                series = BookingSeries(
                    space=space,
                    organisation=organisation,
                    booked_by=booked_by,
                    customer_type=customer_type,
                    purpose=purpose,
                    rrule=rrule.strip()[:300],
                    first_start=starts_at,
                    first_end=ends_at,
                    allocation_id=allocation_id,
                )
                series.full_clean(exclude=["space", "organisation", "booked_by", "allocation"])
                series.save()
            bookings = _create_all(
                space=space,
                occurrences=free,
                organisation=organisation,
                booked_by=booked_by,
                customer_type=customer_type,
                purpose=purpose,
                status=status,
                series=series,
            )
    except IntegrityError as error:
        if not _is_double_booking(error):
            raise
        # A concurrent booking won the race after our check; tell what it is.
        raise BookingClash(
            [c for found in clashes_for(space, occurrences).values() for c in found]
        ) from error
    skipped = [(occurrences[i], clashes[i]) for i in sorted(clashes)]
    return SeriesResult(series=series, bookings=bookings, skipped=skipped)


def _release(bookings: Sequence[Booking]) -> None:
    BookingBlock.objects.filter(booking__in=[b.pk for b in bookings]).delete()


def booking_cancel(*, booking: Booking, by: User | None, reason: str = "") -> Booking:
    """Cancel one booking (one occurrence of a series, or a single booking); its time is free
    again at once."""
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status not in ACTIVE_STATUSES:
            raise ValidationError(_("This booking is no longer active."))
        if booking.ends_at <= timezone.now():
            raise ValidationError(_("A booking that has already ended cannot be cancelled."))
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_by = by
        booking.cancelled_at = timezone.now()
        booking.reason = reason
        booking.full_clean()
        booking.save(update_fields=["status", "cancelled_by", "cancelled_at", "reason"])
        _release([booking])
    return booking


def series_cancel(*, series: BookingSeries, by: User | None, reason: str = "") -> list[Booking]:
    """Cancel every future active occurrence of a series at once; returns them."""
    now = timezone.now()
    with transaction.atomic():
        bookings = list(
            Booking.objects.select_for_update()
            .filter(series=series, status__in=ACTIVE_STATUSES, starts_at__gt=now)
            .order_by("starts_at")
        )
        if not bookings:
            raise ValidationError(_("This series has no future bookings to cancel."))
        Booking.objects.filter(pk__in=[b.pk for b in bookings]).update(
            status=BookingStatus.CANCELLED, cancelled_by=by, cancelled_at=now, reason=reason
        )
        _release(bookings)
        BookingSeries.objects.filter(pk=series.pk).update(cancelled_at=now)
        for booking in bookings:
            booking.status = BookingStatus.CANCELLED
    return bookings


def booking_decide(*, booking: Booking, by: User, approve: bool, reason: str = "") -> Booking:
    """An officer approves or rejects a booking awaiting approval; a rejection frees its time."""
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status != BookingStatus.PENDING:
            raise ValidationError(_("This booking is not awaiting approval."))
        if not approve and not reason.strip():
            raise ValidationError({"reason": _("Give a reason for the rejection.")})
        booking.status = BookingStatus.CONFIRMED if approve else BookingStatus.REJECTED
        booking.decided_by = by
        booking.decided_at = timezone.now()
        booking.reason = reason
        booking.full_clean()
        booking.save(update_fields=["status", "decided_by", "decided_at", "reason"])
        if not approve:
            _release([booking])
    return booking


def total_price(bookings: Sequence[Booking]) -> Decimal | None:
    prices = [b.price_eur for b in bookings]
    if any(p is None for p in prices):
        return None
    return sum((p for p in prices if p is not None), Decimal(0))


def past_series_record(
    *,
    space: Space,
    occurrences: Sequence[Occurrence],
    organisation: Association | None,
    customer_type: str,
    purpose: str,
    rrule: str,
) -> list[Booking]:
    """Record a weekly series that has already taken place (bookings carried over from the
    municipality's earlier system, or a demo's last season) so the statistics count it. The
    clash rule holds as for any booking; the rules for new bookings (not in the past, how far
    ahead, opening hours) do not apply to what has happened."""
    if not occurrences or max(o.ends_at for o in occurrences) > timezone.now():
        raise ValidationError(_("Only bookings that have already ended can be recorded."))
    with transaction.atomic():
        clashes = clashes_for(space, occurrences)
        if clashes:
            raise BookingClash([c for found in clashes.values() for c in found])
        series = BookingSeries(
            space=space,
            organisation=organisation,
            customer_type=customer_type,
            purpose=purpose,
            rrule=rrule,
            first_start=occurrences[0].starts_at,
            first_end=occurrences[0].ends_at,
        )
        series.full_clean(exclude=["space", "organisation", "booked_by", "allocation"])
        series.save()
        return _create_all(
            space=space,
            occurrences=occurrences,
            organisation=organisation,
            booked_by=None,
            customer_type=customer_type,
            purpose=purpose,
            status=BookingStatus.CONFIRMED,
            series=series,
        )
