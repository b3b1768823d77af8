"""Use reports (käyttöselvitys): the association reports what the grant was used for; an officer
who runs the programme accepts the report or returns it for changes. Reminders go 14 days before
the due date and once when the report is overdue."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kumppani.accounts.audit import audit_record
from kumppani.accounts.models import Role, RoleAssignment, User
from kumppani.core.notifications import Email, email_send
from kumppani.grants.access import (
    can_edit_application,
    can_handle_application,
)
from kumppani.grants.models import Application, UseReport, UseReportStatus

REMIND_DAYS_BEFORE = 14
OPEN_STATUSES = (UseReportStatus.DUE, UseReportStatus.RETURNED)


def applicant_addresses(application: Application) -> list[str]:
    """Where the applicants are reached: the association's representatives and the
    application's contact address."""
    addresses = {
        email.lower()
        for email in RoleAssignment.objects.filter(
            association_id=application.association_id,
            role=Role.REPRESENTATIVE,
            user__is_active=True,
        ).values_list("user__email", flat=True)
        if email
    }
    if application.contact_email:
        addresses.add(application.contact_email.lower())
    return sorted(addresses)


def _locked(report: UseReport) -> UseReport:
    return (
        UseReport.objects.select_for_update(of=("self",))
        .select_related(
            "decision__application__programme__municipality",
            "decision__application__association",
        )
        .get(pk=report.pk)
    )


@transaction.atomic
def use_report_submit(
    *, report: UseReport, user: User, text: str, spent_eur: Decimal | None
) -> UseReport:
    """A representative of the association submits the report (a returned one again)."""
    locked = _locked(report)
    application = locked.decision.application
    if not can_edit_application(user, application):
        raise PermissionDenied
    if locked.status not in OPEN_STATUSES:
        if locked.status == UseReportStatus.ACCEPTED:
            raise ValidationError(_("The use report has already been accepted."))
        raise ValidationError(
            _("The use report has already been submitted; it can be changed if it is returned.")
        )
    errors: dict[str, str] = {}
    text = (text or "").strip()
    if not text:
        errors["text"] = _("Tell what the grant was used for.")
    if spent_eur is None:
        errors["spent_eur"] = _("Enter the amount used.")
    elif spent_eur < 0:
        errors["spent_eur"] = _("The amount used cannot be negative.")
    if errors:
        raise ValidationError(errors)
    locked.text = text
    locked.spent_eur = spent_eur
    locked.status = UseReportStatus.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.submitted_by = user
    locked.full_clean()
    locked.save()
    audit_record(actor=user, action="grant_use_report.submit", target=application)
    return locked


@transaction.atomic
def use_report_review(
    *, report: UseReport, user: User, accept: bool, comment: str = ""
) -> UseReport:
    """Accept the report, or return it for changes with a comment; the applicants are told."""
    locked = _locked(report)
    application = locked.decision.application
    if not can_handle_application(user, application):
        raise PermissionDenied
    if locked.status != UseReportStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted use report can be accepted or returned."))
    comment = (comment or "").strip()
    if not accept and not comment:
        raise ValidationError(
            {"comment": _("Tell the applicant what to change in the use report.")}
        )
    locked.status = UseReportStatus.ACCEPTED if accept else UseReportStatus.RETURNED
    locked.review_comment = comment
    locked.reviewed_at = timezone.now()
    locked.reviewed_by = user
    locked.full_clean()
    locked.save()
    audit_record(
        actor=user,
        action="grant_use_report.accept" if accept else "grant_use_report.return",
        target=application,
        summary=comment[:200],
    )
    email_send(
        Email(
            to=applicant_addresses(application),
            subject=gettext_lazy("The use report of %(programme)s was accepted")
            if accept
            else gettext_lazy("The use report of %(programme)s was returned for changes"),
            subject_params={"programme": application.programme},
            template="grants/pay/email/use_report_reviewed.txt",
            context={"report": locked, "application": application, "accepted": accept},
            language=application.language,
        )
    )
    return locked


def _reminder_emails(reports: list[UseReport], *, overdue: bool) -> list[Email]:
    emails = []
    for report in reports:
        application = report.decision.application
        emails.append(
            Email(
                to=applicant_addresses(application),
                subject=gettext_lazy("The use report of %(programme)s is overdue")
                if overdue
                else gettext_lazy("The use report of %(programme)s is due on %(date)s"),
                subject_params={"programme": application.programme, "date": report.due_on},
                template="grants/pay/email/use_report_reminder.txt",
                context={"report": report, "application": application, "overdue": overdue},
                language=application.language,
            )
        )
    return emails


@transaction.atomic
def use_report_reminders_send(*, today: dt.date | None = None) -> int:
    """Remind 14 days before the due date (or later, if a run was missed) and once when the
    report is overdue; each reminder is recorded and never sent twice."""
    today = today or timezone.localdate()
    now = timezone.now()
    related = (
        "decision__application__programme",
        "decision__application__association",
    )
    open_reports = UseReport.objects.filter(status__in=OPEN_STATUSES)
    before = list(
        open_reports.select_for_update(of=("self",))
        .select_related(*related)
        .filter(
            reminded_before_at__isnull=True,
            due_on__gte=today,
            due_on__lte=today + dt.timedelta(days=REMIND_DAYS_BEFORE),
        )
    )
    overdue = list(
        open_reports.select_for_update(of=("self",))
        .select_related(*related)
        .filter(reminded_overdue_at__isnull=True, due_on__lt=today)
    )
    UseReport.objects.filter(pk__in=[r.pk for r in before]).update(reminded_before_at=now)
    UseReport.objects.filter(pk__in=[r.pk for r in overdue]).update(reminded_overdue_at=now)
    email_send(*_reminder_emails(before, overdue=False), *_reminder_emails(overdue, overdue=True))
    return len(before) + len(overdue)
