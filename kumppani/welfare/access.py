"""Who may do what with the welfare plan; built only from kumppani.accounts.access primitives."""

from __future__ import annotations

from collections.abc import Iterable

from kumppani.accounts.access import (
    AnyUser,
    has_municipal_role,
    is_admin,
    manages_municipality,
    roles_of,
)
from kumppani.accounts.models import Role
from kumppani.geography.models import Municipality


def can_edit_plan(user: AnyUser, municipality: Municipality) -> bool:
    """The liaison (or regional coordinator, admin) and the municipality's wellbeing group."""
    return manages_municipality(
        user, municipality.pk, municipality.region_id
    ) or has_municipal_role(user, municipality.pk, Role.WELLBEING_GROUP)


def can_moderate_observations(user: AnyUser, municipality: Municipality) -> bool:
    return can_edit_plan(user, municipality)


def observation_associations(user: AnyUser, allowed_ids: Iterable[int]) -> set[int]:
    """The associations, among ``allowed_ids``, the user may submit experiential knowledge for."""
    allowed = set(allowed_ids)
    if is_admin(user):
        return allowed
    return allowed & set(roles_of(user).associations)


def can_submit_observation(user: AnyUser) -> bool:
    """Any representative of an association (the association is checked on the form)."""
    return is_admin(user) or bool(roles_of(user).associations)
