"""CSV and XLSX exports of submitted answers; every text cell is formula-safe."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from kumppani.core.spreadsheets import safe_cell
from kumppani.surveys.models import (
    Answer,
    AnswerChoice,
    ProposalItem,
    ProposalMode,
    QuestionKind,
    RespondentKind,
    Response,
    ResponseStatus,
    Survey,
)


def _number(value: Decimal | None) -> Any:
    if value is None:
        return ""
    return int(value) if value == value.to_integral() else value


def export_rows(*, survey: Survey) -> Iterator[list[Any]]:
    """Header, then one row per submitted response; no identities when the survey is anonymous.

    ``survey`` comes from ``survey_structure``. Four queries whatever the number of answers; rows
    are read as plain values, not model objects.
    """
    questions = [q for s in survey.sections.all() for q in s.questions.all()]
    column = {q.pk: i for i, q in enumerate(questions)}
    kinds = {q.pk: q.kind for q in questions}
    choices = {c.pk: str(c) for q in questions for c in q.choices.all()}
    header: list[Any] = []
    if not survey.anonymous:
        header.append(_("Respondent"))
    header += [_("Respondent type"), _("Municipality"), _("Sent")]
    header += [str(q) for q in questions]
    yield [safe_cell(h) for h in header]
    submitted = {"response__survey": survey.pk, "response__status": ResponseStatus.SUBMITTED}
    selected: dict[int, list[str]] = {}
    for answer_id, choice_id in (
        AnswerChoice.objects.filter(**{f"answer__{k}": v for k, v in submitted.items()})
        .values_list("answer_id", "choice_id")
        .order_by("answer_id", "choice__order", "choice_id")
    ):
        selected.setdefault(answer_id, []).append(choices.get(choice_id, ""))
    proposals: dict[int, list[str]] = {}
    own, together = str(ProposalMode.OWN.label), str(ProposalMode.TOGETHER.label)
    for answer_id, mode, text in (
        ProposalItem.objects.filter(**{f"answer__{k}": v for k, v in submitted.items()})
        .values_list("answer_id", "mode", "text")
        .order_by("answer_id", "mode", "position")
    ):
        label = own if mode == ProposalMode.OWN else together
        proposals.setdefault(answer_id, []).append(f"[{label}] {text}")
    cells: dict[int, list[Any]] = {}
    yes, no = _("Yes"), _("No")
    for answer_id, response_id, question_id, text, number, flag in Answer.objects.filter(
        **submitted
    ).values_list("id", "response_id", "question_id", "text", "number", "yes"):
        if question_id not in column:
            continue
        kind = kinds[question_id]
        if kind in (QuestionKind.NUMBER, QuestionKind.SCALE):
            value: Any = _number(number)
        elif kind == QuestionKind.YES_NO:
            value = "" if flag is None else (yes if flag else no)
        elif kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            value = "; ".join(selected.get(answer_id, []))
        elif kind == QuestionKind.PROPOSALS:
            value = "\n".join(proposals.get(answer_id, []))
        else:
            value = text
        cells.setdefault(response_id, [""] * len(questions))[column[question_id]] = value
    kind_labels = dict(RespondentKind.choices)
    responses = (
        Response.objects.filter(survey=survey, status=ResponseStatus.SUBMITTED)
        .select_related("invitation__association", "municipality")
        .order_by("municipality__name_fi", "id")
    )
    for response in responses:
        row: list[Any] = []
        if not survey.anonymous:
            row.append(response.invitation.display_name)
        row += [
            str(kind_labels.get(response.invitation.kind, "")),
            str(response.municipality or ""),
            timezone.localtime(response.submitted_at).strftime("%Y-%m-%d %H:%M")
            if response.submitted_at
            else "",
        ]
        row += cells.get(response.pk, [""] * len(questions))
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
