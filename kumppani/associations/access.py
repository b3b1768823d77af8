"""Who may do what with associations; built only from kumppani.accounts.access primitives.

An association is kept by its representatives (and administrators). A request to represent it
is decided by its representatives; while it has none, by the liaisons of its home municipality
(and the region's coordinator).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from kumppani.accounts.access import (
    AnyUser,
    can_edit_association,
    manages_municipality,
    represents,
    require,
)
from kumppani.accounts.models import Role, RoleAssignment
from kumppani.associations.models import Association, RepresentativeInvitation


def can_invite(user: AnyUser, association_id: int) -> bool:
    """Invite representatives and withdraw open invitations."""
    return can_edit_association(user, association_id)


def can_decide_requests(user: AnyUser, association: Association) -> bool:
    """Approve or decline requests to represent the association."""
    if can_edit_association(user, association.pk):
        return True
    if not user.is_authenticated:
        return False
    municipality = association.home_municipality
    if not manages_municipality(user, municipality.pk, municipality.region_id):
        return False
    return not RoleAssignment.objects.filter(
        association=association, role=Role.REPRESENTATIVE
    ).exists()


def can_request_representation(user: AnyUser, association: Association) -> bool:
    return bool(user.is_authenticated) and not represents(user, association.pk)


def access_invitation_to_withdraw(
    request: HttpRequest, *, association_id: int, invitation_id: int
) -> RepresentativeInvitation:
    """The association's invitation, if the person may withdraw it; raises otherwise."""
    require(can_invite(request.user, association_id), request)
    return get_object_or_404(
        RepresentativeInvitation.objects.select_related("association"),
        pk=invitation_id,
        association_id=association_id,
    )


def access_requests(request: HttpRequest, *, association_id: int) -> Association:
    """The association whose representation requests the person may decide; raises otherwise."""
    association = get_object_or_404(
        Association.objects.select_related("home_municipality"), pk=association_id
    )
    require(can_decide_requests(request.user, association), request)
    return association
