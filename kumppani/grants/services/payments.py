"""Payments: a granted amount paid in one or more instalments.

The instalments of a decision never add up to more than the granted amount: the decision row is
locked while an instalment is scheduled, so two officers scheduling at once cannot both pass.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from kumppani.accounts.access import AnyUser
from kumppani.accounts.audit import audit_record
from kumppani.accounts.models import User
from kumppani.core.money import euros
from kumppani.grants.access import can_handle_application
from kumppani.grants.models import Decision, Payment


def payments_scheduled(decision: Decision) -> Decimal:
    total = decision.payments.aggregate(total=Sum("amount_eur"))["total"]
    return total or Decimal("0")


def _require_runs(user: AnyUser, decision: Decision) -> None:
    if not can_handle_application(user, decision.application):
        raise PermissionDenied


@transaction.atomic
def payment_schedule(
    *,
    decision: Decision,
    user: User,
    amount_eur: Decimal,
    due_on: dt.date,
    note: str = "",
) -> Payment:
    """Schedule one instalment; the instalments together stay within the granted amount."""
    locked = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("application__programme")
        .get(pk=decision.pk)
    )
    _require_runs(user, locked)
    if not locked.granted:
        raise ValidationError(_("Nothing was granted, so there is nothing to pay."))
    if amount_eur is None or amount_eur <= 0:
        raise ValidationError({"amount_eur": _("Enter an amount greater than zero.")})
    left = locked.amount_eur - payments_scheduled(locked)
    if amount_eur > left:
        if left <= 0:
            message = _("The whole granted amount (%(granted)s) is already scheduled.") % {
                "granted": euros(locked.amount_eur)
            }
        else:
            message = _(
                "The instalments would exceed the granted amount (%(granted)s): "
                "%(left)s is left to schedule."
            ) % {"granted": euros(locked.amount_eur), "left": euros(left)}
        raise ValidationError({"amount_eur": message})
    payment = Payment(
        decision=locked,
        amount_eur=amount_eur,
        due_on=due_on,
        note=note.strip(),
        created_by=user,
    )
    payment.full_clean()
    payment.save()
    audit_record(
        actor=user,
        action="grant_payment.schedule",
        target=locked.application,
        summary=f"{amount_eur} € {due_on.isoformat()}",
    )
    return payment


@transaction.atomic
def payment_mark_paid(*, payment: Payment, user: User, paid_on: dt.date) -> Payment:
    locked = (
        Payment.objects.select_for_update(of=("self",))
        .select_related("decision__application__programme")
        .get(pk=payment.pk)
    )
    _require_runs(user, locked.decision)
    if locked.paid_on is not None:
        raise ValidationError(_("This instalment is already marked paid."))
    if paid_on is None:
        raise ValidationError({"paid_on": _("Enter the date of payment.")})
    locked.paid_on = paid_on
    locked.full_clean(exclude=["created_by"])  # may be empty: the officer's account was erased
    locked.save(update_fields=["paid_on"])
    audit_record(
        actor=user,
        action="grant_payment.paid",
        target=locked.decision.application,
        summary=f"{locked.amount_eur} € {paid_on.isoformat()}",
    )
    return locked


@transaction.atomic
def payment_delete(*, payment: Payment, user: User) -> None:
    """Remove a scheduled instalment; a paid one stays (it is the record of money paid)."""
    locked = (
        Payment.objects.select_for_update(of=("self",))
        .select_related("decision__application__programme")
        .get(pk=payment.pk)
    )
    _require_runs(user, locked.decision)
    if locked.paid_on is not None:
        raise ValidationError(_("A paid instalment cannot be removed."))
    application = locked.decision.application
    summary = f"{locked.amount_eur} € {locked.due_on.isoformat()}"
    locked.delete()
    audit_record(actor=user, action="grant_payment.delete", target=application, summary=summary)
