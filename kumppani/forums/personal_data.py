"""What the forums app keeps about a person: their forum registrations."""

from __future__ import annotations

from typing import Any

from kumppani.accounts.models import User
from kumppani.forums.models import Registration


def export(user: User) -> dict[str, Any]:
    return {
        "forum_registrations": [
            {
                "forum": str(r.forum),
                "association": r.association_id,
                "participants": r.participants,
                "dietary_needs": r.dietary_needs,
                "accessibility_needs": r.accessibility_needs,
                "status": r.status,
                "registered_at": r.created_at.isoformat(),
                "cancelled_at": r.cancelled_at.isoformat() if r.cancelled_at else None,
            }
            for r in Registration.objects.filter(user=user).select_related("forum").order_by("id")
        ]
    }


def erase(user: User) -> None:
    """Registrations, with their dietary and accessibility needs, go with the account
    (the foreign key cascades)."""
