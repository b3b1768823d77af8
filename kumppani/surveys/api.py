"""Read endpoints for surveys whose results are published."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router, Schema

from kumppani.api.links import absolute_url
from kumppani.api.pagination import Page, paginate
from kumppani.geography.models import Municipality
from kumppani.surveys.models import Survey
from kumppani.surveys.results import results_for
from kumppani.surveys.selectors import SurveyFilter, survey_list, survey_structure

router = Router(tags=["surveys"])


class SurveyOut(Schema):
    id: int
    title_fi: str
    title_sv: str
    title_en: str
    scope: str
    municipality: str | None
    region: str
    opens_at: str
    closes_at: str
    anonymous: bool
    answers: int
    results_url: str

    @staticmethod
    def resolve_municipality(s: Survey) -> str | None:
        return s.municipality.code if s.municipality else None

    @staticmethod
    def resolve_region(s: Survey) -> str:
        return s.region.code

    @staticmethod
    def resolve_opens_at(s: Survey) -> str:
        return s.opens_at.isoformat()

    @staticmethod
    def resolve_closes_at(s: Survey) -> str:
        return s.closes_at.isoformat()

    @staticmethod
    def resolve_answers(s: Survey) -> int:
        return getattr(s, "submitted", 0)

    @staticmethod
    def resolve_results_url(s: Survey, context: dict[str, Any]) -> str:
        return absolute_url(context, reverse("surveys:results", args=[s.pk]))


class BarOut(Schema):
    label: str
    count: int
    percent: int


class QuestionResultOut(Schema):
    id: int
    section: str
    theme: int | None
    kind: str
    text: str
    answered: int
    distribution: list[BarOut]
    mean: float | None
    texts: list[str]
    own_proposals: int
    together_proposals: int


class ResultsOut(Schema):
    id: int
    title: str
    municipality: str | None
    respondents: int
    respondents_by_type: dict[str, int]
    questions: list[QuestionResultOut]


@router.get("/surveys", response=Page[SurveyOut], summary="Surveys with published results")
def surveys(
    request: HttpRequest, municipality: str = "", region: str = "", page: int = 1
) -> dict[str, Any]:
    filters = SurveyFilter(municipality=municipality[:3], region=region[:2])
    qs = survey_list(filters=filters, user=request.user).filter(results_published=True)
    return paginate(request, qs, page)


@router.get(
    "/surveys/{int:survey_id}/results",
    response=ResultsOut,
    summary="Published results of a survey (optionally one municipality of a regional survey)",
)
def survey_results(request: HttpRequest, survey_id: int, municipality: str = "") -> dict[str, Any]:
    get_object_or_404(Survey, pk=survey_id, results_published=True)
    survey = survey_structure(survey_id=survey_id)
    place = None
    if municipality and survey.is_regional:
        place = get_object_or_404(Municipality, code=municipality[:3], region_id=survey.region_id)
    data = results_for(survey=survey, municipality=place)
    questions = []
    for section, rows in data.sections:
        for r in rows:
            questions.append(
                {
                    "id": r.question.pk,
                    "section": str(section),
                    "theme": section.theme_id,
                    "kind": r.question.kind,
                    "text": str(r.question),
                    "answered": r.main.answered,
                    "distribution": [vars(b) for b in r.main.bars],
                    "mean": float(r.main.mean) if r.main.mean is not None else None,
                    "texts": [t.text for t in r.texts],
                    "own_proposals": r.own,
                    "together_proposals": r.together,
                }
            )
    return {
        "id": survey.pk,
        "title": str(survey),
        "municipality": place.code if place else None,
        "respondents": data.respondents,
        "respondents_by_type": data.by_kind_codes,
        "questions": questions,
    }
