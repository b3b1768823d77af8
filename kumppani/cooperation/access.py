"""Who may do what with cooperation structures; built only from the access primitives."""

from __future__ import annotations

from kumppani.accounts import access
from kumppani.accounts.access import AnyUser
from kumppani.geography.models import Municipality


def can_manage(user: AnyUser, municipality: Municipality) -> bool:
    """Edit liaisons, agents, bodies, agreements, the guide and the annual cycle."""
    return access.manages_municipality(user, municipality.pk, municipality.region_id)


def sees_summaries(user: AnyUser, municipality: Municipality) -> bool:
    """Liaison-level read access (drafts, reminders); the paired agent too, read-only."""
    return access.sees_municipal_summaries(user, municipality.pk, municipality.region_id)


def can_add_liaison_by_api(user: AnyUser, municipality: Municipality) -> bool:
    """The API write for contacts: admin or the coordinator of the municipality's region."""
    return access.is_admin(user) or access.coordinates_region(user, municipality.region_id)


def can_create_practice(user: AnyUser) -> bool:
    """Coordinators and administrators curate the library of good practices."""
    return access.is_admin(user) or bool(access.roles_of(user).regions)


def can_edit_practice(user: AnyUser, origin: Municipality | None) -> bool:
    if access.is_admin(user):
        return True
    if origin is None:
        return bool(access.roles_of(user).regions)
    return access.coordinates_region(user, origin.region_id)


def can_record_adoption(user: AnyUser, municipality: Municipality) -> bool:
    return can_manage(user, municipality)


def managed_municipality_ids(user: AnyUser) -> frozenset[int]:
    """Municipalities where the user is a liaison (for "record an adoption" choices)."""
    from kumppani.accounts.models import Role

    return access.roles_of(user).municipalities(Role.LIAISON)


def can_edit_guide_template(user: AnyUser) -> bool:
    """The shared starting text: regional coordinators and administrators."""
    return access.is_admin(user) or bool(access.roles_of(user).regions)
