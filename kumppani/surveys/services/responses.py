"""Answering: drafts saved per question under a row lock, server-enforced close time, submit."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kumppani.accounts.models import User
from kumppani.surveys.models import (
    Answer,
    AnswerChoice,
    Invitation,
    ProposalItem,
    ProposalMode,
    Question,
    QuestionKind,
    Response,
    ResponseStatus,
)
from kumppani.surveys.pool import SurveyProposal, proposal_pool_add
from kumppani.surveys.values import Value, canonical, fingerprint, is_empty, stored_value


class SurveyClosedError(ValidationError):
    """Saving or submitting outside the answering time."""


@dataclass
class SaveResult:
    response: Response
    changed: list[int] = field(default_factory=list)
    fingerprints: dict[int, str] = field(default_factory=dict)


def _closed_error(invitation: Invitation) -> SurveyClosedError:
    survey = invitation.survey
    if timezone.now() < survey.opens_at:
        return SurveyClosedError(
            _("The survey opens on %(date)s. Answers cannot be saved before that.")
            % {"date": formats.date_format(timezone.localtime(survey.opens_at), "DATETIME_FORMAT")}
        )
    return SurveyClosedError(
        _(
            "The survey closed on %(date)s. Your answers were not sent; what you saved earlier "
            "is still shown below."
        )
        % {"date": formats.date_format(timezone.localtime(survey.closes_at), "DATETIME_FORMAT")}
    )


def _locked_response(invitation: Invitation) -> Response:
    """The invitation's response, created if needed, locked for this transaction."""
    response = Response.objects.select_for_update().filter(invitation=invitation).first()
    if response is not None:
        return response
    # First save: lock the invitation so two first saves cannot both create a response.
    Invitation.objects.select_for_update().filter(pk=invitation.pk).exists()
    response, _created = Response.objects.get_or_create(
        invitation=invitation,
        defaults={"survey_id": invitation.survey_id, "municipality_id": invitation.municipality_id},
    )
    return Response.objects.select_for_update().get(pk=response.pk)


def _check_length(question: Question, model: type[Answer] | type[ProposalItem], text: str) -> None:
    """Refuse an over-long free text with the field's own message, keyed by the question's
    form field (``q<id>``), so the answering page shows it next to the question."""
    try:
        model._meta.get_field("text").run_validators(text)
    except ValidationError as error:
        raise ValidationError({f"q{question.pk}": error.messages}) from None


def _write(answer: Answer, question: Question, value: Value) -> None:
    kind = question.kind
    answer.text, answer.number, answer.yes = "", None, None
    if kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
        answer.text = str(value or "").strip()
        _check_length(question, Answer, answer.text)
    elif kind in (QuestionKind.NUMBER, QuestionKind.SCALE):
        answer.number = None if value in (None, "") else Decimal(value)
    elif kind == QuestionKind.YES_NO:
        answer.yes = None if value in (None, "") else value == "yes"
    answer.save()
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        ids = [value] if kind == QuestionKind.SINGLE else list(value or [])
        wanted = {int(v) for v in ids if str(v).strip()}
        valid = set(question.choices.filter(pk__in=wanted).values_list("pk", flat=True))
        answer.selected.exclude(choice_id__in=valid).delete()
        have = set(answer.selected.values_list("choice_id", flat=True))
        AnswerChoice.objects.bulk_create(
            [AnswerChoice(answer=answer, choice_id=c) for c in sorted(valid - have)]
        )
    elif kind == QuestionKind.PROPOSALS:
        answer.proposals.all().delete()
        items = []
        for mode in (ProposalMode.OWN, ProposalMode.TOGETHER):
            texts = [t.strip() for t in (value or {}).get(mode, []) if t.strip()]
            for position, text in enumerate(texts[: question.max_proposals]):
                _check_length(question, ProposalItem, text)
                items.append(ProposalItem(answer=answer, mode=mode, position=position, text=text))
        ProposalItem.objects.bulk_create(items)


@transaction.atomic
def response_save(
    *,
    invitation: Invitation,
    values: dict[int, Value],
    fingerprints: dict[int, str] | None = None,
    user: User | None = None,
    questions: list[Question] | None = None,
) -> SaveResult:
    """Save a draft of some questions (one section page, or one autosave).

    A question whose submitted value equals the fingerprint it was shown with is left alone: the
    person did not touch it, and someone else may have answered it meanwhile. An over-long free
    text refuses the whole save (``ValidationError`` keyed ``q<question id>``): nothing is saved.
    """
    survey = invitation.survey
    response = _locked_response(invitation)
    if response.is_submitted:
        raise ValidationError(_("This answer has already been sent and can no longer be changed."))
    if not survey.is_open():
        raise _closed_error(invitation)
    if questions is None:
        questions = list(Question.objects.filter(section__survey_id=survey.pk, pk__in=list(values)))
    by_id = {q.pk: q for q in questions if q.pk in values}
    existing_qs = Answer.objects.filter(response=response, question_id__in=list(by_id))
    kinds = {q.kind for q in by_id.values()}
    if kinds & {QuestionKind.SINGLE, QuestionKind.MULTIPLE}:
        existing_qs = existing_qs.prefetch_related("selected")
    if QuestionKind.PROPOSALS in kinds:
        existing_qs = existing_qs.prefetch_related("proposals")
    existing = {a.question_id: a for a in existing_qs}
    result = SaveResult(response=response)
    for qid, question in by_id.items():
        value = values[qid]
        answer = existing.get(qid)
        if fingerprints is not None and fingerprints.get(qid) == fingerprint(question, value):
            # Untouched by this person; what they see stays what they saw.
            result.fingerprints[qid] = fingerprints[qid]
            continue
        if answer is not None and canonical(question, stored_value(question, answer)) == canonical(
            question, value
        ):
            result.fingerprints[qid] = fingerprint(question, value)
            continue
        if answer is None:
            answer = Answer(response=response, question=question, updated_by=user)
        else:
            answer.version += 1
            answer.updated_by = user
        _write(answer, question, value)
        result.changed.append(qid)
        result.fingerprints[qid] = fingerprint(question, value)
    if result.changed:
        Response.objects.filter(pk=response.pk).update(updated_at=timezone.now())
    return result


def missing_required(response: Response) -> list[Question]:
    questions = list(
        Question.objects.filter(section__survey_id=response.survey_id, required=True)
        .select_related("section")
        .order_by("section__order", "section_id", "order", "id")
    )
    answers = {
        a.question_id: a
        for a in Answer.objects.filter(response=response).prefetch_related("selected", "proposals")
    }
    return [q for q in questions if is_empty(q, stored_value(q, answers.get(q.pk)))]


@transaction.atomic
def response_submit(*, invitation: Invitation, user: User | None = None) -> Response:
    survey = invitation.survey
    response = _locked_response(invitation)
    if response.is_submitted:
        raise ValidationError(_("This answer has already been sent."))
    if not survey.is_open():
        raise _closed_error(invitation)
    missing = missing_required(response)
    if missing:
        raise ValidationError(
            _("Answer the required questions before sending: %(questions)s")
            % {"questions": "; ".join(str(q) for q in missing)}
        )
    response.status = ResponseStatus.SUBMITTED
    response.submitted_at = timezone.now()
    response.submitted_by = user if user is not None and user.is_authenticated else None
    response.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    items = ProposalItem.objects.filter(
        answer__response=response, pool_proposal_id__isnull=True
    ).select_related("answer__question__section__theme", "answer__question__section")
    municipality = response.municipality or survey.municipality
    for item in items:
        if municipality is None:
            break
        pool_id = proposal_pool_add(
            SurveyProposal(
                municipality=municipality,
                survey=survey,
                text=item.text,
                proposer_type=invitation.kind,
                proposer_name=invitation.display_name,
                together=item.mode == ProposalMode.TOGETHER,
                theme=item.answer.question.section.theme,
                association=invitation.association,
                created_by=response.submitted_by,
            )
        )
        ProposalItem.objects.filter(pk=item.pk).update(pool_proposal_id=pool_id)
    return response
