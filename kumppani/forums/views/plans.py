"""Cooperation plans: goal, steps with deadlines and status, the implementation team."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kumppani.accounts import access as base_access
from kumppani.associations.models import Association
from kumppani.core.forms import apply_validation_error
from kumppani.forums import access
from kumppani.forums.forms import (
    PlanForm,
    PlanUpdateForm,
    StepForm,
    StepStatusForm,
    TeamMemberForm,
)
from kumppani.forums.models import CooperationPlan, Forum, PlanStep, TeamMember
from kumppani.forums.selectors import municipality_plans
from kumppani.forums.services.plans import (
    plan_create,
    plan_update,
    step_add,
    step_set_status,
    team_member_add,
)
from kumppani.forums.views.helpers import get_forum
from kumppani.geography.selectors import municipality_or_404


def _associations_for(forum: Forum):
    ids = [m.pk for m in forum.municipalities.all()]
    qs = Association.objects.filter(is_active=True)
    if ids:
        qs = qs.filter(home_municipality_id__in=ids)
    elif forum.region_id:
        qs = qs.filter(home_municipality__region_id=forum.region_id)
    return qs.order_by("name_fi")


def _plan(pk: int) -> CooperationPlan:
    return get_object_or_404(
        CooperationPlan.objects.select_related("forum__region").prefetch_related(
            "forum__municipalities", "steps"
        ),
        pk=pk,
    )


@require_http_methods(["GET", "POST"])
def plan_new(request: HttpRequest, pk: int) -> HttpResponse:
    forum = get_forum(pk)
    base_access.require(access.can_manage_forum(request.user, forum), request)
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = plan_create(
                forum=forum,
                title=form.cleaned_data["title"],
                goal=form.cleaned_data["goal"],
                actor=base_access.authenticated_user(request),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request, _("The cooperation plan was created. Add its steps and team.")
            )
            return redirect(plan)
    return render(request, "forums/plan_new.html", {"forum": forum, "form": form})


@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(pk)
    can_manage = access.can_manage_forum(request.user, plan.forum)
    team = TeamMember.objects.filter(plan=plan).select_related("association")
    context: dict[str, object] = {
        "plan": plan,
        "forum": plan.forum,
        "team": team,
        "can_manage": can_manage,
    }
    if can_manage:
        context.update(
            update_form=PlanUpdateForm(instance=plan, prefix="plan"),
            step_form=StepForm(prefix="step"),
            team_form=TeamMemberForm(prefix="team", associations=_associations_for(plan.forum)),
            status_choices=StepStatusForm.base_fields["status"].choices,  # type: ignore[attr-defined]
        )
    return render(request, "forums/plan.html", context)


def _manage(request: HttpRequest, plan: CooperationPlan) -> None:
    base_access.require(access.can_manage_forum(request.user, plan.forum), request)


def _rerender(request: HttpRequest, plan: CooperationPlan, **forms: object) -> HttpResponse:
    team = TeamMember.objects.filter(plan=plan).select_related("association")
    context: dict[str, object] = {
        "plan": plan,
        "forum": plan.forum,
        "team": team,
        "can_manage": True,
        "update_form": PlanUpdateForm(instance=plan, prefix="plan"),
        "step_form": StepForm(prefix="step"),
        "team_form": TeamMemberForm(prefix="team", associations=_associations_for(plan.forum)),
        "status_choices": StepStatusForm.base_fields["status"].choices,  # type: ignore[attr-defined]
    }
    context.update(forms)
    return render(request, "forums/plan.html", context, status=400)


@require_POST
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(pk)
    _manage(request, plan)
    form = PlanUpdateForm(request.POST, instance=CooperationPlan.objects.get(pk=pk), prefix="plan")
    if form.is_valid():
        try:
            plan_update(
                plan=plan, actor=base_access.authenticated_user(request), **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The plan was updated."))
            return redirect(plan)
    return _rerender(request, plan, update_form=form)


@require_POST
def step_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(pk)
    _manage(request, plan)
    form = StepForm(request.POST, prefix="step")
    if form.is_valid():
        step_add(plan=plan, **form.cleaned_data)
        messages.success(request, _("The step was added."))
        return redirect(plan)
    return _rerender(request, plan, step_form=form)


@require_POST
def step_status(request: HttpRequest, pk: int) -> HttpResponse:
    step = get_object_or_404(PlanStep.objects.select_related("plan"), pk=pk)
    plan = _plan(step.plan_id)
    _manage(request, plan)
    form = StepStatusForm(request.POST)
    if form.is_valid():
        step_set_status(step=step, status=form.cleaned_data["status"])
        messages.success(request, _("The step's status was updated."))
    else:
        messages.error(request, _("Choose a valid status."))
    return redirect(plan)


@require_POST
def team_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(pk)
    _manage(request, plan)
    form = TeamMemberForm(request.POST, prefix="team", associations=_associations_for(plan.forum))
    if form.is_valid():
        try:
            team_member_add(plan=plan, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The team member was added."))
            return redirect(plan)
    return _rerender(request, plan, team_form=form)


@require_GET
def municipality_plans_view(request: HttpRequest, code: str) -> HttpResponse:
    """Every cooperation plan of a municipality, linked from its forums section."""
    municipality = municipality_or_404(code)
    context = {"municipality": municipality, "plans": list(municipality_plans(municipality))}
    return render(request, "forums/plans.html", context)
