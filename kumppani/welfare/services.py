"""Writes for the welfare plan."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from kumppani.welfare.models import Goal, Measure

if TYPE_CHECKING:
    from kumppani.accounts.models import User
    from kumppani.associations.models import Association

MEASURE_FIELDS = (
    "title_fi",
    "title_sv",
    "title_en",
    "responsible_unit",
    "responsible_association",
    "resources",
    "schedule",
    "status",
    "progress",
    "weight",
)


@transaction.atomic
def measure_create(
    *,
    goal: Goal,
    title_fi: str,
    responsible_unit: str = "",
    responsible_association: Association | None = None,
    created_by: User | None = None,
    **extra: Any,
) -> Measure:
    """Create a measure under a goal (also used when a proposal is adopted as a measure)."""
    unknown = set(extra) - set(MEASURE_FIELDS)
    if unknown:
        raise TypeError(f"unknown measure fields: {sorted(unknown)}")
    measure = Measure(
        goal=goal,
        title_fi=title_fi,
        responsible_unit=responsible_unit,
        responsible_association=responsible_association,
        **extra,
    )
    measure.full_clean()
    measure.save()
    return measure
