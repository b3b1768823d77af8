"""Officers manage their municipality's programmes; liaisons set the common periods."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kumppani.accounts.access import authenticated_user, require
from kumppani.core.confirm import confirmation_page
from kumppani.core.forms import apply_validation_error
from kumppani.geography.models import Municipality
from kumppani.geography.selectors import municipality_or_404
from kumppani.grants.access import can_set_periods, runs_grants_in
from kumppani.grants.models import (
    ApplicationPeriod,
    Criterion,
    Programme,
    ProgrammeReviewer,
    Question,
)
from kumppani.grants.services import periods as period_services
from kumppani.grants.services import programmes as services
from kumppani.grants.views.forms_manage import (
    CriterionForm,
    PeriodForm,
    ProgrammeForm,
    QuestionForm,
    ReviewerForm,
    question_kind_choices,
)
from kumppani.welfare.models import Theme


def _programme(request: HttpRequest, pk: int) -> Programme:
    """The programme, if the person runs grants in its municipality."""
    programme = get_object_or_404(Programme.objects.select_related("municipality"), pk=pk)
    require(runs_grants_in(request.user, programme.municipality_id), request)
    return programme


def _periods(municipality: Municipality) -> Any:
    return ApplicationPeriod.objects.filter(municipality=municipality)


# --- the officer's overview -------------------------------------------------------------------


@require_http_methods(["GET"])
def manage(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_or_404(code)
    require(runs_grants_in(request.user, municipality.pk), request)
    programmes = (
        Programme.objects.filter(municipality=municipality)
        .select_related("period")
        .annotate(
            question_count=Count("questions", distinct=True),
            criterion_count=Count("criteria", distinct=True),
            reviewer_count=Count("reviewers", distinct=True),
            submitted_count=Count(
                "applications",
                filter=Q(applications__status__in=["submitted", "decided"]),
                distinct=True,
            ),
        )
        .order_by("-closes_at", "id")
    )
    context = {
        "municipality": municipality,
        "programmes": programmes,
        "periods": _periods(municipality).annotate(programme_count=Count("programmes")),
        "can_set_periods": can_set_periods(request.user, municipality),
    }
    return render(request, "grants/manage/manage.html", context)


# --- programmes -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def programme_new(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_or_404(code)
    require(runs_grants_in(request.user, municipality.pk), request)
    form = ProgrammeForm(
        request.POST or None,
        instance=Programme(municipality=municipality),
        periods=_periods(municipality),
    )
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(
                municipality=municipality, actor=authenticated_user(request), **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The programme was created. Add its criteria next."))
            return redirect("grants:criteria", pk=programme.pk)
    context = {"municipality": municipality, "form": form, "programme": None}
    return render(request, "grants/manage/programme_form.html", context)


@require_http_methods(["GET", "POST"])
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    municipality = programme.municipality
    form = ProgrammeForm(request.POST or None, instance=programme, periods=_periods(municipality))
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_update(
                programme=programme, actor=authenticated_user(request), **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("grants:manage", code=municipality.code)
    context = {"municipality": municipality, "form": form, "programme": programme}
    return render(request, "grants/manage/programme_form.html", context)


# --- questions --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def questions(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_create(
                programme=programme,
                actor=authenticated_user(request),
                choices=form.choice_list(),
                **form.service_fields(),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The question was added."))
            return redirect("grants:questions", pk=programme.pk)
    labels = dict(question_kind_choices())
    rows = list(programme.questions.all())
    for row in rows:
        row.kind_label = labels.get(row.kind, row.kind)  # type: ignore[attr-defined]
    context = {"programme": programme, "questions": rows, "form": form}
    return render(request, "grants/manage/questions.html", context)


@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    question = get_object_or_404(Question, pk=question_pk, programme=programme)
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_update(
                question=question,
                actor=authenticated_user(request),
                choices=form.choice_list(),
                **form.service_fields(),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("grants:questions", pk=programme.pk)
    context = {
        "programme": programme,
        "form": form,
        "title": _("Edit question"),
        "back_url": reverse("grants:questions", args=[programme.pk]),
    }
    return render(request, "grants/manage/form.html", context)


@require_http_methods(["GET", "POST"])
def question_delete(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    question = get_object_or_404(Question, pk=question_pk, programme=programme)
    actor = authenticated_user(request)
    return confirmation_page(
        request,
        title=_("Remove question"),
        question=_("Remove the question “%(text)s” from the application form?")
        % {"text": question},
        can_confirm=True,
        closed="",
        action=lambda: services.question_delete(question=question, actor=actor),
        done=_("The question was removed."),
        back_url=reverse("grants:questions", args=[programme.pk]),
        back_text=_("Back to the questions"),
    )


# --- criteria ---------------------------------------------------------------------------------


def _themes(programme: Programme) -> Any:
    return (
        Theme.objects.filter(plan__municipality_id=programme.municipality_id)
        .select_related("plan")
        .order_by("-plan__start_year", "plan_id", "order", "id")
    )


@require_http_methods(["GET", "POST"])
def criteria(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    form = CriterionForm(request.POST or None, themes=_themes(programme))
    if request.method == "POST" and form.is_valid():
        try:
            services.criterion_create(
                programme=programme, actor=authenticated_user(request), **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The criterion was added."))
            return redirect("grants:criteria", pk=programme.pk)
    context = {
        "programme": programme,
        "criteria": programme.criteria.select_related("welfare_theme__plan"),
        "form": form,
    }
    return render(request, "grants/manage/criteria.html", context)


@require_http_methods(["GET", "POST"])
def criterion_edit(request: HttpRequest, pk: int, criterion_pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    criterion = get_object_or_404(Criterion, pk=criterion_pk, programme=programme)
    form = CriterionForm(request.POST or None, instance=criterion, themes=_themes(programme))
    if request.method == "POST" and form.is_valid():
        try:
            services.criterion_update(
                criterion=criterion, actor=authenticated_user(request), **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("grants:criteria", pk=programme.pk)
    context = {
        "programme": programme,
        "form": form,
        "title": _("Edit criterion"),
        "back_url": reverse("grants:criteria", args=[programme.pk]),
    }
    return render(request, "grants/manage/form.html", context)


@require_http_methods(["GET", "POST"])
def criterion_delete(request: HttpRequest, pk: int, criterion_pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    criterion = get_object_or_404(Criterion, pk=criterion_pk, programme=programme)
    actor = authenticated_user(request)
    return confirmation_page(
        request,
        title=_("Remove criterion"),
        question=_("Remove the criterion “%(name)s”?") % {"name": criterion},
        can_confirm=True,
        closed="",
        action=lambda: services.criterion_delete(criterion=criterion, actor=actor),
        done=_("The criterion was removed."),
        back_url=reverse("grants:criteria", args=[programme.pk]),
        back_text=_("Back to the criteria"),
    )


# --- reviewers --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def reviewers(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    form = ReviewerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reviewer = services.programme_reviewer_add(
                programme=programme,
                email=form.cleaned_data["email"],
                actor=authenticated_user(request),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request, _("%(name)s is now a reviewer.") % {"name": reviewer.user.display_name}
            )
            return redirect("grants:reviewers", pk=programme.pk)
    context = {
        "programme": programme,
        "reviewers": programme.reviewers.select_related("user").order_by("added_at", "id"),
        "form": form,
    }
    return render(request, "grants/manage/reviewers.html", context)


@require_http_methods(["POST"])
def reviewer_remove(request: HttpRequest, pk: int, reviewer_pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    reviewer = get_object_or_404(
        ProgrammeReviewer.objects.select_related("user", "programme"),
        pk=reviewer_pk,
        programme=programme,
    )
    services.programme_reviewer_remove(reviewer=reviewer, actor=authenticated_user(request))
    messages.success(request, _("The reviewer was removed."))
    return redirect("grants:reviewers", pk=programme.pk)


# --- common periods (liaison) -----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def periods(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_or_404(code)
    require(can_set_periods(request.user, municipality), request)
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            period_services.period_create(
                municipality=municipality, actor=authenticated_user(request), **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The common period was added."))
            return redirect("grants:periods", code=municipality.code)
    rows = _periods(municipality).prefetch_related(
        Prefetch("programmes", queryset=Programme.objects.order_by("branch", "id"))
    )
    context = {"municipality": municipality, "periods": rows, "form": form}
    return render(request, "grants/manage/periods.html", context)


def _period(request: HttpRequest, pk: int) -> ApplicationPeriod:
    period = get_object_or_404(ApplicationPeriod.objects.select_related("municipality"), pk=pk)
    require(can_set_periods(request.user, period.municipality), request)
    return period


@require_http_methods(["GET", "POST"])
def period_edit(request: HttpRequest, pk: int) -> HttpResponse:
    period = _period(request, pk)
    form = PeriodForm(request.POST or None, instance=period)
    if request.method == "POST" and form.is_valid():
        try:
            period_services.period_update(
                period=period, actor=authenticated_user(request), **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request, _("The period was saved; its programmes open and close with it.")
            )
            return redirect("grants:periods", code=period.municipality.code)
    context = {
        "form": form,
        "title": _("Edit common period"),
        "back_url": reverse("grants:periods", args=[period.municipality.code]),
    }
    return render(request, "grants/manage/form.html", context)


@require_http_methods(["GET", "POST"])
def period_delete(request: HttpRequest, pk: int) -> HttpResponse:
    period = _period(request, pk)
    actor = authenticated_user(request)
    return confirmation_page(
        request,
        title=_("Remove common period"),
        question=_(
            "Remove the period “%(name)s”? Its programmes stay and keep their current times."
        )
        % {"name": period},
        can_confirm=True,
        closed="",
        action=lambda: period_services.period_delete(period=period, actor=actor),
        done=_("The period was removed."),
        back_url=reverse("grants:periods", args=[period.municipality.code]),
        back_text=_("Back to the periods"),
    )
