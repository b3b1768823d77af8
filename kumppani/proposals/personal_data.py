"""What the proposals app keeps about a person: their proposals and their scores."""

from __future__ import annotations

from typing import Any

from kumppani.accounts.models import User
from kumppani.proposals.models import Proposal, ProposerType, Score


def export(user: User) -> dict[str, Any]:
    return {
        "proposals": [
            {
                "id": p.pk,
                "municipality": p.municipality.code,
                "text": p.text,
                "proposer_type": p.proposer_type,
                "proposer_name": p.proposer_name,
                "association": p.association_id,
                "source": p.source,
                "created_at": p.created_at.isoformat(),
                "decision": p.decision,
            }
            for p in Proposal.objects.filter(created_by=user).select_related("municipality")
        ],
        "scores": [
            {
                "proposal": s.proposal_id,
                "group": s.group_id,
                "criterion": str(s.criterion),
                "value": s.value,
            }
            for s in Score.objects.filter(scorer=user).select_related("criterion")
        ],
    }


def erase(user: User) -> None:
    """A resident's proposals stay in the pool (the working group may have decided them) but lose
    the person's name; proposals made for an association or team keep that name. Scores go with
    the account."""
    Proposal.objects.filter(created_by=user, proposer_type=ProposerType.RESIDENT).update(
        proposer_name=""
    )
