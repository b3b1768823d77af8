"""The booker's emails: the confirmation of a booking or a whole series (one email, with an
.ics attachment) and the notice of a cancellation (one email for a series or an occurrence).
Sent after the commit, through kumppani.core.notifications, in the language of the person who
acted (the platform keeps no language per person)."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kumppani.core.notifications import LANGUAGES, Email, email_send
from kumppani.premises.calendar_feed import bookings_ics
from kumppani.premises.models import Booking, BookingStatus
from kumppani.premises.services.bookings import total_price

CONFIRMED_SUBJECT = gettext_lazy("Booking confirmed: %(space)s")
PENDING_SUBJECT = gettext_lazy("Booking received, awaiting approval: %(space)s")
CANCELLED_SUBJECT = gettext_lazy("Booking cancelled: %(space)s")


def _recipient(bookings: Sequence[Booking]) -> list[str]:
    booker = bookings[0].booked_by if bookings else None
    return [booker.email] if booker is not None and booker.email else []


def _language(language: str) -> str:
    return language if language in LANGUAGES else settings.LANGUAGE_CODE


def _attachment(bookings: Sequence[Booking], language: str, name: str) -> tuple[str, bytes, str]:
    with translation.override(language):
        content = bookings_ics(bookings=bookings, site_root=settings.SITE_ROOT)
        filename = name
    return filename, content, "text/calendar"


def booking_confirmation_send(*, bookings: Sequence[Booking], language: str) -> None:
    """One email to the booker for a booking or a whole series: the times, the place, the
    price and an .ics of every occurrence (sent after the commit)."""
    to = _recipient(bookings)
    if not to:
        return
    language = _language(language)
    first = bookings[0]
    pending = first.status == BookingStatus.PENDING
    with translation.override(language):
        filename = _("booking-%(id)s.ics") % {"id": first.pk}
    email_send(
        Email(
            to=to,
            subject=PENDING_SUBJECT if pending else CONFIRMED_SUBJECT,
            subject_params={"space": first.space},
            template="premises/book/email/confirmed.txt",
            language=language,
            context={
                "bookings": list(bookings),
                "first": first,
                "pending": pending,
                "total": total_price(bookings),
            },
            attachments=[_attachment(bookings, language, filename)],
        )
    )


def booking_cancellation_send(*, bookings: Sequence[Booking], language: str) -> None:
    """One email to the booker listing what was cancelled (a series or one occurrence), with an
    .ics that removes the events from a calendar."""
    to = _recipient(bookings)
    if not to:
        return
    language = _language(language)
    first = bookings[0]
    with translation.override(language):
        filename = _("cancelled-%(id)s.ics") % {"id": first.pk}
    email_send(
        Email(
            to=to,
            subject=CANCELLED_SUBJECT,
            subject_params={"space": first.space},
            template="premises/book/email/cancelled.txt",
            language=language,
            context={"bookings": list(bookings), "first": first},
            attachments=[_attachment(bookings, language, filename)],
        )
    )
