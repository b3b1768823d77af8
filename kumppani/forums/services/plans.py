"""Cooperation plans, their steps and implementation teams; reminders before deadlines."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kumppani.accounts.audit import audit_changes, audit_record, audit_snapshot
from kumppani.accounts.models import User
from kumppani.associations.models import Association
from kumppani.core.notifications import Email, email_send
from kumppani.forums.models import (
    CooperationPlan,
    Forum,
    PlanStatus,
    PlanStep,
    StepReminder,
    StepStatus,
    TeamMember,
)

PLAN_REMINDER_DAYS = 7  # days before a step's deadline


@transaction.atomic
def plan_create(
    *, forum: Forum, title: str, goal: str, actor: User | None = None
) -> CooperationPlan:
    plan = CooperationPlan(forum=forum, title=title.strip(), goal=goal)
    plan.full_clean()
    plan.save()
    audit_record(actor=actor, action="cooperation_plan.create", target=plan, summary=goal)
    return plan


@transaction.atomic
def plan_update(
    *,
    plan: CooperationPlan,
    title: str,
    goal: str,
    status: str,
    follow_up: str,
    actor: User | None = None,
) -> CooperationPlan:
    before = audit_snapshot(plan, ["title", "goal", "status", "follow_up"])
    plan.title = title.strip()
    plan.goal = goal
    plan.status = status
    plan.follow_up = follow_up
    plan.full_clean()
    plan.save()
    changes = audit_changes(before, plan)
    audit_record(actor=actor, action="cooperation_plan.update", target=plan, changes=changes)
    return plan


@transaction.atomic
def step_add(*, plan: CooperationPlan, title: str, deadline: dt.date) -> PlanStep:
    step = PlanStep(plan=plan, title=title, deadline=deadline)
    step.full_clean()
    step.save()
    return step


@transaction.atomic
def step_set_status(*, step: PlanStep, status: str) -> PlanStep:
    step.status = status
    step.full_clean()
    step.save(update_fields=["status"])
    return step


@transaction.atomic
def team_member_add(
    *,
    plan: CooperationPlan,
    name: str,
    email: str = "",
    association: Association | None = None,
    unit: str = "",
) -> TeamMember:
    if association is None and not unit.strip():
        raise ValidationError(_("Give the member's association or municipal unit."))
    member = TeamMember(plan=plan, name=name, email=email, association=association, unit=unit)
    member.full_clean()
    member.save()
    return member


def plan_reminders_send(
    *, today: dt.date | None = None, days_before: int = PLAN_REMINDER_DAYS
) -> int:
    """Email each open step's team once before its deadline; returns the reminders sent.

    Idempotent: a StepReminder row (unique per step and deadline) is claimed before sending, so
    running again (or concurrently) sends nothing twice. A moved deadline gets a new reminder.
    """
    today = today or timezone.localdate()
    due = (
        PlanStep.objects.filter(
            deadline__gte=today,
            deadline__lte=today + dt.timedelta(days=days_before),
            status__in=[StepStatus.PLANNED, StepStatus.IN_PROGRESS],
            plan__status=PlanStatus.ACTIVE,
        )
        .exclude(reminders__deadline=F("deadline"))
        .select_related("plan__forum")
        .prefetch_related("plan__team")
    )
    sent = 0
    for step in due:
        if StepReminder.objects.filter(step=step, deadline=step.deadline).exists():
            continue
        emails = sorted({m.email.lower() for m in step.plan.team.all() if m.email})
        try:
            with transaction.atomic():
                StepReminder.objects.create(
                    step=step, deadline=step.deadline, recipients=len(emails)
                )
        except IntegrityError:
            continue
        if not emails:
            continue
        email_send(
            Email(
                to=emails,
                subject=gettext_lazy("Reminder: %(step)s is due on %(date)s"),
                subject_params={"step": step.title, "date": step.deadline},
                template="forums/email/step_reminder.txt",
                context={"step": step},
                language=settings.LANGUAGE_CODE,
            )
        )
        sent += 1
    return sent
