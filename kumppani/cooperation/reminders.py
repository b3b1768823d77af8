"""Reminders to the liaisons before a partnership agreement ends (60 and 14 days, once each)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from kumppani.cooperation.models import Liaison, PartnershipAgreement
from kumppani.core.notifications import Email, email_send

REMINDER_DAYS = (60, 14)


@transaction.atomic
def agreement_reminders_send(*, today: dt.date | None = None) -> int:
    """Email the municipality's liaisons about agreements ending in 60 or 14 days (or less, if
    a run was missed). Each reminder goes once; returns the number of reminders recorded."""
    today = today or timezone.localdate()
    now = timezone.now()
    sent = 0
    for days in REMINDER_DAYS:
        field = f"reminded_{days}_at"
        due = (
            PartnershipAgreement.objects.select_for_update()
            .filter(end__isnull=False, end__gte=today, end__lte=today + dt.timedelta(days=days))
            .filter(**{f"{field}__isnull": True})
        )
        if days == 60:
            # Inside the 14-day window only the 14-day reminder is due.
            due = due.filter(end__gt=today + dt.timedelta(days=14))
        ids = list(due.values_list("pk", flat=True))
        if not ids:
            continue
        PartnershipAgreement.objects.filter(pk__in=ids).update(**{field: now})
        if days == 14:
            PartnershipAgreement.objects.filter(pk__in=ids, reminded_60_at__isnull=True).update(
                reminded_60_at=now
            )
        sent += len(ids)
        email_send(*_emails(ids, days))
    return sent


def _emails(agreement_ids: list[int], days: int) -> list[Email]:
    agreements = PartnershipAgreement.objects.filter(pk__in=agreement_ids).select_related(
        "municipality", "association"
    )
    municipality_ids = {a.municipality_id for a in agreements}
    recipients: dict[int, set[str]] = {}
    for liaison in Liaison.objects.filter(municipality_id__in=municipality_ids).select_related(
        "user"
    ):
        address = liaison.email or (liaison.user.email if liaison.user else "")
        if address:
            recipients.setdefault(liaison.municipality_id, set()).add(address.lower())
    emails = []
    for agreement in agreements:
        to = sorted(recipients.get(agreement.municipality_id, set()))
        if not to:
            continue
        # Swedish-majority municipalities get their reminders in Swedish.
        swedish = agreement.municipality.language_status.startswith("sv")
        emails.append(
            Email(
                to=to,
                subject=gettext_lazy("Partnership agreement ends on %(date)s: %(title)s"),
                subject_params={
                    "date": agreement.end or "",
                    "title": agreement.title,
                },
                template="cooperation/email/agreement_reminder.txt",
                context={"agreement": agreement, "days": days},
                language="sv" if swedish else settings.LANGUAGE_CODE,
            )
        )
    return emails
