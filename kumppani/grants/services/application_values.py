"""Values of an application's answers and fields: checked, made canonical and fingerprinted.

The idea is the one of ``kumppani.surveys.values``: the form sends a *fingerprint* of each value it
showed; on save only the values that differ from what was shown are written. Grant questions store
their answer as JSON (text, a number as text, "yes"/"no", a choice's index as text, or a list of
indexes), so these helpers work on that JSON rather than on survey answer rows.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kumppani.core.limits import SHORT_TEXT
from kumppani.grants.models import Question

SHORT_ANSWER = 1000
LONG_ANSWER = SHORT_TEXT

# The application's own fields a representative fills in (beside the programme's questions).
FIELDS = (
    "contact_name",
    "contact_email",
    "contact_phone",
    "iban",
    "purpose",
    "amount_eur",
    "welfare_themes",
)


def question_key(question_id: int) -> str:
    return f"q{question_id}"


def fingerprint_of(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def empty_answer(question: Question) -> Any:
    return [] if question.kind == "multiple" else None


def answer_canonical(question: Question, value: Any) -> str:
    if value in (None, "", []):
        return ""
    if question.kind == "multiple":
        return ",".join(sorted(str(v) for v in value))
    if question.kind == "number":
        try:
            return format(Decimal(str(value)).normalize(), "f")
        except InvalidOperation:
            return str(value).strip()
    return str(value).strip()


def answer_fingerprint(question: Question, value: Any) -> str:
    return fingerprint_of(answer_canonical(question, value))


def answer_is_empty(question: Question, value: Any) -> bool:
    return answer_canonical(question, value) == ""


def answer_clean(question: Question, value: Any) -> Any:
    """The JSON value to store for ``value``; raises ``ValidationError`` keyed ``q<id>``."""
    key = question_key(question.pk)
    kind = question.kind
    if value in (None, "", []):
        return empty_answer(question)
    if kind in ("short_text", "long_text"):
        text = str(value).strip()
        limit = SHORT_ANSWER if kind == "short_text" else LONG_ANSWER
        if len(text) > limit:
            raise ValidationError(
                {
                    key: _("Ensure this value has at most %(limit)s characters (it has %(count)s).")
                    % {"limit": limit, "count": len(text)}
                }
            )
        return text or None
    if kind == "number":
        try:
            number = Decimal(str(value).replace(",", ".").replace(" ", ""))
        except InvalidOperation:
            raise ValidationError({key: _("Enter a number.")}) from None
        if not number.is_finite() or abs(number) >= Decimal("1e12"):
            raise ValidationError({key: _("Enter a number.")})
        return format(number.normalize(), "f")
    if kind == "scale":
        try:
            point = int(str(value))
        except ValueError:
            raise ValidationError({key: _("Choose a value of the scale.")}) from None
        if not question.scale_min <= point <= question.scale_max:
            raise ValidationError({key: _("Choose a value of the scale.")})
        return str(point)
    if kind == "yes_no":
        if str(value) not in ("yes", "no"):
            raise ValidationError({key: _('Answer "yes" or "no".')})
        return str(value)
    count = len(question.choices or [])
    items = [value] if kind == "single" else value
    if not isinstance(items, list | tuple):
        items = [items]
    chosen: set[str] = set()
    for item in items:
        if not str(item).isdigit() or int(str(item)) >= count:
            raise ValidationError({key: _("Choose one of the options.")})
        chosen.add(str(int(str(item))))
    if kind == "single":
        return next(iter(chosen))
    return sorted(chosen, key=int)


def field_canonical(name: str, value: Any) -> str:
    if value in (None, "", []):
        return ""
    if name == "amount_eur":
        try:
            return format(Decimal(str(value)).quantize(Decimal("0.01")), "f")
        except InvalidOperation:
            return str(value).strip()
    if name == "welfare_themes":
        return ",".join(sorted(str(v) for v in value))
    return str(value).strip()


def field_fingerprint(name: str, value: Any) -> str:
    return fingerprint_of(field_canonical(name, value))
