"""Decisions, payments and use reports (käyttöselvitys)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kumppani.core.limits import limited_text


class Decision(models.Model):
    """The officer's decision on one application: an amount (0 = not granted) and reasons.

    Granted decisions (``amount_eur > 0``) form the public register of awards."""

    application = models.OneToOneField(
        "grants.Application", on_delete=models.CASCADE, related_name="decision"
    )
    amount_eur = models.DecimalField(_("amount granted (€)"), max_digits=12, decimal_places=2)
    reasons = limited_text(_("reasons"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"))
    letter_sent_at = models.DateTimeField(_("decision letter sent"), null=True, blank=True)

    class Meta:
        ordering = ["-decided_at", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_eur__gte=0), name="grant_decision_amount_not_negative"
            )
        ]
        indexes = [models.Index(fields=["decided_at"])]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.amount_eur} €"

    @property
    def granted(self) -> bool:
        return self.amount_eur > 0


class Payment(models.Model):
    """One instalment of a granted amount."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="payments")
    amount_eur = models.DecimalField(_("amount (€)"), max_digits=12, decimal_places=2)
    due_on = models.DateField(_("due on"))
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decision", "due_on", "id"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.CheckConstraint(condition=Q(amount_eur__gt=0), name="grant_payment_positive")
        ]

    def __str__(self) -> str:
        return f"{self.amount_eur} € {self.due_on}"


class UseReportStatus(models.TextChoices):
    DUE = "due", _("Due")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned for changes")


class UseReport(models.Model):
    """The use report of a granted application: what the grant was spent on, due on a date.

    An overdue report (``status`` due or returned and ``due_on`` past) blocks the association's
    next application."""

    decision = models.OneToOneField(Decision, on_delete=models.CASCADE, related_name="use_report")
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=10, choices=UseReportStatus.choices, default=UseReportStatus.DUE
    )
    text = limited_text(_("what the grant was used for"), blank=True)
    spent_eur = models.DecimalField(
        _("amount used (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_comment = limited_text(_("reviewer's comment"), blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Reminders sent (idempotent daily reminders): before the due date and when overdue.
    reminded_before_at = models.DateTimeField(null=True, blank=True)
    reminded_overdue_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("use report")
        verbose_name_plural = _("use reports")
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return f"{self.decision_id} {self.due_on}"
