"""Codes and ids named in a request body or query: the object, or a field error (422)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from kumppani.geography.models import Municipality

M = TypeVar("M", bound=Model)
T = TypeVar("T")


def municipality_by_code(code: str, *, field: str = "municipality") -> Municipality:
    """The municipality named by ``code`` in the request, or a field error on ``field``."""
    found = Municipality.objects.select_related("region").filter(code=code).first()
    if found is None:
        raise ValidationError({field: [_("Unknown municipality code.")]})
    return found


def municipalities_by_code(codes: list[str], *, field: str) -> list[Municipality]:
    """Every municipality named in ``codes`` (each once), or a field error on ``field``."""
    wanted = set(codes)
    found = list(Municipality.objects.select_related("region").filter(code__in=wanted))
    if len(found) != len(wanted):
        raise ValidationError({field: [_("Unknown municipality code.")]})
    return found


def one_of(queryset: QuerySet[M], pk: int, *, field: str, message: str) -> M:
    """Row ``pk`` of ``queryset`` (the rows the request may name), or ``message`` on ``field``."""
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: [message]})
    return found


class FieldErrors:
    """Runs several lookups of one request and reports every failed one together."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def attempt(self, lookup: Callable[[], T]) -> T | None:
        try:
            return lookup()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.errors.setdefault(field, []).extend(messages)
            return None

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def raise_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)
