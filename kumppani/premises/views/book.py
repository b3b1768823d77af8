"""The booking path: the form, its preview (nothing saved) and the booking; "my bookings";
a booking's page with its .ics; cancelling one occurrence or a whole series."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from kumppani.accounts import access as base_access
from kumppani.core.confirm import confirmation_page
from kumppani.core.forms import apply_validation_error
from kumppani.premises.access import can_handle_booking, can_manage_space
from kumppani.premises.calendar_feed import bookings_ics
from kumppani.premises.models import Booking, BookingSeries, BookingStatus
from kumppani.premises.selectors_book import (
    associations_for_booking,
    booking_detail,
    future_series_bookings,
    past_bookings,
    series_bookings,
    series_detail,
    upcoming_lines,
)
from kumppani.premises.services.booking_flow import (
    booking_book,
    booking_cancel_notify,
    booking_preview,
    series_cancel_notify,
    weekly_rule,
)
from kumppani.premises.services.bookings import BookingClash
from kumppani.premises.views.forms_book import BookingForm
from kumppani.premises.views.public import ics_response, visible_space

PAST_PAGE_SIZE = 20

# Booking-service field names → the form's.
FIELD_NAMES = {"starts_at": "start", "ends_at": "end", "recurrence": "until"}


def _service_error(form: BookingForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        error = ValidationError({FIELD_NAMES.get(k, k): v for k, v in error.message_dict.items()})
    apply_validation_error(form, error)


@require_http_methods(["GET", "POST"])
def book(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 1: the form; "Check" shows the preview (prices, clashes), nothing saved. Step 2:
    "Book" (or "Book without the clashing times") books; the form travels in hidden fields."""
    space = visible_space(request, pk)
    user = base_access.authenticated_user(request)
    manages = can_manage_space(user, space)
    associations = associations_for_booking(user, space)
    if not associations and not manages:
        raise PermissionDenied
    form = BookingForm(
        request.POST if request.method == "POST" else None,
        associations=associations,
        as_municipality=manages,
    )
    action = request.POST.get("action", "check")
    context: dict[str, Any] = {"space": space, "form": form, "preview": None, "manages": manages}
    if not space.bookable:
        context["closed"] = _("This space cannot be booked on its own.")
        return render(request, "premises/book/book.html", context)
    if request.method != "POST" or action == "edit":
        if action == "edit" and form.is_valid():
            # Back to the form with the input kept (as the date and time inputs expect it).
            context["form"] = BookingForm(
                initial=form.cleaned_data, associations=associations, as_municipality=manages
            )
        return render(request, "premises/book/book.html", context)
    if not form.is_valid():
        return render(request, "premises/book/book.html", context, status=400)
    until = form.cleaned_data.get("until")
    kwargs: dict[str, Any] = {
        "space": space,
        "starts_at": form.starts_at,
        "ends_at": form.ends_at,
        "as_officer": manages,
    }
    if action in ("book", "book_without"):
        try:
            result = booking_book(
                **kwargs,
                purpose=form.cleaned_data["purpose"],
                customer_type=form.customer,
                booked_by=user,
                organisation=form.organisation,
                rrule=weekly_rule(until) if until else None,
                until=until,
                skip_clashes=action == "book_without",
            )
        except ValidationError as error:
            _service_error(form, error)
            return render(request, "premises/book/book.html", context, status=400)
        except BookingClash:
            messages.error(
                request,
                _("Meanwhile someone else booked some of these times; check the preview again."),
            )
        else:
            _booked_message(request, result.bookings, len(result.skipped))
            first = result.bookings[0]
            return redirect("premises:booking", pk=first.pk)
    try:
        context["preview"] = booking_preview(**kwargs, customer_type=form.customer, until=until)
    except ValidationError as error:
        _service_error(form, error)
        return render(request, "premises/book/book.html", context, status=400)
    return render(request, "premises/book/book.html", context)


def _booked_message(request: HttpRequest, bookings: list[Booking], skipped: int) -> None:
    count = len(bookings)
    if bookings[0].status == BookingStatus.PENDING:
        text = ngettext(
            "The booking was received and awaits the municipality's approval.",
            "The %(count)d bookings were received and await the municipality's approval.",
            count,
        ) % {"count": count}
    else:
        text = ngettext(
            "The space is booked.", "The space is booked for %(count)d times.", count
        ) % {"count": count}
    if skipped:
        text += " " + ngettext(
            "%(count)d clashing time was left out.",
            "%(count)d clashing times were left out.",
            skipped,
        ) % {"count": skipped}
    text += " " + _("A confirmation was sent by email.")
    messages.success(request, text)


# --- my bookings ------------------------------------------------------------------------------


@require_GET
def my_bookings(request: HttpRequest) -> HttpResponse:
    user = base_access.authenticated_user(request)
    now = timezone.now()
    page = Paginator(past_bookings(user, now=now), PAST_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"lines": upcoming_lines(user, now=now), "page": page}
    return render(request, "premises/book/my_bookings.html", context)


# --- one booking ------------------------------------------------------------------------------


def _booking(request: HttpRequest, pk: int) -> Booking:
    try:
        found = booking_detail(pk)
    except Booking.DoesNotExist:
        raise Http404 from None
    base_access.require(can_handle_booking(request.user, found), request)
    return found


@require_GET
def booking(request: HttpRequest, pk: int) -> HttpResponse:
    found = _booking(request, pk)
    now = timezone.now()
    series = found.series
    others = series_bookings(series) if series is not None else []
    context = {
        "booking": found,
        "series": series,
        "others": others,
        "can_cancel": found.active and found.ends_at > now,
        "can_cancel_series": series is not None
        and series.cancelled_at is None
        and any(b.starts_at > now for b in others),
        "manages": can_manage_space(request.user, found.space),
    }
    return render(request, "premises/book/booking.html", context)


@require_GET
def booking_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """The booking in one's calendar; for a series, each of its active occurrences."""
    found = _booking(request, pk)
    items = series_bookings(found.series) if found.series is not None else [found]
    return ics_response(bookings_ics(bookings=items or [found]), f"booking-{found.pk}.ics")


def _when(booking: Booking) -> str:
    start = timezone.localtime(booking.starts_at)
    end = timezone.localtime(booking.ends_at)
    return _("%(date)s %(start)s–%(end)s") % {
        "date": formats.date_format(start, "SHORT_DATE_FORMAT"),
        "start": formats.time_format(start),
        "end": formats.time_format(end),
    }


def _late_note(booking: Booking) -> str:
    hours = booking.space.cancel_hours
    if booking.starts_at - timezone.now() < dt.timedelta(hours=hours):
        return " " + ngettext(
            "Free cancellation ends %(hours)d hour before the start; the municipality may "
            "still charge for this booking.",
            "Free cancellation ends %(hours)d hours before the start; the municipality may "
            "still charge for this booking.",
            hours,
        ) % {"hours": hours}
    return ""


@require_http_methods(["GET", "POST"])
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    found = _booking(request, pk)
    user = base_access.authenticated_user(request)
    can = found.active and found.ends_at > timezone.now()
    return confirmation_page(
        request,
        title=_("Cancel the booking"),
        question=_("Cancel the booking of %(space)s on %(when)s (%(purpose)s)?")
        % {"space": found.space, "when": _when(found), "purpose": found.purpose}
        + _late_note(found),
        can_confirm=can,
        closed=_("This booking can no longer be cancelled."),
        action=lambda: booking_cancel_notify(booking=found, by=user),
        done=_("The booking is cancelled and its time is free again."),
        back_url=reverse("premises:my_bookings"),
        back_text=_("Back to my bookings"),
    )


@require_http_methods(["GET", "POST"])
def series_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        found: BookingSeries = series_detail(pk)
    except BookingSeries.DoesNotExist:
        raise Http404 from None
    base_access.require(can_handle_booking(request.user, found), request)
    user = base_access.authenticated_user(request)
    future = future_series_bookings(found)
    question = ngettext(
        "Cancel the whole series “%(purpose)s” in %(space)s: its %(count)d remaining time?",
        "Cancel the whole series “%(purpose)s” in %(space)s: all its %(count)d remaining times?",
        len(future),
    ) % {"purpose": found.purpose, "space": found.space, "count": len(future)}
    return confirmation_page(
        request,
        title=_("Cancel the whole series"),
        question=question,
        can_confirm=bool(future),
        closed=_("This series has no future bookings to cancel."),
        action=lambda: series_cancel_notify(series=found, by=user),
        done=_("The series is cancelled and its times are free again."),
        back_url=reverse("premises:my_bookings"),
        back_text=_("Back to my bookings"),
    )
