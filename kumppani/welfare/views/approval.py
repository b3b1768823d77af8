"""Approval stages and experiential knowledge (submission and moderation)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kumppani.accounts import access as base_access
from kumppani.accounts.models import User
from kumppani.associations.selectors import associations_in_municipality
from kumppani.core.forms import apply_validation_error
from kumppani.welfare import access, services
from kumppani.welfare.forms import ApprovalStageForm, HideForm, ObservationForm
from kumppani.welfare.models import Observation, PlanStatus, Theme
from kumppani.welfare.selectors import plan_stages
from kumppani.welfare.views.public import plan_get


@require_http_methods(["GET", "POST"])
def approvals(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_get(pk)
    base_access.require(access.can_edit_plan(request.user, plan.municipality), request)
    form = ApprovalStageForm(request.POST or None)
    confirming = False
    if request.method == "POST" and form.is_valid():
        user: User = request.user  # type: ignore[assignment]
        data = {k: v for k, v in form.cleaned_data.items() if k != "confirmed"}
        try:
            if form.needs_confirmation():
                # Checked before the confirmation page, so it never confirms a refused stage.
                services.approval_stage_check(plan=plan, body=data["body"], date=data["date"])
                confirming = True
            else:
                services.approval_stage_record(plan=plan, actor=user, **data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            if not confirming:
                messages.success(request, _("The approval stage was recorded."))
                return redirect("welfare:approvals", pk=pk)
    context = {
        "plan": plan,
        "municipality": plan.municipality,
        "stages": plan_stages(plan),
        "form": form if plan.status != PlanStatus.APPROVED else None,
        "confirming": confirming,
    }
    return render(request, "welfare/approvals.html", context)


@require_http_methods(["GET", "POST"])
def observation_create(request: HttpRequest, pk: int) -> HttpResponse:
    theme = get_object_or_404(Theme.objects.select_related("plan__municipality__region"), pk=pk)
    municipality = theme.plan.municipality
    base_access.require(access.can_submit_observation(request.user), request)
    candidates = associations_in_municipality(municipality.pk)
    allowed = access.observation_associations(request.user, candidates.values_list("pk", flat=True))
    base_access.require(bool(allowed), request)
    associations = candidates.filter(pk__in=allowed).order_by("name_fi")
    form = ObservationForm(request.POST or None, associations=associations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.observation_submit(
                theme=theme,
                association=data["association"],
                actor=request.user,  # type: ignore[arg-type]
                text=data["text"],
                observed_on=data["observed_on"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Thank you. Your observation is now shown on the theme."))
            return redirect(theme)
    context = {"theme": theme, "plan": theme.plan, "municipality": municipality, "form": form}
    return render(request, "welfare/observation_form.html", context)


def _observation(pk: int) -> Observation:
    return get_object_or_404(
        Observation.objects.select_related("theme__plan__municipality__region"), pk=pk
    )


@require_POST
def observation_hide(request: HttpRequest, pk: int) -> HttpResponse:
    observation = _observation(pk)
    municipality = observation.theme.plan.municipality
    base_access.require(access.can_moderate_observations(request.user, municipality), request)
    form = HideForm(request.POST)
    if form.is_valid():
        services.observation_hide(
            observation=observation,
            actor=request.user,  # type: ignore[arg-type]
            reason=form.cleaned_data["hidden_reason"],
        )
        messages.success(request, _("The observation was hidden from the public pages."))
    else:
        messages.error(request, _("Give the reason for hiding."))
    return redirect(observation.theme)


@require_POST
def observation_restore(request: HttpRequest, pk: int) -> HttpResponse:
    observation = _observation(pk)
    municipality = observation.theme.plan.municipality
    base_access.require(access.can_moderate_observations(request.user, municipality), request)
    services.observation_restore(observation=observation)
    messages.success(request, _("The observation is shown again."))
    return redirect(observation.theme)
