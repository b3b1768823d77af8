"""What the cooperation app keeps about a person: exported, and left to the foreign keys on
erasure."""

from __future__ import annotations

from typing import Any

from kumppani.accounts.models import User
from kumppani.cooperation.models import AgentPairing, GuideVersion, Liaison


def export(user: User) -> dict[str, Any]:
    return {
        "liaison_profiles": [
            {
                "municipality": liaison.municipality.code,
                "name": liaison.name,
                "email": liaison.email,
                "phone": liaison.phone,
                "unit": liaison.unit,
                "hours_per_month": liaison.hours_per_month,
                "role_description_fi": liaison.role_description_fi,
                "is_public": liaison.is_public,
            }
            for liaison in Liaison.objects.filter(user=user).select_related("municipality")
        ],
        "agent_pairings": [
            {
                "liaison": pairing.liaison.name,
                "agent_name": pairing.agent_name,
                "since": pairing.since.isoformat() if pairing.since else None,
            }
            for pairing in AgentPairing.objects.filter(agent=user).select_related("liaison")
        ],
        "guide_versions_published": [
            {
                "municipality": v.guide.municipality.code,
                "version": v.number,
                "published_at": v.published_at.isoformat() if v.published_at else None,
            }
            for v in GuideVersion.objects.filter(published_by=user).select_related(
                "guide__municipality"
            )
        ],
    }


def erase(user: User) -> None:
    """Liaison profiles and agent pairings are the municipality's record of a public role (the
    published contact is the municipality's to change); erasure only unlinks the account, which
    the foreign keys (SET_NULL) do."""
