"""Answer values: stored answers, form input and fingerprints, turned into each other.

A value's *fingerprint* is sent with the form that shows it. On save only the questions whose
submitted value differs from the fingerprint are written, so two representatives who save the same
response at the same time, each having changed different questions, both keep their answers.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from typing import Any

from kumppani.surveys.models import Answer, Question, QuestionKind

Value = Any  # str | Decimal | None | list[str] | dict[str, list[str]]


def empty_value(question: Question) -> Value:
    kind = question.kind
    if kind in (QuestionKind.NUMBER, QuestionKind.SCALE):
        return None
    if kind == QuestionKind.MULTIPLE:
        return []
    if kind == QuestionKind.PROPOSALS:
        return {"own": [], "together": []}
    return ""


def stored_value(question: Question, answer: Answer | None) -> Value:
    """The value of a stored answer (``selected`` and ``proposals`` prefetched)."""
    if answer is None:
        return empty_value(question)
    kind = question.kind
    if kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
        return answer.text
    if kind in (QuestionKind.NUMBER, QuestionKind.SCALE):
        return answer.number
    if kind == QuestionKind.YES_NO:
        return "" if answer.yes is None else ("yes" if answer.yes else "no")
    if kind == QuestionKind.SINGLE:
        ids = [str(s.choice_id) for s in answer.selected.all()]
        return ids[0] if ids else ""
    if kind == QuestionKind.MULTIPLE:
        return sorted(str(s.choice_id) for s in answer.selected.all())
    items = sorted(answer.proposals.all(), key=lambda p: (p.mode, p.position))
    return {
        "own": [p.text for p in items if p.mode == "own"],
        "together": [p.text for p in items if p.mode == "together"],
    }


def canonical(question: Question, value: Value) -> str:
    kind = question.kind
    if kind in (QuestionKind.NUMBER, QuestionKind.SCALE):
        if value in (None, ""):
            return ""
        return format(Decimal(value).normalize(), "f")
    if kind == QuestionKind.MULTIPLE:
        return ",".join(sorted(str(v) for v in value or []))
    if kind == QuestionKind.PROPOSALS:
        value = value or {}
        return json.dumps(
            {
                "own": [t.strip() for t in value.get("own", []) if t.strip()],
                "together": [t.strip() for t in value.get("together", []) if t.strip()],
            },
            ensure_ascii=False,
            sort_keys=True,
        )
    return str(value or "").strip()


def fingerprint(question: Question, value: Value) -> str:
    return hashlib.sha256(canonical(question, value).encode()).hexdigest()[:20]


def is_empty(question: Question, value: Value) -> bool:
    return canonical(question, value) == canonical(question, empty_value(question))
