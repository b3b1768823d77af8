"""What the associations app keeps about a person: the associations they represent, the
invitations to represent one and their requests to represent one. Erasure flags associations
left without a representative."""

from __future__ import annotations

from typing import Any

from kumppani.accounts.models import Role, RoleAssignment, User
from kumppani.associations.models import RepresentationRequest, RepresentativeInvitation


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
    associations_flag_orphaned(association_ids=association_ids)
