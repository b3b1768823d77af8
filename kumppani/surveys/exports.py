"""CSV and XLSX exports of submitted answers; every text cell is formula-safe."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from kumppani.surveys.models import (
    Answer,
    Question,
    QuestionKind,
    Response,
    ResponseStatus,
    Survey,
)

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _answer_cell(question: Question, answer: Answer | None, choices: dict[int, str]) -> Any:
    if answer is None:
        return ""
    kind = question.kind
    if kind in (QuestionKind.NUMBER, QuestionKind.SCALE):
        if answer.number is None:
            return ""
        return int(answer.number) if answer.number == answer.number.to_integral() else answer.number
    if kind == QuestionKind.YES_NO:
        return "" if answer.yes is None else (_("Yes") if answer.yes else _("No"))
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        return "; ".join(choices.get(s.choice_id, "") for s in answer.selected.all())
    if kind == QuestionKind.PROPOSALS:
        return "\n".join(f"[{p.get_mode_display()}] {p.text}" for p in answer.proposals.all())
    return answer.text


def export_rows(*, survey: Survey) -> Iterator[list[Any]]:
    """Header, then one row per submitted response; no identities when the survey is anonymous.

    ``survey`` comes from ``survey_structure``. Four queries whatever the number of answers.
    """
    questions = [q for s in survey.sections.all() for q in s.questions.all()]
    choices = {c.pk: str(c) for q in questions for c in q.choices.all()}
    header: list[Any] = []
    if not survey.anonymous:
        header.append(_("Respondent"))
    header += [_("Respondent type"), _("Municipality"), _("Sent")]
    header += [str(q) for q in questions]
    yield [safe_cell(h) for h in header]
    responses = (
        Response.objects.filter(survey=survey, status=ResponseStatus.SUBMITTED)
        .select_related("invitation__association", "municipality")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.prefetch_related("selected", "proposals"),
            )
        )
        .order_by("municipality__name_fi", "id")
    )
    for response in responses:
        by_question = {a.question_id: a for a in response.answers.all()}
        row: list[Any] = []
        if not survey.anonymous:
            row.append(response.invitation.display_name)
        row += [
            response.invitation.get_kind_display(),
            str(response.municipality or ""),
            timezone.localtime(response.submitted_at).strftime("%Y-%m-%d %H:%M")
            if response.submitted_at
            else "",
        ]
        row += [_answer_cell(q, by_question.get(q.pk), choices) for q in questions]
        yield [safe_cell(v) for v in row]


def export_csv(*, survey: Survey) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    for row in export_rows(survey=survey):
        writer.writerow([str(v) if isinstance(v, Decimal) else v for v in row])
    return "\ufeff" + out.getvalue()


def export_xlsx(*, survey: Survey) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Answers")[:31])
    for row in export_rows(survey=survey):
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
