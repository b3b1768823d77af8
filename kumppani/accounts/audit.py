"""The audit log: one call from any service that changes something worth tracing."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db import models

from kumppani.accounts.models import AuditEvent, User


def audit_record(
    *,
    actor: User | AnonymousUser | None,
    action: str,
    target: models.Model | None = None,
    summary: str = "",
) -> AuditEvent:
    user = actor if isinstance(actor, User) else None
    return AuditEvent.objects.create(
        actor=user,
        actor_email=user.email if user else "",
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        summary=summary[:300],
    )
