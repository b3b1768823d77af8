"""Common application periods of a municipality, set by its liaison.

A programme attached to a period takes the period's opening and closing times; moving a period
moves every attached programme in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TypedDict, Unpack

from django.db import transaction

from kumppani.accounts.audit import audit_changes, audit_record, audit_snapshot
from kumppani.accounts.models import User
from kumppani.geography.models import Municipality
from kumppani.grants.models import ApplicationPeriod, Programme


class PeriodFields(TypedDict, total=False):
    name_fi: str
    name_sv: str
    name_en: str
    opens_at: dt.datetime
    closes_at: dt.datetime


PERIOD_FIELDS = tuple(PeriodFields.__optional_keys__)


def _check(fields: Mapping[str, object]) -> None:
    unknown = set(fields) - set(PERIOD_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")


@transaction.atomic
def period_create(
    *, municipality: Municipality, actor: User | None, **fields: Unpack[PeriodFields]
) -> ApplicationPeriod:
    _check(fields)
    period = ApplicationPeriod(
        municipality=municipality,
        created_by=actor if actor is not None and actor.pk else None,
        **fields,
    )
    period.full_clean()
    period.save()
    audit_record(actor=actor, action="grants.period.create", target=period, summary=str(period))
    return period


@transaction.atomic
def period_update(
    *, period: ApplicationPeriod, actor: User | None, **fields: Unpack[PeriodFields]
) -> ApplicationPeriod:
    """Change a period; when its times change, every attached programme moves with it."""
    _check(fields)
    period = ApplicationPeriod.objects.select_for_update().get(pk=period.pk)
    before = audit_snapshot(period, PERIOD_FIELDS)
    for name, value in fields.items():
        setattr(period, name, value)
    period.full_clean()
    period.save()
    changes = audit_changes(before, period)
    moved = 0
    if "opens_at" in changes or "closes_at" in changes:
        moved = Programme.objects.filter(period=period).update(
            opens_at=period.opens_at, closes_at=period.closes_at
        )
    audit_record(
        actor=actor,
        action="grants.period.update",
        target=period,
        summary=f"{period}; programmes moved: {moved}",
        changes=changes,
    )
    return period


@transaction.atomic
def period_delete(*, period: ApplicationPeriod, actor: User | None) -> int:
    """Remove a period; its programmes are detached and keep their current times.

    Returns how many programmes were detached.
    """
    detached = Programme.objects.filter(period=period).update(period=None)
    audit_record(
        actor=actor,
        action="grants.period.delete",
        target=period,
        summary=f"{period}; programmes detached: {detached}",
    )
    period.delete()
    return detached
