from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kumppani.accounts import access as base_access
from kumppani.accounts.models import Role
from kumppani.core.forms import apply_validation_error
from kumppani.geography.models import Municipality, Region
from kumppani.surveys import access
from kumppani.surveys.forms import (
    AnswerForm,
    QuestionForm,
    QuestionKindForm,
    ScopeForm,
    SectionForm,
    SurveyForm,
)
from kumppani.surveys.models import Question, QuestionKind, Scope, Section, Survey
from kumppani.surveys.selectors import (
    SurveyFilter,
    association_invitations,
    survey_link,
    survey_list,
    survey_structure,
)
from kumppani.surveys.services import (
    question_create,
    question_delete,
    question_move,
    question_update,
    section_create,
    section_delete,
    section_move,
    section_update,
    survey_create,
    survey_update,
)
from kumppani.welfare.models import Plan, Theme

PAGE_SIZE = 20


def _plans(survey_municipality_id: int | None, region_id: int) -> object:
    if survey_municipality_id is not None:
        return Plan.objects.filter(municipality_id=survey_municipality_id)
    return Plan.objects.none()


@require_GET
def survey_list_view(request: HttpRequest) -> HttpResponse:
    filters = SurveyFilter(
        municipality=request.GET.get("municipality", "")[:3],
        region=request.GET.get("region", "")[:2],
    )
    paginator = Paginator(survey_list(filters=filters, user=request.user), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    surveys = list(page.object_list)
    invited = association_invitations(user=request.user, survey_ids=[s.pk for s in surveys])
    for survey in surveys:
        survey.can_manage = access.can_manage_survey(request.user, survey)
        survey.can_see_results = access.can_see_results(request.user, survey)
        survey.link = survey_link(
            survey,
            can_manage=survey.can_manage,
            can_see_results=survey.can_see_results,
            invitation_id=invited.get(survey.pk),
        )
    context = {
        "page": page,
        "surveys": surveys,
        "can_build": access.can_build_surveys(request.user),
    }
    return render(request, "surveys/list.html", context)


def _areas(request: HttpRequest) -> list[tuple[str, str]]:
    roles = base_access.roles_of(request.user)
    if roles.admin:
        municipalities = Municipality.objects.order_by("name_fi")
        regions = Region.objects.order_by("name_fi")
    else:
        municipalities = Municipality.objects.filter(
            pk__in=roles.municipalities(Role.LIAISON)
        ).order_by("name_fi")
        regions = Region.objects.filter(pk__in=roles.regions).order_by("name_fi")
    areas = [
        (f"r{r.pk}", _("Regional mapping survey: %(region)s") % {"region": r}) for r in regions
    ]
    areas += [
        (f"m{m.pk}", _("Municipality survey: %(name)s") % {"name": m}) for m in municipalities
    ]
    return areas


def _area_plans(areas: list[tuple[str, str]]) -> QuerySet[Plan]:
    """The welfare plans of the municipalities a new survey can be made for."""
    ids = [int(value[1:]) for value, _label in areas if value.startswith("m")]
    return Plan.objects.filter(municipality_id__in=ids).select_related("municipality")


@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    base_access.require(access.can_build_surveys(request.user), request)
    areas = _areas(request)
    initial = {"area": request.GET.get("area", "")}
    scope_form = ScopeForm(request.POST or None, areas=areas, initial=initial)
    form = SurveyForm(
        request.POST or None,
        plans=_area_plans([a for a in areas if a[0] == initial["area"]] or areas),
        name_municipality=sum(1 for value, _label in areas if value.startswith("m")) > 1,
    )
    if request.method == "POST" and scope_form.is_valid():
        area = scope_form.cleaned_data["area"]
        municipality = region = None
        if area.startswith("m"):
            municipality = get_object_or_404(Municipality, pk=int(area[1:]))
            base_access.require(
                access.can_create_municipal_survey(request.user, municipality), request
            )
            form.fields["plan"].queryset = Plan.objects.filter(municipality=municipality)  # type: ignore[attr-defined]
        else:
            form.fields["plan"].queryset = Plan.objects.none()  # type: ignore[attr-defined]
            region = get_object_or_404(Region, pk=int(area[1:]))
            base_access.require(access.can_create_regional_survey(request.user, region), request)
        if form.is_valid():
            try:
                survey = survey_create(
                    actor=request.user,  # type: ignore[arg-type]
                    scope=Scope.MUNICIPALITY if municipality else Scope.REGION,
                    municipality=municipality,
                    region=region,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("The survey was created. Add its sections next."))
                return redirect("surveys:detail", pk=survey.pk)
    return render(request, "surveys/survey_form.html", {"form": form, "scope_form": scope_form})


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = access.access_survey_to_manage(request, pk)
    survey = survey_structure(survey_id=pk)
    invited = survey.invitations.count()
    context = {"survey": survey, "invited": invited}
    return render(request, "surveys/detail.html", context)


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    survey = access.access_survey_to_manage(request, pk)
    form = SurveyForm(
        request.POST or None,
        instance=survey,
        plans=_plans(survey.municipality_id, survey.region_id),
    )
    if request.method == "POST" and form.is_valid():
        try:
            survey_update(survey=survey, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("surveys:detail", pk=pk)
    return render(request, "surveys/survey_form.html", {"form": form, "survey": survey})


def _themes(survey: Survey) -> object:
    if survey.plan_id is not None:
        return Theme.objects.filter(plan_id=survey.plan_id)
    if survey.municipality_id is not None:
        return Theme.objects.filter(plan__municipality_id=survey.municipality_id)
    return Theme.objects.none()


@require_http_methods(["GET", "POST"])
def section_form(request: HttpRequest, pk: int, section_id: int | None = None) -> HttpResponse:
    survey = access.access_survey_to_manage(request, pk)
    section = None
    if section_id is not None:
        section = get_object_or_404(Section, pk=section_id, survey=survey)
    form = SectionForm(request.POST or None, instance=section, themes=_themes(survey))
    if request.method == "POST" and form.is_valid():
        try:
            if section is None:
                section_create(survey=survey, **form.cleaned_data)
            else:
                section_update(section=section, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The section was saved."))
            return redirect("surveys:detail", pk=pk)
    return render(
        request, "surveys/section_form.html", {"form": form, "survey": survey, "section": section}
    )


@require_POST
def section_move_view(request: HttpRequest, pk: int, section_id: int) -> HttpResponse:
    survey = access.access_survey_to_manage(request, pk)
    section = get_object_or_404(Section, pk=section_id, survey=survey)
    section_move(section=section, direction=-1 if request.POST.get("direction") == "up" else 1)
    return redirect("surveys:detail", pk=pk)


@require_POST
def section_delete_view(request: HttpRequest, pk: int, section_id: int) -> HttpResponse:
    survey = access.access_survey_to_manage(request, pk)
    section = get_object_or_404(Section, pk=section_id, survey=survey)
    try:
        section_delete(section=section)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The section was removed."))
    return redirect("surveys:detail", pk=pk)


@require_http_methods(["GET", "POST"])
def question_form(
    request: HttpRequest, pk: int, section_id: int | None = None, question_id: int | None = None
) -> HttpResponse:
    """Two steps that work without JavaScript: choose the type (a GET form back to this page
    with ``?kind=``), then fill in the fields of that type. Editing starts at the second step;
    "Change the type" goes back to the first."""
    survey = access.access_survey_to_manage(request, pk)
    question = None
    if question_id is not None:
        question = get_object_or_404(
            Question.objects.select_related("section"), pk=question_id, section__survey=survey
        )
        section = question.section
    elif section_id is not None:
        section = get_object_or_404(Section, pk=section_id, survey=survey)
    else:
        raise Http404
    kind = request.POST.get("kind") or request.GET.get("kind")
    if kind is None and question is not None and "choose" not in request.GET:
        kind = question.kind
    context: dict[str, Any] = {"survey": survey, "section": section, "question": question}
    if kind not in QuestionKind.values:
        initial = {"kind": question.kind if question else None}
        step = QuestionKindForm(initial=initial)
        return render(request, "surveys/question_kind.html", {**context, "form": step})
    assert kind is not None
    form = QuestionForm(request.POST or None, instance=question, kind=kind)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if not k.startswith("choices_")}
        try:
            if question is None:
                question_create(section=section, choices=form.choice_texts(), **data)
            else:
                question_update(question=question, choices=form.choice_texts(), **data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The question was saved."))
            return redirect("surveys:detail", pk=pk)
    context |= {"form": form, "kind_label": QuestionKind(kind).label}
    return render(request, "surveys/question_form.html", context)


@require_GET
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The survey as respondents will see it, every section on one page, read-only."""
    access.access_survey_to_manage(request, pk)
    survey = survey_structure(survey_id=pk)
    sections = [
        {
            "section": section,
            "groups": AnswerForm(section=section, values={}, disabled=True).bound_groups(),
        }
        for section in survey.sections.all()
    ]
    return render(request, "surveys/preview.html", {"survey": survey, "sections": sections})


@require_POST
def question_move_view(request: HttpRequest, pk: int, question_id: int) -> HttpResponse:
    survey = access.access_survey_to_manage(request, pk)
    question = get_object_or_404(Question, pk=question_id, section__survey=survey)
    question_move(question=question, direction=-1 if request.POST.get("direction") == "up" else 1)
    return redirect("surveys:detail", pk=pk)


@require_POST
def question_delete_view(request: HttpRequest, pk: int, question_id: int) -> HttpResponse:
    survey = access.access_survey_to_manage(request, pk)
    question = get_object_or_404(Question, pk=question_id, section__survey=survey)
    try:
        question_delete(question=question)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The question was removed."))
    return redirect("surveys:detail", pk=pk)
