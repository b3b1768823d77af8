from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kumppani.accounts import access as base_access
from kumppani.geography.models import Municipality
from kumppani.surveys import access
from kumppani.surveys.charts import attach_charts
from kumppani.surveys.exports import export_csv, export_xlsx
from kumppani.surveys.models import Survey
from kumppani.surveys.results import (
    MunicipalityRow,
    premises_statistics,
    results_by_municipality,
    results_for,
)
from kumppani.surveys.selectors import survey_structure
from kumppani.surveys.services import results_publish


def _readable(request: HttpRequest, pk: int) -> Survey:
    survey = get_object_or_404(Survey.objects.select_related("municipality", "region"), pk=pk)
    base_access.require(access.can_see_results(request.user, survey), request)
    return survey_structure(survey_id=pk)


def _exportable(request: HttpRequest, pk: int) -> Survey:
    survey = get_object_or_404(Survey.objects.select_related("municipality", "region"), pk=pk)
    base_access.require(access.can_export_results(request.user, survey), request)
    return survey_structure(survey_id=pk)


def _chosen(
    request: HttpRequest, municipalities: list[Municipality], rows: list[MunicipalityRow]
) -> tuple[Municipality | None, str]:
    """The municipality asked for, if it was surveyed; else None and why (shown on the page)."""
    code = request.GET.get("municipality", "")
    if not code:
        return None, ""
    chosen = next((m for m in municipalities if m.code == code), None)
    if chosen is None:
        return None, _(
            "There is no municipality with that code in the survey's region. Showing the "
            "results of the whole region."
        )
    if not any(row.municipality.pk == chosen.pk for row in rows):
        return None, _(
            "%(municipality)s was not surveyed: no one there was invited and no answers came "
            "from there. Showing the results of the whole region."
        ) % {"municipality": chosen}
    return chosen, ""


@require_GET
def results(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _readable(request, pk)
    municipality = None
    municipalities: list[Municipality] = []
    by_municipality: list[MunicipalityRow] | None = None
    notice = ""
    if survey.is_regional:
        municipalities = list(
            Municipality.objects.filter(region_id=survey.region_id).order_by("name_fi")
        )
        by_municipality = results_by_municipality(survey=survey)
        municipality, notice = _chosen(request, municipalities, by_municipality)
    data = results_for(survey=survey, municipality=municipality, by_municipality=by_municipality)
    attach_charts(data.sections, municipality=municipality)
    premises = None
    if any(q.is_premises_question for s in survey.sections.all() for q in s.questions.all()):
        premises = premises_statistics(region=survey.region, survey=survey)
    context = {
        "survey": survey,
        "results": data,
        "municipality": municipality,
        "municipalities": municipalities,
        "notice": notice,
        "premises": premises,
        "can_manage": access.can_manage_survey(request.user, survey),
        "can_export": access.can_export_results(request.user, survey),
    }
    return render(request, "surveys/results.html", context)


def _filename(survey: Survey, extension: str) -> str:
    return f"{slugify(str(survey))[:60] or 'survey'}-{survey.pk}.{extension}"


@require_GET
def results_csv(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _exportable(request, pk)
    response = HttpResponse(export_csv(survey=survey), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(survey, "csv")}"'
    return response


@require_GET
def results_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _exportable(request, pk)
    response = HttpResponse(
        export_xlsx(survey=survey),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(survey, "xlsx")}"'
    return response


@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    survey = access.access_survey_to_manage(request, pk)
    published = request.POST.get("published") == "1"
    results_publish(survey=survey, published=published)
    if published:
        messages.success(request, _("The results are now public."))
    else:
        messages.success(request, _("The results are no longer public."))
    return redirect("surveys:results", pk=pk)
