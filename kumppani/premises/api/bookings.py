"""The bookings operations of the premises API: book (a time or an RFC 5545 series), the busy
list of a space, cancel, and a space's iCalendar feed of busy times.

A clash with the space, a space it is part of or one inside it is a 409 that lists what it
clashes with; a broken booking rule a 422 (the global ``ValidationError`` handler)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from kumppani.accounts.access import AnyUser, authenticated_user
from kumppani.accounts.models import User
from kumppani.accounts.services import api_token_user
from kumppani.api.auth import token_auth
from kumppani.api.schemas import Error
from kumppani.associations.models import Association
from kumppani.premises.access import can_book_for, can_handle_booking, can_manage_space
from kumppani.premises.calendar_feed import busy_ics
from kumppani.premises.models import Booking, CustomerType, Space
from kumppani.premises.selectors_public import busy_blocks
from kumppani.premises.services.booking_flow import booking_book, booking_cancel_notify
from kumppani.premises.services.bookings import BookingClash, Clash, total_price

router = Router()

MAX_RANGE_DAYS = 366


class BookingIn(Schema):
    space: int
    start: dt.datetime
    end: dt.datetime
    organisation: int | None = None
    purpose: str
    recurrence: str | None = None
    skip_clashes: bool = False


class BookingOut(Schema):
    id: int
    status: str
    price_eur: str | None
    series: int | None
    occurrences: int


class ClashOut(Schema):
    booking: int
    space: int
    space_name: str
    start: str
    end: str


class ClashMessage(Schema):
    detail: str
    clashes: list[ClashOut]


class Message(Schema):
    detail: Any


class BusyOut(Schema):
    id: int
    space: int
    start: str
    end: str
    status: str
    organisation: int | None = None
    purpose: str | None = None


class BusyQuery(Schema):
    space: int
    start: dt.datetime | None = None
    end: dt.datetime | None = None


def _iso(value: dt.datetime) -> str:
    """A moment in ISO 8601 with the offset of Finnish time."""
    return timezone.localtime(value).isoformat()


def _clash_body(error: BookingClash) -> dict[str, Any]:
    seen: set[int] = set()
    clashes: list[Clash] = []
    for clash in error.clashes:
        if clash.booking_id not in seen:
            seen.add(clash.booking_id)
            clashes.append(clash)
    return {
        "detail": str(error),
        "clashes": [
            {
                "booking": c.booking_id,
                "space": c.space_id,
                "space_name": c.space_name,
                "start": _iso(c.starts_at),
                "end": _iso(c.ends_at),
            }
            for c in clashes
        ],
    }


def _aware(value: dt.datetime, field: str) -> dt.datetime:
    if timezone.is_naive(value):
        raise ValidationError({field: _("Give the time with its UTC offset (ISO 8601).")})
    return value


def _space_for(user: AnyUser, pk: int) -> Space:
    space = Space.objects.select_related("municipality").filter(pk=pk).first()
    if space is None or (not space.for_associations and not can_manage_space(user, space)):
        raise ValidationError({"space": _("There is no such space.")})
    return space


@router.post(
    "/bookings",
    response={201: BookingOut, 409: ClashMessage},
    auth=token_auth,
    summary="Book a space for an association (a time, or a series by an RFC 5545 RRULE); "
    "a clash is a 409 listing what it clashes with",
)
def booking_create_api(request: HttpRequest, payload: BookingIn) -> tuple[int, Any]:
    user = authenticated_user(request)
    space = _space_for(user, payload.space)
    manages = can_manage_space(user, space)
    organisation = None
    if payload.organisation is not None:
        organisation = Association.objects.filter(pk=payload.organisation).first()
        if organisation is None:
            raise ValidationError({"organisation": _("There is no such association.")})
        if not (can_book_for(user, organisation.pk) or manages):
            raise PermissionDenied
    elif not manages:
        raise PermissionDenied
    try:
        result = booking_book(
            space=space,
            starts_at=_aware(payload.start, "start"),
            ends_at=_aware(payload.end, "end"),
            purpose=payload.purpose,
            customer_type=CustomerType.ASSOCIATION if organisation else CustomerType.GROUP,
            booked_by=user,
            organisation=organisation,
            rrule=payload.recurrence or None,
            as_officer=manages,
            skip_clashes=payload.skip_clashes,
        )
    except BookingClash as error:
        return 409, _clash_body(error)
    first = result.bookings[0]
    total = total_price(result.bookings)
    return 201, {
        "id": first.pk,
        "status": first.status,
        "price_eur": f"{total:.2f}" if total is not None else None,
        "series": result.series.pk if result.series else None,
        "occurrences": len(result.bookings),
    }


def _optional_user(request: HttpRequest) -> AnyUser:
    """The person behind an optional ``Authorization: Bearer`` token (public reads)."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        user = api_token_user(key=header[7:].strip())
        if user is not None:
            return user
    return request.user


@router.get(
    "/bookings",
    response={200: list[BusyOut], 404: Error, 422: Error},
    summary="The busy times of a space (its own bookings, those of the spaces it is part of "
    "and of the spaces inside it); the association and purpose only for those who can handle "
    "the booking",
)
def bookings_busy(request: HttpRequest, filters: Query[BusyQuery]) -> list[dict[str, Any]]:
    user = _optional_user(request)
    space = Space.objects.select_related("municipality").filter(pk=filters.space).first()
    if space is None or (not space.for_associations and not can_manage_space(user, space)):
        raise Http404
    start = filters.start or timezone.now()
    end = filters.end or start + dt.timedelta(days=30)
    _aware(start, "start")
    _aware(end, "end")
    if end <= start:
        raise ValidationError({"end": _("The end must be after the start.")})
    if end - start > dt.timedelta(days=MAX_RANGE_DAYS):
        raise ValidationError(
            {"end": _("Ask for at most %(days)d days at a time.") % {"days": MAX_RANGE_DAYS}}
        )
    busy = busy_blocks(space, start, end)
    ids = list(dict.fromkeys(b.booking_id for b in busy))
    bookings = Booking.objects.select_related("space").in_bulk(ids)
    result = []
    for pk in ids:
        booking = bookings[pk]
        row: dict[str, Any] = {
            "id": booking.pk,
            "space": booking.space_id,
            "start": _iso(booking.starts_at),
            "end": _iso(booking.ends_at),
            "status": booking.status,
        }
        if isinstance(user, User) and can_handle_booking(user, booking):
            row["organisation"] = booking.organisation_id
            row["purpose"] = booking.purpose
        result.append(row)
    return result


@router.delete(
    "/bookings/{int:pk}",
    response={204: None},
    auth=token_auth,
    summary="Cancel a booking (one occurrence of a series); its time is free again at once",
)
def booking_delete(request: HttpRequest, pk: int) -> tuple[int, None]:
    booking = Booking.objects.select_related("space").filter(pk=pk).first()
    if booking is None:
        raise Http404
    if not can_handle_booking(request.user, booking):
        raise PermissionDenied
    booking_cancel_notify(booking=booking, by=authenticated_user(request))
    return 204, None


@router.get(
    "/premises/{int:pk}/busy.ics",
    summary="A space's busy times as iCalendar (no personal data), 30 days back to a year ahead",
    response={200: None},
)
def busy_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    space = Space.objects.filter(pk=pk).first()
    if space is None or (not space.for_associations and not can_manage_space(request.user, space)):
        raise Http404
    response = HttpResponse(busy_ics(space=space), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="busy-{space.pk}.ics"'
    return response
