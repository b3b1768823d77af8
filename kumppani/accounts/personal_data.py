"""Personal data export and erasure (GDPR articles 15, 17 and 20).

Apps that keep personal data register an exporter in their ``AppConfig.ready()`` so the export is
complete; erasure deletes the account, and foreign keys decide what goes with it (roles, tokens
and invitations cascade; authored public content keeps its text without the person).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction

from kumppani.accounts.audit import audit_record
from kumppani.accounts.models import User

Exporter = Callable[[User], dict[str, Any]]
_exporters: dict[str, Exporter] = {}


def register_exporter(name: str, exporter: Exporter) -> None:
    _exporters[name] = exporter


def personal_data_export(*, user: User) -> dict[str, Any]:
    data: dict[str, Any] = {
        "account": {
            "email": user.email,
            "name": user.full_name,
            "joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "roles": [
            {
                "role": r.role,
                "association": r.association_id,
                "municipality": r.municipality.code if r.municipality else None,
                "region": r.region.code if r.region else None,
            }
            for r in user.roles.select_related("municipality", "region")
        ],
        "api_tokens": [
            {"prefix": t.prefix, "created": t.created_at.isoformat()} for t in user.api_tokens.all()
        ],
    }
    for name, exporter in sorted(_exporters.items()):
        data[name] = exporter(user)
    return data


@transaction.atomic
def user_erase(*, user: User) -> None:
    audit_record(actor=None, action="user.erase", summary=f"user {user.pk} erased own account")
    user.delete()
