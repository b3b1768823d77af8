"""What the associations app keeps about a person: the associations they represent, the
invitations to represent one, their requests to represent one, and the boards they sit on
(board members linked to the account or listed with its email address). Erasure flags
associations left without a representative, and unlinks the person's board memberships: the
association keeps the member's name on its board list (its own record, which its
representatives keep), but no longer the account nor the email address."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from kumppani.accounts.models import Role, RoleAssignment, User
from kumppani.associations.models import (
    BoardMember,
    RepresentationRequest,
    RepresentativeInvitation,
)


def _board_memberships(user: User) -> QuerySet[BoardMember]:
    matches = Q(user=user)
    if user.email:
        matches |= Q(email__iexact=user.email)
    return BoardMember.objects.filter(matches)


def export(user: User) -> dict[str, Any]:
    return {
        "representations": [
            {"association": r.association_id, "name": str(r.association)}
            for r in RoleAssignment.objects.filter(
                user=user, role=Role.REPRESENTATIVE
            ).select_related("association")
        ],
        "representative_invitations": [
            {
                "association": i.association_id,
                "email": i.email,
                "invited_at": i.created_at.isoformat(),
                "accepted_at": i.accepted_at.isoformat() if i.accepted_at else None,
                "withdrawn_at": i.withdrawn_at.isoformat() if i.withdrawn_at else None,
            }
            for i in RepresentativeInvitation.objects.filter(email__iexact=user.email)
        ],
        "representation_requests": [
            {
                "association": r.association_id,
                "message": r.message,
                "status": r.status,
                "sent_at": r.created_at.isoformat(),
                "decided_at": r.decided_at.isoformat() if r.decided_at else None,
            }
            for r in RepresentationRequest.objects.filter(requester=user)
        ],
        "board_memberships": [
            {
                "association": m.association_id,
                "association_name": str(m.association),
                "name": m.name,
                "email": m.email,
                "role": m.role,
                "added_at": m.created_at.isoformat(),
            }
            for m in _board_memberships(user).select_related("association").order_by("id")
        ],
    }


def erase(user: User) -> None:
    """The person's representations end now (not only when the account row goes), so that an
    association left with nobody is flagged to its liaison; invitations to the address go."""
    from kumppani.associations.services import associations_flag_orphaned

    roles = RoleAssignment.objects.filter(user=user, role=Role.REPRESENTATIVE)
    association_ids = [pk for pk in roles.values_list("association_id", flat=True) if pk]
    roles.delete()
    RepresentativeInvitation.objects.filter(email__iexact=user.email).delete()
    RepresentationRequest.objects.filter(requester=user).delete()
    _board_memberships(user).update(user=None, email="")
    associations_flag_orphaned(association_ids=association_ids)
