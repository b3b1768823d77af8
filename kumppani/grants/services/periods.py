"""Common application periods of a municipality, set by its liaison.

A programme attached to a period takes the period's opening and closing times; moving a period
moves every attached programme in the same transaction.

Moving a period is fair to applicants: a closing time that has passed cannot be moved (the call
is over and its applications are judged as they came in), a closing time cannot be moved into
the past, and once an attached programme has a submitted application the period can be extended
but not shortened (nor opened later), so no one who applied in time is left out of time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kumppani.accounts.audit import audit_changes, audit_record, audit_snapshot
from kumppani.accounts.models import User
from kumppani.geography.models import Municipality
from kumppani.grants.models import Application, ApplicationPeriod, Programme


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


def _when(moment: dt.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _moved(old: dt.datetime, new: dt.datetime) -> bool:
    """Whether a time really moved: a form shows times to the minute, so re-saving the same
    period does not count as a move."""
    return old.replace(second=0, microsecond=0) != new.replace(second=0, microsecond=0)


def _check_move(
    *, period: ApplicationPeriod, opens_at: dt.datetime, closes_at: dt.datetime, now: dt.datetime
) -> None:
    """The fairness rules of moving a period (see the module's docstring)."""
    closes_moved = _moved(period.closes_at, closes_at)
    opens_moved = _moved(period.opens_at, opens_at)
    if not closes_moved and not opens_moved:
        return
    if period.closes_at <= now:
        raise ValidationError(
            {
                "closes_at": _(
                    "The period closed on %(closed)s. A closing time that has passed cannot "
                    "be moved; open a new period instead."
                )
                % {"closed": _when(period.closes_at)}
            }
        )
    errors: dict[str, str] = {}
    if closes_moved and closes_at <= now:
        errors["closes_at"] = _("The new closing time must be in the future.")
    submitted = Application.objects.filter(
        programme__period=period, submitted_at__isnull=False
    ).exists()
    if submitted and closes_moved and closes_at < period.closes_at:
        errors.setdefault(
            "closes_at",
            _(
                "Applications have already been submitted in this period, so it can be extended "
                "but not shortened: the closing time can be %(closes)s or later."
            )
            % {"closes": _when(period.closes_at)},
        )
    if submitted and opens_moved and opens_at > period.opens_at:
        errors["opens_at"] = _(
            "Applications have already been submitted in this period, so it cannot open later "
            "than %(opens)s."
        ) % {"opens": _when(period.opens_at)}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def period_update(
    *,
    period: ApplicationPeriod,
    actor: User | None,
    now: dt.datetime | None = None,
    **fields: Unpack[PeriodFields],
) -> ApplicationPeriod:
    """Change a period; when its times change, every attached programme moves with it.

    A period that has closed keeps its times; one with submitted applications can be extended
    but not shortened."""
    _check(fields)
    period = ApplicationPeriod.objects.select_for_update().get(pk=period.pk)
    _check_move(
        period=period,
        opens_at=fields.get("opens_at", period.opens_at),
        closes_at=fields.get("closes_at", period.closes_at),
        now=now or timezone.now(),
    )
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
