"""The survey builder: surveys, sections per theme, questions and their options."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kumppani.accounts.audit import audit_record
from kumppani.accounts.models import User
from kumppani.geography.models import Municipality, Region
from kumppani.surveys.models import (
    CHOICE_KINDS,
    Choice,
    Question,
    QuestionKind,
    Scope,
    Section,
    Survey,
)
from kumppani.welfare.models import Plan, Theme


class _Texts(TypedDict, total=False):
    """The title and introduction in three languages (surveys and sections)."""

    title_fi: str
    title_sv: str
    title_en: str
    intro_fi: str
    intro_sv: str
    intro_en: str


class SurveyFields(_Texts, total=False):
    opens_at: dt.datetime
    closes_at: dt.datetime
    anonymous: bool
    open_link_enabled: bool
    plan: Plan | None


class SectionFields(_Texts, total=False):
    theme: Theme | None


class QuestionFields(TypedDict, total=False):
    kind: str
    text_fi: str
    text_sv: str
    text_en: str
    help_fi: str
    help_sv: str
    help_en: str
    required: bool
    scale_min: int
    scale_max: int
    scale_min_label_fi: str
    scale_min_label_sv: str
    scale_min_label_en: str
    scale_max_label_fi: str
    scale_max_label_sv: str
    scale_max_label_en: str
    max_proposals: int
    is_premises_question: bool


def _check(fields: Mapping[str, object], allowed: type[Mapping[str, object]]) -> None:
    """Reject names that are not keys of the TypedDict ``allowed`` (callers spreading a dict)."""
    unknown = set(fields) - allowed.__optional_keys__ - allowed.__required_keys__  # type: ignore[attr-defined]
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")


def _check_plan(survey: Survey) -> None:
    plan = survey.plan
    if plan is None:
        return
    if survey.municipality_id is not None and plan.municipality_id != survey.municipality_id:
        raise ValidationError({"plan": _("Choose a welfare plan of the same municipality.")})


@transaction.atomic
def survey_create(
    *,
    actor: User | None,
    scope: str,
    municipality: Municipality | None = None,
    region: Region | None = None,
    **fields: Unpack[SurveyFields],
) -> Survey:
    """A municipality survey (``municipality`` given) or a regional mapping survey (``region``)."""
    _check(fields, SurveyFields)
    if scope == Scope.MUNICIPALITY:
        if municipality is None:
            raise ValidationError({"municipality": _("Choose the municipality.")})
        region = municipality.region
    elif region is None:
        raise ValidationError({"region": _("Choose the region.")})
    else:
        municipality = None
    survey = Survey(
        scope=scope,
        municipality=municipality,
        region=region,
        created_by=actor if actor is not None and actor.pk else None,
        **fields,
    )
    _check_plan(survey)
    survey.full_clean()
    survey.save()
    audit_record(actor=actor, action="survey.create", target=survey)
    return survey


@transaction.atomic
def survey_update(*, survey: Survey, **fields: Unpack[SurveyFields]) -> Survey:
    _check(fields, SurveyFields)
    for key, value in fields.items():
        setattr(survey, key, value)
    _check_plan(survey)
    survey.full_clean()
    survey.save()
    return survey


@transaction.atomic
def results_publish(*, survey: Survey, published: bool) -> Survey:
    survey.results_published = published
    survey.save(update_fields=["results_published", "updated_at"])
    return survey


def _validate_theme(survey: Survey, section: Section) -> None:
    if section.theme is not None and survey.plan_id is not None:
        if section.theme.plan_id != survey.plan_id:
            raise ValidationError({"theme": _("Choose a theme of the survey's welfare plan.")})


@transaction.atomic
def section_create(*, survey: Survey, **fields: Unpack[SectionFields]) -> Section:
    _check(fields, SectionFields)
    last = survey.sections.aggregate(m=Max("order"))["m"]
    section = Section(survey=survey, order=0 if last is None else last + 1, **fields)
    _validate_theme(survey, section)
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def section_update(*, section: Section, **fields: Unpack[SectionFields]) -> Section:
    _check(fields, SectionFields)
    for key, value in fields.items():
        setattr(section, key, value)
    _validate_theme(section.survey, section)
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def section_delete(*, section: Section) -> None:
    if section.questions.filter(answers__isnull=False).exists():
        raise ValidationError(_("This section already has answers and cannot be removed."))
    section.delete()


def _swap(items: Iterable[Any], item: Any, direction: int) -> None:
    """Renumber ``items`` 0..n and move ``item`` one step up (-1) or down (+1)."""
    ordered = list(items)
    index = next(i for i, obj in enumerate(ordered) if obj.pk == item.pk)
    target = index + (1 if direction > 0 else -1)
    if 0 <= target < len(ordered):
        ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, obj in enumerate(ordered):
        if obj.order != position:
            obj.order = position
            obj.save(update_fields=["order"])


@transaction.atomic
def section_move(*, section: Section, direction: int) -> None:
    _swap(
        Section.objects.select_for_update().filter(survey_id=section.survey_id), section, direction
    )


@transaction.atomic
def choices_set(*, question: Question, texts: Sequence[tuple[str, str, str]]) -> None:
    """Replace the options of a choice question, keeping those whose Finnish text stays."""
    existing = {c.text_fi: c for c in question.choices.all()}
    keep: set[int] = set()
    for position, (fi, sv, en) in enumerate(texts):
        choice = existing.get(fi) or Choice(question=question, text_fi=fi)
        choice.text_sv, choice.text_en, choice.order = sv, en, position
        choice.full_clean()
        choice.save()
        keep.add(choice.pk)
    question.choices.exclude(pk__in=keep).delete()


def _validate_question(question: Question, choice_count: int | None) -> None:
    errors: dict[str, str] = {}
    if question.kind in CHOICE_KINDS and choice_count is not None and choice_count < 2:
        errors["choices_fi"] = _("Give at least two options, one per line.")
    if question.kind == QuestionKind.SCALE and question.scale_max - question.scale_min > 10:
        errors["scale_max"] = _("A scale can have at most eleven steps.")
    if question.is_premises_question and question.kind != QuestionKind.YES_NO:
        errors["is_premises_question"] = _("Only a yes/no question can be the premises question.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def question_create(
    *,
    section: Section,
    choices: Sequence[tuple[str, str, str]] = (),
    **fields: Unpack[QuestionFields],
) -> Question:
    _check(fields, QuestionFields)
    last = section.questions.aggregate(m=Max("order"))["m"]
    question = Question(section=section, order=0 if last is None else last + 1, **fields)
    question.full_clean()
    _validate_question(question, len(choices))
    question.save()
    if question.kind in CHOICE_KINDS:
        choices_set(question=question, texts=choices)
    return question


@transaction.atomic
def question_update(
    *,
    question: Question,
    choices: Sequence[tuple[str, str, str]] | None = None,
    **fields: Unpack[QuestionFields],
) -> Question:
    _check(fields, QuestionFields)
    if "kind" in fields and fields["kind"] != question.kind and question.answers.exists():
        raise ValidationError({"kind": _("The type cannot change once there are answers.")})
    for key, value in fields.items():
        setattr(question, key, value)
    question.full_clean()
    count = None if choices is None else len(choices)
    if count is None and question.kind in CHOICE_KINDS:
        count = question.choices.count()
    _validate_question(question, count)
    question.save()
    if choices is not None and question.kind in CHOICE_KINDS:
        choices_set(question=question, texts=choices)
    return question


@transaction.atomic
def question_delete(*, question: Question) -> None:
    if question.answers.exists():
        raise ValidationError(_("This question already has answers and cannot be removed."))
    question.delete()


@transaction.atomic
def question_move(*, question: Question, direction: int) -> None:
    _swap(
        Question.objects.select_for_update().filter(section_id=question.section_id),
        question,
        direction,
    )
