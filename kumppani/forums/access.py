"""Who may do what with forums; built only from kumppani.accounts.access primitives.

A municipal forum is run by a liaison of (one of) its municipalities, the coordinator of the
region, an administrator, or the paired association agent of the municipality (co-organiser: may
edit forums, not municipal documents). A region-level forum is run by the region's coordinator
or an administrator.
"""

from __future__ import annotations

from kumppani.accounts.access import (
    AnyUser,
    coordinates_region,
    has_municipal_role,
    is_admin,
    manages_municipality,
    represents,
    roles_of,
    sees_municipal_summaries,
)
from kumppani.accounts.models import Role
from kumppani.forums.models import Forum
from kumppani.geography.models import Municipality, Region


def can_organise_in(user: AnyUser, municipality: Municipality) -> bool:
    """Create and edit forums of this municipality (agents co-organise)."""
    return manages_municipality(
        user, municipality.pk, municipality.region_id
    ) or has_municipal_role(user, municipality.pk, Role.AGENT)


def is_municipal_organiser(user: AnyUser, municipality: Municipality) -> bool:
    """The municipality's own side (liaison, coordinator, admin), as opposed to the agent."""
    return manages_municipality(user, municipality.pk, municipality.region_id)


def can_organise_in_region(user: AnyUser, region: Region) -> bool:
    return is_admin(user) or coordinates_region(user, region.pk)


def can_create_any_forum(user: AnyUser) -> bool:
    roles = roles_of(user)
    return (
        roles.admin or bool(roles.regions) or bool(roles.municipalities(Role.LIAISON, Role.AGENT))
    )


def can_manage_forum(user: AnyUser, forum: Forum) -> bool:
    """Edit, invite, see registrations, record attendance, minutes and plans."""
    if forum.region_id is not None:
        return is_admin(user) or coordinates_region(user, forum.region_id)
    return any(can_organise_in(user, m) for m in forum.municipalities.all())


def can_register(user: AnyUser, forum: Forum, association_id: int | None) -> bool:
    """Representatives register their association; region-level forums take anyone logged in."""
    if not user.is_authenticated:
        return False
    if association_id is None:
        return forum.region_id is not None
    return represents(user, association_id) or is_admin(user)


def can_register_somehow(user: AnyUser, forum: Forum) -> bool:
    if not user.is_authenticated:
        return False
    return forum.region_id is not None or bool(roles_of(user).associations) or is_admin(user)


def sees_regularity(user: AnyUser, municipality: Municipality) -> bool:
    return sees_municipal_summaries(user, municipality.pk, municipality.region_id)


def sees_region_regularity(user: AnyUser, region: Region) -> bool:
    return is_admin(user) or coordinates_region(user, region.pk)


def can_set_target(user: AnyUser, municipality: Municipality) -> bool:
    """The target is a municipal decision: not the agent."""
    return manages_municipality(user, municipality.pk, municipality.region_id)


def in_network(user: AnyUser, region: Region, municipality_ids: frozenset[int]) -> bool:
    """The region's liaison network: its coordinator, admins and liaisons of its municipalities."""
    return (
        is_admin(user)
        or coordinates_region(user, region.pk)
        or bool(roles_of(user).municipalities(Role.LIAISON) & municipality_ids)
    )


def runs_network(user: AnyUser, region: Region) -> bool:
    return is_admin(user) or coordinates_region(user, region.pk)
