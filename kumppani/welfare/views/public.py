"""Public pages: the plan (working and approved version), a theme, a measure."""

from __future__ import annotations

import copy
from types import SimpleNamespace
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from kumppani.core.panels import MEASURE_PAGE, panels_for
from kumppani.geography.selectors import municipality_or_404
from kumppani.welfare import access
from kumppani.welfare.models import BODY_RANK, ApprovalBody, Measure, MeasureStatus, Plan, Theme
from kumppani.welfare.selectors import (
    PlanTree,
    changed_since_approval,
    plan_content,
    plan_latest,
    plan_reviews,
    plan_stages,
    plan_tree,
    plans_of,
)

APPROVAL_STEPS = [choice for choice in ApprovalBody]


def approval_steps(recorded: set[str]) -> list[tuple[ApprovalBody, str]]:
    """Each body with "done", "open" or "not_recorded" (a later stage was recorded without it).

    The working group's stage is optional: it is left out when the committees went first.
    """
    steps: list[tuple[ApprovalBody, str]] = []
    for step in APPROVAL_STEPS:
        later = any(BODY_RANK[ApprovalBody(b)] > BODY_RANK[step] for b in recorded)
        if step.value in recorded:
            steps.append((step, "done"))
        elif not later:
            steps.append((step, "open"))
        elif step != ApprovalBody.WORKING_GROUP:
            steps.append((step, "not_recorded"))
    return steps


def as_namespace(data: Any) -> Any:
    """Snapshot JSON → attribute objects, so templates can use ``|tr:"name"`` on it."""
    if isinstance(data, dict):
        return SimpleNamespace(**{k: as_namespace(v) for k, v in data.items()})
    if isinstance(data, list):
        return [as_namespace(v) for v in data]
    return data


def approved_data(plan: Plan, today: PlanTree | None = None) -> Any:
    """The approved snapshot, with display labels, as template-friendly objects.

    With ``today`` (the working version's tree) each measure also carries its progress and
    status today (``None`` when the measure has been removed since).
    """
    data = copy.deepcopy(plan.approved_snapshot or {})
    labels = dict(MeasureStatus.choices)
    now = {m.pk: m for t in today.themes for g in t.goals for m in g.measures} if today else {}
    for theme in data.get("themes", []):
        for goal in theme.get("goals", []):
            for measure in goal.get("measures", []):
                measure["status_label"] = str(labels.get(measure.get("status"), ""))
                current = now.get(measure.get("id"))
                measure["progress_today"] = current.progress if current else None
                measure["status_today"] = current.get_status_display() if current else ""
    if today is not None:
        data["progress_today"] = today.progress
    return as_namespace(data)


def export_context(plan: Plan) -> dict[str, Any]:
    """What the PDF and the spreadsheet show: the approved version beside today's progress,
    or, before the council's approval, the working version marked as a draft."""
    tree = plan_tree(plan=plan, with_observations=False, with_metrics=False)
    draft = not plan.approved_snapshot
    if draft:
        content = plan_content(tree)
        labels = dict(MeasureStatus.choices)
        for theme in content["themes"]:
            for goal in theme["goals"]:
                for measure in goal["measures"]:
                    measure["status_label"] = str(labels.get(measure["status"], ""))
        data = as_namespace(content)
    else:
        data = approved_data(plan, today=tree)
    return {
        "plan": plan,
        "municipality": plan.municipality,
        "approved": data,
        "draft": draft,
        "today": timezone.localdate(),
        "stages": plan_stages(plan),
    }


def plan_get(pk: int) -> Plan:
    return get_object_or_404(Plan.objects.select_related("municipality__region"), pk=pk)


def _plan_context(request: HttpRequest, plan: Plan) -> dict[str, Any]:
    can_edit = access.can_edit_plan(request.user, plan.municipality)
    stages = plan_stages(plan)
    tree = plan_tree(plan=plan)
    return {
        "plan": plan,
        "municipality": plan.municipality,
        "tree": tree,
        "changed": changed_since_approval(tree),
        "stages": stages,
        "steps": approval_steps({stage.body for stage in stages}),
        "reviews": plan_reviews(plan),
        "other_plans": [p for p in plans_of(plan.municipality) if p.pk != plan.pk],
        "can_edit": can_edit,
        "can_submit": access.can_submit_observation(request.user),
    }


@require_GET
def plan_current(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_or_404(code)
    plan = plan_latest(municipality)
    if plan is None:
        context = {
            "municipality": municipality,
            "can_edit": access.can_edit_plan(request.user, municipality),
        }
        return render(request, "welfare/no_plan.html", context)
    return render(request, "welfare/plan.html", _plan_context(request, plan))


@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "welfare/plan.html", _plan_context(request, plan_get(pk)))


@require_GET
def plan_approved(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_get(pk)
    if not plan.approved_snapshot:
        raise Http404
    context = export_context(plan)
    return render(request, "welfare/plan_approved.html", context)


@require_GET
def theme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    theme = get_object_or_404(Theme.objects.select_related("plan__municipality__region"), pk=pk)
    plan = theme.plan
    can_moderate = access.can_moderate_observations(request.user, plan.municipality)
    tree = plan_tree(plan=plan, theme_ids=[theme.pk], include_hidden=can_moderate)
    context = {
        "theme": theme,
        "plan": plan,
        "municipality": plan.municipality,
        "node": tree.themes[0],
        "can_edit": access.can_edit_plan(request.user, plan.municipality),
        "can_moderate": can_moderate,
        "can_submit": access.can_submit_observation(request.user),
    }
    return render(request, "welfare/theme.html", context)


@require_GET
def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    measure = get_object_or_404(
        Measure.objects.select_related(
            "goal__theme__plan__municipality__region", "responsible_association"
        ),
        pk=pk,
    )
    plan = measure.goal.theme.plan
    context = {
        "measure": measure,
        "goal": measure.goal,
        "theme": measure.goal.theme,
        "plan": plan,
        "municipality": plan.municipality,
        "can_edit": access.can_edit_plan(request.user, plan.municipality),
        # Other apps add sections here, e.g. the proposals a measure came from.
        "panels": panels_for(MEASURE_PAGE, request, measure),
    }
    return render(request, "welfare/measure.html", context)


@require_GET
def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The approved plan as a PDF document; before the approval, the draft, marked as one."""
    from kumppani.welfare.exports import plan_pdf as render_pdf

    plan = plan_get(pk)
    context = export_context(plan)
    name = f"welfare-plan-{plan.pk}{'-draft' if context['draft'] else ''}.pdf"
    response = HttpResponse(render_pdf(plan, context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def plan_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The measures of the approved plan; before the approval, of the draft, marked as one."""
    from kumppani.welfare.exports import measures_xlsx

    plan = plan_get(pk)
    draft = not plan.approved_snapshot
    response = HttpResponse(
        measures_xlsx(plan),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"welfare-plan-{plan.pk}{'-draft' if draft else ''}-measures.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
