"""Reads for payments and use reports."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from kumppani.grants.models import Application, Decision, Payment, UseReport, UseReportStatus

OPEN_STATUSES = (UseReportStatus.DUE, UseReportStatus.RETURNED)


def overdue_q(today: dt.date | None = None, prefix: str = "") -> Q:
    """A use report is overdue when it is due or returned and its due date has passed."""
    today = today or timezone.localdate()
    return Q(**{f"{prefix}status__in": OPEN_STATUSES, f"{prefix}due_on__lt": today})


def overdue_use_reports(
    association_id: int, *, today: dt.date | None = None
) -> QuerySet[UseReport]:
    """The association's overdue use reports: while there is one, it cannot apply again."""
    return (
        UseReport.objects.filter(overdue_q(today))
        .filter(decision__application__association_id=association_id)
        .select_related("decision__application__programme")
        .order_by("due_on", "id")
    )


def application_for_payments(pk: int) -> Application:
    return Application.objects.select_related(
        "programme__municipality", "association", "decision"
    ).get(pk=pk)


def decision_payments(decision: Decision) -> list[Payment]:
    return list(decision.payments.order_by("due_on", "id"))


def use_report_of(application: Application) -> UseReport | None:
    try:
        decision = application.decision
    except Decision.DoesNotExist:
        return None
    try:
        return decision.use_report
    except UseReport.DoesNotExist:
        return None


USE_REPORT_FILTERS = ("due", "overdue", "submitted")


def municipality_use_reports(
    municipality_id: int, *, show: str = "", today: dt.date | None = None
) -> QuerySet[UseReport]:
    """Every use report of the municipality's programmes, soonest due first; ``show`` is one of
    "due" (not yet overdue), "overdue" or "submitted" (waiting for review)."""
    today = today or timezone.localdate()
    reports = UseReport.objects.filter(
        decision__application__programme__municipality_id=municipality_id
    ).select_related(
        "decision__application__programme",
        "decision__application__association",
    )
    if show == "due":
        reports = reports.filter(status__in=OPEN_STATUSES, due_on__gte=today)
    elif show == "overdue":
        reports = reports.filter(overdue_q(today))
    elif show == "submitted":
        reports = reports.filter(status=UseReportStatus.SUBMITTED)
    return reports.order_by("due_on", "id")


def use_report_counts(municipality_id: int, *, today: dt.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    return UseReport.objects.filter(
        decision__application__programme__municipality_id=municipality_id
    ).aggregate(
        due=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_on__gte=today)),
        overdue=Count("pk", filter=overdue_q(today)),
        submitted=Count("pk", filter=Q(status=UseReportStatus.SUBMITTED)),
    )


def paid_total(decision: Decision) -> dict[str, object]:
    return decision.payments.aggregate(
        scheduled=Sum("amount_eur"), paid=Sum("amount_eur", filter=Q(paid_on__isnull=False))
    )
