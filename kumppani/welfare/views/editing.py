"""Editing pages for the liaison and the municipality's wellbeing working group."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kumppani.accounts import access as base_access
from kumppani.core.forms import apply_validation_error
from kumppani.geography.models import Municipality
from kumppani.geography.selectors import municipality_or_404
from kumppani.welfare import access, services
from kumppani.welfare.forms import (
    GoalForm,
    IndicatorForm,
    IndicatorValueForm,
    MeasureForm,
    PlanForm,
    ReviewForm,
    ThemeForm,
)
from kumppani.welfare.models import Goal, Indicator, IndicatorKind, Measure, Plan, Theme
from kumppani.welfare.selectors import metric_values, plan_reviews
from kumppani.welfare.views.public import plan_get


def _require_edit(request: HttpRequest, municipality: Municipality) -> None:
    base_access.require(access.can_edit_plan(request.user, municipality), request)


def _form_page(
    request: HttpRequest,
    *,
    form: forms.BaseForm,
    save: Callable[[dict[str, Any]], Model],
    title: str,
    plan: Plan | None,
    municipality: Municipality,
    done: str,
    back: str,
    redirect_to: Callable[[Model], str] | None = None,
) -> HttpResponse:
    """Render a form; on a valid POST run ``save`` (a service) and go back to the object."""
    if request.method == "POST" and form.is_valid():
        try:
            obj = save(dict(form.cleaned_data))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, done)
            return redirect(redirect_to(obj) if redirect_to else back)
    context = {
        "form": form,
        "title": title,
        "plan": plan,
        "municipality": municipality,
        "back": back,
    }
    return render(request, "welfare/form.html", context)


@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_or_404(code)
    _require_edit(request, municipality)
    form = PlanForm(request.POST or None)
    return _form_page(
        request,
        form=form,
        save=lambda d: services.plan_create(
            municipality=municipality, actor=base_access.authenticated_user(request), **d
        ),
        title=_("New welfare plan"),
        plan=None,
        municipality=municipality,
        done=_("The plan was created."),
        back=municipality.get_absolute_url(),
        redirect_to=lambda obj: obj.get_absolute_url(),  # type: ignore[attr-defined]
    )


@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_get(pk)
    _require_edit(request, plan.municipality)
    form = PlanForm(request.POST or None, instance=plan)
    return _form_page(
        request,
        form=form,
        save=lambda d: services.plan_update(
            plan=plan, actor=base_access.authenticated_user(request), **d
        ),
        title=_("Edit the plan"),
        plan=plan,
        municipality=plan.municipality,
        done=_("The changes were saved."),
        back=plan.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def theme_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_get(pk)
    _require_edit(request, plan.municipality)
    form = ThemeForm(request.POST or None, initial={"order": plan.themes.count() + 1})
    return _form_page(
        request,
        form=form,
        save=lambda d: services.theme_create(plan=plan, **d),
        title=_("New theme"),
        plan=plan,
        municipality=plan.municipality,
        done=_("The theme was added."),
        back=plan.get_absolute_url(),
        redirect_to=lambda obj: obj.get_absolute_url(),  # type: ignore[attr-defined]
    )


def _theme(pk: int) -> Theme:
    return get_object_or_404(Theme.objects.select_related("plan__municipality__region"), pk=pk)


@require_http_methods(["GET", "POST"])
def theme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    theme = _theme(pk)
    _require_edit(request, theme.plan.municipality)
    form = ThemeForm(request.POST or None, instance=theme)
    return _form_page(
        request,
        form=form,
        save=lambda d: services.theme_update(theme=theme, **d),
        title=_("Edit the theme"),
        plan=theme.plan,
        municipality=theme.plan.municipality,
        done=_("The changes were saved."),
        back=theme.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def goal_create(request: HttpRequest, pk: int) -> HttpResponse:
    theme = _theme(pk)
    _require_edit(request, theme.plan.municipality)
    form = GoalForm(request.POST or None, initial={"order": theme.goals.count() + 1})
    return _form_page(
        request,
        form=form,
        save=lambda d: services.goal_create(theme=theme, **d),
        title=_("New goal for the theme %(theme)s") % {"theme": theme},
        plan=theme.plan,
        municipality=theme.plan.municipality,
        done=_("The goal was added."),
        back=theme.get_absolute_url(),
    )


def _goal(pk: int) -> Goal:
    return get_object_or_404(
        Goal.objects.select_related("theme__plan__municipality__region"), pk=pk
    )


@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    goal = _goal(pk)
    plan = goal.theme.plan
    _require_edit(request, plan.municipality)
    form = GoalForm(request.POST or None, instance=goal)
    return _form_page(
        request,
        form=form,
        save=lambda d: services.goal_update(goal=goal, **d),
        title=_("Edit the goal"),
        plan=plan,
        municipality=plan.municipality,
        done=_("The changes were saved."),
        back=goal.theme.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def measure_create(request: HttpRequest, pk: int) -> HttpResponse:
    goal = _goal(pk)
    plan = goal.theme.plan
    _require_edit(request, plan.municipality)
    form = MeasureForm(request.POST or None, municipality_id=plan.municipality_id)
    return _form_page(
        request,
        form=form,
        save=lambda d: services.measure_create(goal=goal, actor=request.user, **d),  # type: ignore[arg-type]
        title=_("New measure for the goal %(goal)s") % {"goal": goal},
        plan=plan,
        municipality=plan.municipality,
        done=_("The measure was added."),
        back=goal.theme.get_absolute_url(),
        redirect_to=lambda obj: obj.get_absolute_url(),  # type: ignore[attr-defined]
    )


@require_http_methods(["GET", "POST"])
def measure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    measure = get_object_or_404(
        Measure.objects.select_related("goal__theme__plan__municipality__region"), pk=pk
    )
    plan = measure.goal.theme.plan
    _require_edit(request, plan.municipality)
    form = MeasureForm(request.POST or None, instance=measure, municipality_id=plan.municipality_id)
    return _form_page(
        request,
        form=form,
        save=lambda d: services.measure_update(measure=measure, **d),
        title=_("Edit the measure"),
        plan=plan,
        municipality=plan.municipality,
        done=_("The changes were saved."),
        back=measure.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def indicator_create(request: HttpRequest, pk: int) -> HttpResponse:
    theme = _theme(pk)
    _require_edit(request, theme.plan.municipality)
    form = IndicatorForm(request.POST or None, theme=theme)
    return _form_page(
        request,
        form=form,
        save=lambda d: services.indicator_create(theme=theme, **d),
        title=_("New indicator for the theme %(theme)s") % {"theme": theme},
        plan=theme.plan,
        municipality=theme.plan.municipality,
        done=_("The indicator was added."),
        back=theme.get_absolute_url(),
    )


def _indicator(pk: int) -> Indicator:
    return get_object_or_404(
        Indicator.objects.select_related("theme__plan__municipality__region"), pk=pk
    )


@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _indicator(pk)
    theme = indicator.theme
    _require_edit(request, theme.plan.municipality)
    form = IndicatorForm(request.POST or None, instance=indicator, theme=theme)
    return _form_page(
        request,
        form=form,
        save=lambda d: services.indicator_update(indicator=indicator, **d),
        title=_("Edit the indicator"),
        plan=theme.plan,
        municipality=theme.plan.municipality,
        done=_("The changes were saved."),
        back=theme.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def indicator_values(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _indicator(pk)
    theme = indicator.theme
    _require_edit(request, theme.plan.municipality)
    live = None
    if indicator.kind == IndicatorKind.PLATFORM and indicator.metric:
        live = metric_values(theme.plan.municipality, [indicator.metric]).get(indicator.metric)
    initial = {"year": timezone.localdate().year, "value": live}
    form = IndicatorValueForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.indicator_value_set(indicator=indicator, **form.cleaned_data)
        messages.success(request, _("The value was saved."))
        return redirect("welfare:indicator_values", pk=pk)
    context = {
        "indicator": indicator,
        "theme": theme,
        "plan": theme.plan,
        "municipality": theme.plan.municipality,
        "values": list(indicator.values.all()),
        "live": live,
        "form": form,
    }
    return render(request, "welfare/indicator_values.html", context)


@require_http_methods(["GET", "POST"])
def reviews(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_get(pk)
    _require_edit(request, plan.municipality)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_save(plan=plan, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The yearly review was saved."))
            return redirect("welfare:reviews", pk=pk)
    context = {
        "plan": plan,
        "municipality": plan.municipality,
        "reviews": plan_reviews(plan),
        "form": form,
    }
    return render(request, "welfare/reviews.html", context)
