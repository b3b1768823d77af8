"""An officer approves or rejects a booking awaiting approval; the booker is told by email."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy

from kumppani.accounts.models import User
from kumppani.core.i18n import localized
from kumppani.core.notifications import Email, email_send
from kumppani.premises.models import Booking, BookingStatus
from kumppani.premises.services.bookings import booking_decide

APPROVED_SUBJECT = gettext_lazy("Your booking of %(space)s was approved")
REJECTED_SUBJECT = gettext_lazy("Your booking of %(space)s was not approved")


def decision_email(booking: Booking, *, others: int = 0) -> Email | None:
    """The email telling the person who booked how their booking was decided."""
    person = booking.booked_by
    if person is None or not person.email:
        return None
    space = booking.space
    language = booking.language
    approved = booking.status == BookingStatus.CONFIRMED
    return Email(
        to=[person.email],
        subject=APPROVED_SUBJECT if approved else REJECTED_SUBJECT,
        subject_params={"space": localized(space, "name", language)},
        template="premises/manage/email/decision.txt",
        language=language,
        context={"booking": booking, "space": space, "approved": approved, "others": others},
    )


@transaction.atomic
def booking_approve_or_reject(
    *, booking: Booking, by: User, approve: bool, reason: str = "", whole_series: bool = False
) -> Booking:
    """Decide the booking (``booking_decide``) and email the booker after the commit.
    ``whole_series``: every occurrence of its series awaiting approval is decided alike, in one
    transaction, with one email."""
    others: list[Booking] = []
    if whole_series and booking.series_id is not None:
        others = list(
            Booking.objects.filter(series_id=booking.series_id, status=BookingStatus.PENDING)
            .exclude(pk=booking.pk)
            .order_by("starts_at")
        )
    decided = booking_decide(booking=booking, by=by, approve=approve, reason=reason)
    for other in others:
        booking_decide(booking=other, by=by, approve=approve, reason=reason)
    decided = Booking.objects.select_related("space__municipality", "booked_by").get(pk=decided.pk)
    email = decision_email(decided, others=len(others))
    if email is not None:
        email_send(email)
    return decided
