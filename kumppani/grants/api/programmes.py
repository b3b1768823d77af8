"""Grant programmes in the API: the public list, and creation by the municipality's officers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema

from kumppani.api.auth import token_auth
from kumppani.api.links import absolute_url
from kumppani.api.lookups import FieldErrors, municipality_by_code, one_of
from kumppani.api.pagination import Page, paginate
from kumppani.grants.access import runs_grants_in
from kumppani.grants.models import ApplicationPeriod, Criterion, Programme, Question
from kumppani.grants.selectors_manage import (
    programme_url,
    programmes_listed,
    programmes_with_parts,
)
from kumppani.grants.services import programmes as services
from kumppani.welfare.models import Theme

router = Router()


# --- output ---------------------------------------------------------------------------------


class CriterionOut(Schema):
    id: int
    kind: str
    name_fi: str
    name_sv: str
    name_en: str
    description_fi: str
    weight: Decimal
    max_points: int
    welfare_theme: int | None
    order: int

    @staticmethod
    def resolve_welfare_theme(c: Criterion) -> int | None:
        return c.welfare_theme_id


class QuestionOut(Schema):
    id: int
    kind: str
    text_fi: str
    text_sv: str
    text_en: str
    required: bool
    choices: list[dict[str, str]]
    scale_min: int
    scale_max: int
    order: int


class ProgrammeOut(Schema):
    id: int
    municipality: str
    branch: str
    kind: str
    title_fi: str
    title_sv: str
    title_en: str
    budget_eur: Decimal
    period: int | None
    opens_at: str
    closes_at: str
    open: bool
    published: bool
    criteria: list[CriterionOut]
    questions: list[QuestionOut]
    url: str

    @staticmethod
    def resolve_municipality(p: Programme) -> str:
        return p.municipality.code

    @staticmethod
    def resolve_period(p: Programme) -> int | None:
        return p.period_id

    @staticmethod
    def resolve_opens_at(p: Programme) -> str:
        return timezone.localtime(p.opens_at).isoformat()

    @staticmethod
    def resolve_closes_at(p: Programme) -> str:
        return timezone.localtime(p.closes_at).isoformat()

    @staticmethod
    def resolve_open(p: Programme) -> bool:
        return p.is_open()

    @staticmethod
    def resolve_criteria(p: Programme) -> list[Criterion]:
        return list(p.criteria.all())

    @staticmethod
    def resolve_questions(p: Programme) -> list[Question]:
        return list(p.questions.all())

    @staticmethod
    def resolve_url(p: Programme, context: dict[str, Any]) -> str:
        path = programme_url(p)
        return absolute_url(context, path) if path else ""


# --- input ----------------------------------------------------------------------------------


class CriterionIn(Schema):
    name_fi: str
    name_sv: str = ""
    name_en: str = ""
    description_fi: str = ""
    description_sv: str = ""
    description_en: str = ""
    kind: str = "weighted"
    weight: Decimal = Decimal("1")
    max_points: int = 5
    welfare_theme: int | None = None


class QuestionIn(Schema):
    kind: str
    text_fi: str
    text_sv: str = ""
    text_en: str = ""
    help_fi: str = ""
    help_sv: str = ""
    help_en: str = ""
    required: bool = False
    choices: list[str | dict[str, str]] = []
    scale_min: int = 1
    scale_max: int = 5


class ProgrammeIn(Schema):
    municipality: str
    branch: str
    kind: str
    title_fi: str
    title_sv: str = ""
    title_en: str = ""
    budget_eur: Decimal
    opens_at: dt.datetime | None = None
    closes_at: dt.datetime | None = None
    period: int | None = None
    eligibility_fi: str = ""
    eligibility_sv: str = ""
    eligibility_en: str = ""
    attachments_fi: str = ""
    attachments_sv: str = ""
    attachments_en: str = ""
    use_report_due_days: int = 365
    published: bool = True
    criteria: list[CriterionIn] = []
    questions: list[QuestionIn] = []


# --- endpoints ------------------------------------------------------------------------------


@router.get(
    "/grant-programmes",
    response=Page[ProgrammeOut],
    summary="Published grant programmes; open=true: those open for applications now",
)
def programme_list(
    request: HttpRequest, municipality: str = "", open: bool | None = None, page: int = 1
) -> dict[str, Any]:
    qs = programmes_listed()
    if municipality:
        qs = qs.filter(municipality__code=municipality)
    if open is not None:
        now = timezone.now()
        is_open = Q(opens_at__lte=now, closes_at__gt=now)
        qs = qs.filter(is_open) if open else qs.exclude(is_open)
    return paginate(request, qs, page)


def _theme(pk: int, field: str) -> Theme:
    return one_of(
        Theme.objects.select_related("plan"),
        pk,
        field=field,
        message=_("Unknown welfare plan theme."),
    )


def _aware(errors: FieldErrors, name: str, value: dt.datetime | None) -> None:
    if value is not None and timezone.is_naive(value):
        errors.add(name, _("Give the time in ISO 8601 with its UTC offset, e.g. +02:00."))


@router.post(
    "/grant-programmes",
    response={201: ProgrammeOut},
    auth=token_auth,
    summary="Create a grant programme with its criteria (officer or liaison of the municipality)",
)
def programme_create(request: HttpRequest, payload: ProgrammeIn) -> tuple[int, Programme]:
    municipality = municipality_by_code(payload.municipality)
    if not runs_grants_in(request.user, municipality.pk):
        raise PermissionDenied
    errors = FieldErrors()
    _aware(errors, "opens_at", payload.opens_at)
    _aware(errors, "closes_at", payload.closes_at)
    period = None
    if payload.period is not None:
        period = errors.attempt(
            lambda: one_of(
                ApplicationPeriod.objects.filter(municipality=municipality),
                payload.period or 0,
                field="period",
                message=_("Unknown common period of the municipality."),
            )
        )
    criteria = []
    for index, criterion in enumerate(payload.criteria):
        criterion_fields = criterion.dict()
        theme_id = criterion_fields.pop("welfare_theme")
        theme = None
        if theme_id is not None:
            theme = errors.attempt(partial(_theme, theme_id, f"criteria.{index}.welfare_theme"))
        criteria.append({**criterion_fields, "welfare_theme": theme})
    errors.raise_any()
    questions = []
    for question in payload.questions:
        question_fields = question.dict()
        choices = [c if isinstance(c, dict) else {"fi": c} for c in question_fields.pop("choices")]
        questions.append((question_fields, choices))
    fields = payload.dict(exclude={"municipality", "period", "criteria", "questions"})
    programme = services.programme_create_with_parts(
        municipality=municipality,
        actor=request.auth,  # type: ignore[attr-defined]
        fields={**fields, "period": period},  # type: ignore[typeddict-item]
        criteria=criteria,  # type: ignore[arg-type]
        questions=questions,  # type: ignore[arg-type]
    )
    return 201, programmes_with_parts().get(pk=programme.pk)
