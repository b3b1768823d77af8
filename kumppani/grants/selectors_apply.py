"""Reads of the application path: an application with its answers, the association's cases."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from kumppani.accounts.access import AnyUser, roles_of
from kumppani.associations.models import Association
from kumppani.grants.models import (
    Answer,
    Application,
    ApplicationStatus,
    ApplicationVersion,
    Attachment,
    Payment,
    Programme,
    Question,
    UseReport,
    UseReportStatus,
)
from kumppani.welfare.models import Plan, Theme

OPEN_STATUSES = (ApplicationStatus.DRAFT, ApplicationStatus.REOPENED, ApplicationStatus.SUBMITTED)


def application_detail(*, pk: int) -> Application:
    return Application.objects.select_related(
        "programme", "programme__municipality", "association"
    ).get(pk=pk)


def application_questions(*, programme: Programme) -> list[Question]:
    return list(Question.objects.filter(programme=programme).order_by("order", "id"))


def application_answers(*, application: Application) -> dict[int, Any]:
    return dict(Answer.objects.filter(application=application).values_list("question_id", "value"))


def application_theme_ids(*, application: Application) -> list[int]:
    return sorted(application.welfare_themes.values_list("pk", flat=True))


def application_attachments(*, application: Application) -> list[Attachment]:
    return list(Attachment.objects.filter(application=application).order_by("id"))


def welfare_themes_for(*, programme: Programme) -> list[Theme]:
    """The themes of the municipality's current welfare plan (the approved plan whose years
    include this year, else the newest plan), with the themes of the programme's bonus
    criteria."""
    year = timezone.localdate().year
    plans = Plan.objects.filter(municipality_id=programme.municipality_id)
    plan = (
        plans.filter(start_year__lte=year, end_year__gte=year).order_by("-start_year").first()
        or plans.order_by("-start_year").first()
    )
    themes = Theme.objects.filter(grant_criteria__programme=programme)
    if plan is not None:
        themes = themes | Theme.objects.filter(plan=plan)
    return list(themes.distinct().order_by("plan_id", "order", "id"))


def associations_to_apply(*, user: AnyUser) -> list[Association]:
    ids = roles_of(user).associations
    return list(Association.objects.filter(pk__in=ids).order_by("name_fi", "id"))


def application_existing(*, programme: Programme, association: Association) -> Application | None:
    return (
        Application.objects.filter(programme=programme, association=association)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .first()
    )


def overdue_use_report(*, association_id: int, today: dt.date | None = None) -> UseReport | None:
    """The association's oldest overdue use report (due or returned, due date past)."""
    today = today or timezone.localdate()
    return (
        UseReport.objects.filter(
            decision__application__association_id=association_id,
            status__in=[UseReportStatus.DUE, UseReportStatus.RETURNED],
            due_on__lt=today,
        )
        .select_related("decision__application__programme")
        .order_by("due_on", "id")
        .first()
    )


def application_version(*, application: Application, number: int) -> ApplicationVersion | None:
    return ApplicationVersion.objects.filter(application=application, number=number).first()


def association_cases(*, association: Association) -> QuerySet[Application]:
    """Every application of the association, with its programme, decision, payments and use
    report (four queries however many)."""
    return (
        Application.objects.filter(association=association)
        .select_related("programme", "programme__municipality", "decision", "decision__use_report")
        .prefetch_related(
            Prefetch("decision__payments", queryset=Payment.objects.order_by("due_on", "id"))
        )
        .order_by("-created_at", "-id")
    )


def open_applications_of(*, user: AnyUser, limit: int = 20) -> list[Application]:
    """The person's associations' drafts and applications not yet decided ("My pages")."""
    ids = roles_of(user).associations
    if not ids:
        return []
    return list(
        Application.objects.filter(association_id__in=ids, status__in=OPEN_STATUSES)
        .select_related("programme", "association")
        .order_by("programme__closes_at", "id")[:limit]
    )


def reopenable_by_deadline(*, application: Application, now: dt.datetime | None = None) -> bool:
    moment = now or timezone.now()
    return (
        application.status
        in (
            ApplicationStatus.SUBMITTED,
            ApplicationStatus.REOPENED,
        )
        and moment >= application.programme.closes_at
    )
