"""The audit log: one call from any service that changes something worth tracing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db import models

from kumppani.accounts.models import AuditEvent, User

Snapshot = dict[str, object]


def _plain(value: object) -> object:
    """A JSON-friendly form of a field's value (objects by their name)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date | dt.datetime | dt.time | Decimal):
        return str(value)
    return str(value)[:200]


def audit_snapshot(obj: models.Model, fields: Iterable[str]) -> Snapshot:
    """The current values of ``fields``, to compare after an update with ``audit_changes``."""
    return {name: _plain(getattr(obj, name)) for name in fields}


def audit_changes(before: Mapping[str, object], obj: models.Model) -> dict[str, list[object]]:
    """Only the fields that changed: ``{field: [old, new]}``."""
    after = audit_snapshot(obj, before)
    return {name: [before[name], after[name]] for name in before if before[name] != after[name]}


def audit_record(
    *,
    actor: User | AnonymousUser | None,
    action: str,
    target: models.Model | None = None,
    summary: str = "",
    changes: Mapping[str, Sequence[object]] | None = None,
) -> AuditEvent:
    user = actor if isinstance(actor, User) and actor.pk else None
    return AuditEvent.objects.create(
        actor=user,
        actor_email=user.email if user else "",
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        summary=summary[:300],
        changes={name: list(values) for name, values in (changes or {}).items()},
    )
