"""What the welfare plan contributes to shared pages: the municipality panel and annual cycle."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from kumppani.accounts.access import roles_of
from kumppani.accounts.models import Role
from kumppani.associations.models import Association
from kumppani.core.cycle import CycleItem
from kumppani.core.panels import Panel
from kumppani.geography.models import Municipality
from kumppani.welfare import access
from kumppani.welfare.models import (
    BODY_RANK,
    ApprovalBody,
    ApprovalStage,
    Plan,
    PlanReview,
    PlanStatus,
    Theme,
)
from kumppani.welfare.selectors import plan_latest, plan_tree


def municipality_panel(request: HttpRequest, municipality: Any) -> Panel | None:
    plan = plan_latest(municipality)
    can_edit = access.can_edit_plan(request.user, municipality)
    if plan is None and not can_edit:
        return None
    progress = None
    if plan is not None:
        progress = plan_tree(plan=plan, with_observations=False, with_metrics=False).progress
    context = {
        "plan": plan,
        "progress": progress,
        "municipality": municipality,
        "can_edit": can_edit,
    }
    return Panel(template="welfare/panels/municipality.html", context=context, order=60)


def cycle_source(municipality: Municipality, start: dt.date, end: dt.date) -> list[CycleItem]:
    """Approval stage dates and yearly review dates of the municipality's plans (2 queries)."""
    items: list[CycleItem] = []
    stages = ApprovalStage.objects.filter(
        plan__municipality=municipality, date__gte=start, date__lte=end
    ).select_related("plan")
    for stage in stages:
        items.append(
            CycleItem(
                uid=f"welfare-stage-{stage.pk}@kumppani",
                kind="plan_step",
                title=_("Welfare plan: %(body)s") % {"body": stage.get_body_display()},
                start=stage.date,
                url=reverse("welfare:plan", args=[stage.plan_id]),
                description=stage.decision[:500],
            )
        )
    reviews = PlanReview.objects.filter(
        plan__municipality=municipality, date__gte=start, date__lte=end
    ).select_related("plan")
    for review in reviews:
        items.append(
            CycleItem(
                uid=f"welfare-review-{review.pk}@kumppani",
                kind="plan_step",
                title=_("Welfare plan: yearly review %(year)s") % {"year": review.year},
                start=review.date,
                url=reverse("welfare:plan", args=[review.plan_id]),
                description=review.summary_fi[:500],
            )
        )
    return items


def _next_bodies(plans: list[Plan]) -> dict[int, str]:
    """Plan id → the label of the body whose approval stage comes next (one query)."""
    done: dict[int, int] = {}
    for plan_id, body in ApprovalStage.objects.filter(plan__in=plans).values_list(
        "plan_id", "body"
    ):
        done[plan_id] = max(done.get(plan_id, -1), BODY_RANK[ApprovalBody(body)])
    by_rank = {rank: body for body, rank in BODY_RANK.items()}
    out = {}
    for plan in plans:
        rank = done.get(plan.pk, -1)
        # Several committees may decide in turn; after the first one the board is next.
        following = by_rank.get(rank + 1) or by_rank[max(by_rank)]
        out[plan.pk] = str(ApprovalBody(following).label)
    return out


def dashboard_panel(request: HttpRequest, user: Any) -> Panel | None:
    """My pages: the plans of the user's municipalities (a coordinator: of the region's), with
    the next approval stage of those not yet approved for the people who record them;
    representatives get the themes to submit experiential knowledge on (four queries)."""
    roles = roles_of(user)
    edit_ids = set(roles.municipalities(Role.LIAISON, Role.WELLBEING_GROUP))
    rep_ids = (
        set(
            Association.objects.filter(pk__in=roles.associations, is_active=True).values_list(
                "home_municipality_id", flat=True
            )
        )
        if roles.associations
        else set()
    )
    if not edit_ids and not rep_ids and not roles.regions:
        return None
    latest: dict[int, Plan] = {}
    plans = Plan.objects.filter(
        Q(municipality_id__in=edit_ids | rep_ids) | Q(municipality__region_id__in=roles.regions)
    ).select_related("municipality")
    for plan in plans.order_by("municipality__name_fi", "-start_year", "-id"):
        latest.setdefault(plan.municipality_id, plan)
    themes: dict[int, list[Theme]] = {}
    rep_plans = [p.pk for m, p in latest.items() if m in rep_ids]
    if rep_plans:
        for theme in Theme.objects.filter(plan_id__in=rep_plans):
            themes.setdefault(theme.plan_id, []).append(theme)

    def can_edit(plan: Plan) -> bool:
        return plan.municipality_id in edit_ids or plan.municipality.region_id in roles.regions

    waiting = [p for p in latest.values() if can_edit(p) and p.status != PlanStatus.APPROVED]
    next_body = _next_bodies(waiting) if waiting else {}
    rows = [
        {
            "plan": plan,
            "can_edit": can_edit(plan),
            "next_body": next_body.get(plan.pk, ""),
            "themes": themes.get(plan.pk, []),
        }
        for plan in latest.values()
    ]
    if not rows:
        return None
    return Panel(template="welfare/panels/dashboard.html", context={"rows": rows}, order=70)
