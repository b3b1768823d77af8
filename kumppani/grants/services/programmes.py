"""Grant programmes run by a branch's officers: the programme, its form, criteria and reviewers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kumppani.accounts.audit import audit_changes, audit_record, audit_snapshot
from kumppani.accounts.models import User
from kumppani.geography.models import Municipality
from kumppani.grants.models import (
    QUESTION_KINDS,
    ApplicationPeriod,
    Criterion,
    Programme,
    ProgrammeReviewer,
    Question,
)
from kumppani.grants.services.reviews import recusals_apply
from kumppani.welfare.models import Theme

CHOICE_KINDS = ("single", "multiple")


class ProgrammeFields(TypedDict, total=False):
    branch: str
    kind: str
    title_fi: str
    title_sv: str
    title_en: str
    eligibility_fi: str
    eligibility_sv: str
    eligibility_en: str
    attachments_fi: str
    attachments_sv: str
    attachments_en: str
    budget_eur: Decimal
    period: ApplicationPeriod | None
    opens_at: dt.datetime | None
    closes_at: dt.datetime | None
    use_report_due_days: int
    published: bool


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


class CriterionFields(TypedDict, total=False):
    kind: str
    name_fi: str
    name_sv: str
    name_en: str
    description_fi: str
    description_sv: str
    description_en: str
    weight: Decimal
    max_points: int
    welfare_theme: Theme | None


def _check(fields: Mapping[str, object], allowed: type[Mapping[str, object]]) -> None:
    unknown = set(fields) - allowed.__optional_keys__ - allowed.__required_keys__  # type: ignore[attr-defined]
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")


def _times_from_period(programme: Programme) -> None:
    """A programme attached to a common period opens and closes with it."""
    if programme.period is not None:
        programme.opens_at = programme.period.opens_at
        programme.closes_at = programme.period.closes_at
    errors: dict[str, str] = {}
    if programme.opens_at is None:
        errors["opens_at"] = _("Give the opening time or choose a common period.")
    if programme.closes_at is None:
        errors["closes_at"] = _("Give the closing time or choose a common period.")
    if errors:
        raise ValidationError(errors)


# --- programmes ------------------------------------------------------------------------------

AUDITED = ("branch", "kind", "title_fi", "budget_eur", "period_id", "opens_at", "closes_at")


@transaction.atomic
def programme_create(
    *, municipality: Municipality, actor: User | None, **fields: Unpack[ProgrammeFields]
) -> Programme:
    _check(fields, ProgrammeFields)
    programme = Programme(
        municipality=municipality,
        created_by=actor if actor is not None and actor.pk else None,
        **fields,
    )
    _times_from_period(programme)
    programme.full_clean()
    programme.save()
    audit_record(
        actor=actor, action="grants.programme.create", target=programme, summary=str(programme)
    )
    return programme


@transaction.atomic
def programme_update(
    *, programme: Programme, actor: User | None, **fields: Unpack[ProgrammeFields]
) -> Programme:
    _check(fields, ProgrammeFields)
    before = audit_snapshot(programme, AUDITED)
    for name, value in fields.items():
        setattr(programme, name, value)
    _times_from_period(programme)
    programme.full_clean()
    programme.save()
    audit_record(
        actor=actor,
        action="grants.programme.update",
        target=programme,
        changes=audit_changes(before, programme),
    )
    return programme


# --- questions of the application form --------------------------------------------------------


def _clean_choices(kind: str, choices: Sequence[Mapping[str, Any]] | None) -> list[dict[str, str]]:
    if kind not in CHOICE_KINDS:
        return []
    cleaned = [
        {code: str(choice.get(code) or "").strip() for code in ("fi", "sv", "en")}
        for choice in choices or []
    ]
    if any(not choice["fi"] for choice in cleaned):
        raise ValidationError({"choices": _("Every option needs a text in Finnish.")})
    if len(cleaned) < 2:
        raise ValidationError({"choices": _("A choice question needs at least two options.")})
    return cleaned


def _validate_question(question: Question) -> None:
    if question.kind not in QUESTION_KINDS:
        raise ValidationError({"kind": _("Choose one of the question types.")})
    if question.kind == "scale" and question.scale_max <= question.scale_min:
        raise ValidationError({"scale_max": _("The top of the scale must be above its bottom.")})
    question.full_clean()


@transaction.atomic
def question_create(
    *,
    programme: Programme,
    actor: User | None,
    choices: Sequence[Mapping[str, Any]] | None = None,
    **fields: Unpack[QuestionFields],
) -> Question:
    _check(fields, QuestionFields)
    last = programme.questions.aggregate(m=Max("order"))["m"]
    question = Question(programme=programme, order=0 if last is None else last + 1, **fields)
    question.choices = _clean_choices(question.kind, choices)
    _validate_question(question)
    question.save()
    audit_record(actor=actor, action="grants.question.create", target=question)
    return question


@transaction.atomic
def question_update(
    *,
    question: Question,
    actor: User | None,
    choices: Sequence[Mapping[str, Any]] | None = None,
    **fields: Unpack[QuestionFields],
) -> Question:
    _check(fields, QuestionFields)
    if "kind" in fields and fields["kind"] != question.kind and question.answers.exists():
        raise ValidationError({"kind": _("The type cannot change once there are answers.")})
    for name, value in fields.items():
        setattr(question, name, value)
    question.choices = _clean_choices(
        question.kind, question.choices if choices is None else choices
    )
    _validate_question(question)
    question.save()
    audit_record(actor=actor, action="grants.question.update", target=question)
    return question


@transaction.atomic
def question_delete(*, question: Question, actor: User | None) -> None:
    if question.answers.exists():
        raise ValidationError(_("This question already has answers and cannot be removed."))
    audit_record(
        actor=actor, action="grants.question.delete", target=question, summary=str(question)
    )
    question.delete()


# --- criteria -----------------------------------------------------------------------------------


def _validate_criterion(criterion: Criterion) -> None:
    theme = criterion.welfare_theme
    if theme is not None and theme.plan.municipality_id != criterion.programme.municipality_id:
        raise ValidationError(
            {"welfare_theme": _("The theme must be in the same municipality's welfare plan.")}
        )
    criterion.full_clean()


@transaction.atomic
def criterion_create(
    *, programme: Programme, actor: User | None, **fields: Unpack[CriterionFields]
) -> Criterion:
    """A weighted criterion, or a bonus tied to a theme of the municipality's welfare plan."""
    _check(fields, CriterionFields)
    last = programme.criteria.aggregate(m=Max("order"))["m"]
    criterion = Criterion(programme=programme, order=0 if last is None else last + 1, **fields)
    _validate_criterion(criterion)
    criterion.save()
    audit_record(actor=actor, action="grants.criterion.create", target=criterion)
    return criterion


@transaction.atomic
def criterion_update(
    *, criterion: Criterion, actor: User | None, **fields: Unpack[CriterionFields]
) -> Criterion:
    _check(fields, CriterionFields)
    scoring = ("kind", "weight", "max_points", "welfare_theme_id")
    before = [getattr(criterion, name) for name in scoring]
    for name, value in fields.items():
        setattr(criterion, name, value)
    after = [getattr(criterion, name) for name in scoring]
    if before != after and criterion.scores.exists():
        raise ValidationError(
            _(
                "Reviewers have already scored this criterion: its kind, weight, points and "
                "theme can no longer change."
            )
        )
    _validate_criterion(criterion)
    criterion.save()
    audit_record(actor=actor, action="grants.criterion.update", target=criterion)
    return criterion


@transaction.atomic
def criterion_delete(*, criterion: Criterion, actor: User | None) -> None:
    if criterion.scores.exists():
        raise ValidationError(_("Reviewers have already scored this criterion; it stays."))
    audit_record(
        actor=actor, action="grants.criterion.delete", target=criterion, summary=str(criterion)
    )
    criterion.delete()


# --- reviewers -------------------------------------------------------------------------------


@transaction.atomic
def programme_reviewer_add(
    *, programme: Programme, email: str, actor: User | None
) -> ProgrammeReviewer:
    """Name a reviewer by the email address of an existing account."""
    address = email.strip()
    user = User.objects.filter(email__iexact=address, is_active=True).first() if address else None
    if user is None:
        raise ValidationError(
            {
                "email": _(
                    "No account uses the address %(email)s. Ask the person to sign up first, "
                    "then add them again."
                )
                % {"email": address}
            }
        )
    if ProgrammeReviewer.objects.filter(programme=programme, user=user).exists():
        raise ValidationError({"email": _("This person is already a reviewer of the programme.")})
    reviewer = ProgrammeReviewer(programme=programme, user=user)
    reviewer.full_clean()
    reviewer.save()
    audit_record(actor=actor, action="grants.reviewer.add", target=programme, summary=user.email)
    # The new reviewer's conflicts with applications already submitted are recorded at once.
    transaction.on_commit(lambda: recusals_apply(programme=programme))
    return reviewer


@transaction.atomic
def programme_reviewer_remove(*, reviewer: ProgrammeReviewer, actor: User | None) -> None:
    audit_record(
        actor=actor,
        action="grants.reviewer.remove",
        target=reviewer.programme,
        summary=reviewer.user.email,
    )
    reviewer.delete()


# --- a whole programme at once (the API) ------------------------------------------------------


def _prefixed(error: ValidationError, prefix: str) -> ValidationError:
    if hasattr(error, "error_dict"):
        return ValidationError(
            {f"{prefix}.{name}": messages for name, messages in error.message_dict.items()}
        )
    return ValidationError({prefix: error.messages})


@transaction.atomic
def programme_create_with_parts(
    *,
    municipality: Municipality,
    actor: User | None,
    fields: ProgrammeFields,
    criteria: Sequence[CriterionFields] = (),
    questions: Sequence[tuple[QuestionFields, Sequence[Mapping[str, Any]]]] = (),
) -> Programme:
    """A programme with its criteria and questions, all or nothing.

    An error of the n-th criterion is reported on ``criteria.<n>.<field>`` (questions alike).
    """
    programme = programme_create(municipality=municipality, actor=actor, **fields)
    for index, criterion_fields in enumerate(criteria):
        try:
            criterion_create(programme=programme, actor=actor, **criterion_fields)
        except ValidationError as error:
            raise _prefixed(error, f"criteria.{index}") from error
    for index, (question_fields, choices) in enumerate(questions):
        try:
            question_create(programme=programme, actor=actor, choices=choices, **question_fields)
        except ValidationError as error:
            raise _prefixed(error, f"questions.{index}") from error
    return programme
