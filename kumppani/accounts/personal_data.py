"""Personal data export and erasure (GDPR articles 15, 17 and 20).

One registry, like the shared panels: every app that stores personal data registers, in its
``AppConfig.ready()``, an exporter (what it keeps about the person, for ``/people/me/data.json``)
and an eraser (what it removes or pseudonymises before the account is deleted). Erasure then
deletes the account, and foreign keys decide the rest (roles, tokens and registrations cascade;
authored public content keeps its text without the person).

This module registers the accounts app's own part: the account, roles, tokens and the audit
events the person caused. The audit log keeps its events (who did what must stay traceable)
but the person's email in them is replaced by a pseudonym, ``deleted-user-<hash>``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Replace

from kumppani.accounts.audit import audit_record
from kumppani.accounts.models import AuditEvent, User

Exporter = Callable[[User], Any]
Eraser = Callable[[User], None]


@dataclass(frozen=True)
class PersonalData:
    exporter: Exporter
    eraser: Eraser


_registry: dict[str, PersonalData] = {}


def register_personal_data(name: str, *, exporter: Exporter, eraser: Eraser) -> None:
    _registry[name] = PersonalData(exporter=exporter, eraser=eraser)


def registered() -> list[str]:
    return sorted(_registry)


def pseudonym(user: User) -> str:
    """A stable stand-in for an erased person's email: the same person, the same pseudonym."""
    digest = hashlib.sha256(f"{user.pk}:{user.email.lower()}".encode()).hexdigest()[:12]
    return f"deleted-user-{digest}"


def personal_data_export(*, user: User) -> dict[str, Any]:
    return {name: _registry[name].exporter(user) for name in registered()}


@transaction.atomic
def user_erase(*, user: User) -> None:
    """Erase the person: every app's eraser first, then the account itself."""
    for name in registered():
        _registry[name].eraser(user)
    audit_record(actor=None, action="user.erase", summary=f"{pseudonym(user)} erased own account")
    user.delete()


def export_account(user: User) -> dict[str, Any]:
    return {
        "email": user.email,
        "name": user.full_name,
        "joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
    }


def export_roles(user: User) -> list[dict[str, Any]]:
    return [
        {
            "role": r.role,
            "association": r.association_id,
            "municipality": r.municipality.code if r.municipality else None,
            "region": r.region.code if r.region else None,
        }
        for r in user.roles.select_related("municipality", "region")
    ]


def export_api_tokens(user: User) -> list[dict[str, Any]]:
    return [
        {"prefix": t.prefix, "created": t.created_at.isoformat()} for t in user.api_tokens.all()
    ]


def _audit_events(user: User) -> QuerySet[AuditEvent]:
    """Events the person caused, and events about their account."""
    return AuditEvent.objects.filter(
        Q(actor=user)
        | Q(actor_email__iexact=user.email)
        | Q(target_type="accounts.user", target_id=str(user.pk))
    )


def export_audit_events(user: User) -> list[dict[str, Any]]:
    return [
        {
            "time": event.created_at.isoformat(),
            "action": event.action,
            "target_type": event.target_type,
            "target": event.target_id,
            "summary": event.summary,
            "by_me": event.actor_id == user.pk,
        }
        for event in _audit_events(user).order_by("created_at", "id")
    ]


def erase_audit_events(user: User) -> None:
    """Keep the events, pseudonymise the person in them."""
    alias = pseudonym(user)
    events = _audit_events(user)
    events.filter(Q(actor=user) | Q(actor_email__iexact=user.email)).update(
        actor=None, actor_email=alias
    )
    events.update(summary=Replace("summary", Value(user.email), Value(alias)))


def _nothing(user: User) -> None:
    """Roles and tokens go with the account (foreign keys cascade)."""


def register_accounts_data() -> None:
    register_personal_data("account", exporter=export_account, eraser=_nothing)
    register_personal_data("roles", exporter=export_roles, eraser=_nothing)
    register_personal_data("api_tokens", exporter=export_api_tokens, eraser=_nothing)
    register_personal_data("audit_events", exporter=export_audit_events, eraser=erase_audit_events)
