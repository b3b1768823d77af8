"""Who may do what: the one module every view and API endpoint asks.

Roles are loaded once per user object (one query) and kept on it, so a page that asks many
questions costs one query. App-specific rules live in each app's ``access.py`` and are built only
from the primitives here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from kumppani.accounts.models import Role, RoleAssignment, User

AnyUser = User | AnonymousUser
_CACHE_ATTR = "_kumppani_roles"


@dataclass(frozen=True)
class RoleSet:
    admin: bool = False
    associations: frozenset[int] = frozenset()
    by_municipality: dict[str, frozenset[int]] = field(default_factory=dict)
    regions: frozenset[int] = frozenset()

    def municipalities(self, *roles: str) -> frozenset[int]:
        out: set[int] = set()
        for role in roles:
            out |= self.by_municipality.get(role, frozenset())
        return frozenset(out)

    @property
    def is_empty(self) -> bool:
        return not (self.admin or self.associations or self.by_municipality or self.regions)


EMPTY = RoleSet()


def roles_of(user: AnyUser) -> RoleSet:
    if not user.is_authenticated:
        return EMPTY
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    admin = bool(user.is_superuser)
    associations: set[int] = set()
    municipal: dict[str, set[int]] = {}
    regions: set[int] = set()
    for role, association_id, municipality_id, region_id in RoleAssignment.objects.filter(
        user_id=user.pk
    ).values_list("role", "association_id", "municipality_id", "region_id"):
        if role == Role.ADMIN:
            admin = True
        elif role == Role.REPRESENTATIVE:
            associations.add(association_id)
        elif role == Role.COORDINATOR:
            regions.add(region_id)
        else:
            municipal.setdefault(role, set()).add(municipality_id)
    result = RoleSet(
        admin=admin,
        associations=frozenset(associations),
        by_municipality={k: frozenset(v) for k, v in municipal.items()},
        regions=frozenset(regions),
    )
    setattr(user, _CACHE_ATTR, result)
    return result


def forget_roles(user: AnyUser) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


# --- primitives ---------------------------------------------------------------------------


def is_admin(user: AnyUser) -> bool:
    return roles_of(user).admin


def represents(user: AnyUser, association_id: int) -> bool:
    return association_id in roles_of(user).associations


def has_municipal_role(user: AnyUser, municipality_id: int, *roles: str) -> bool:
    return municipality_id in roles_of(user).municipalities(*roles)


def coordinates_region(user: AnyUser, region_id: int) -> bool:
    return region_id in roles_of(user).regions


def manages_municipality(user: AnyUser, municipality_id: int, region_id: int) -> bool:
    """Admin, a liaison of the municipality, or the coordinator of its region."""
    return (
        is_admin(user)
        or has_municipal_role(user, municipality_id, Role.LIAISON)
        or coordinates_region(user, region_id)
    )


def sees_municipal_summaries(user: AnyUser, municipality_id: int, region_id: int) -> bool:
    """Liaison-level read access: also the paired agent, officers and the wellbeing group."""
    return manages_municipality(user, municipality_id, region_id) or has_municipal_role(
        user, municipality_id, Role.AGENT, Role.OFFICER, Role.WELLBEING_GROUP
    )


# --- associations ---------------------------------------------------------------------------


def can_edit_association(user: AnyUser, association_id: int) -> bool:
    return is_admin(user) or represents(user, association_id)


def can_create_association(user: AnyUser) -> bool:
    return bool(user.is_authenticated)


def can_assign_roles(user: AnyUser) -> bool:
    return is_admin(user)


# --- view helpers ---------------------------------------------------------------------------


def require(allowed: bool, request: HttpRequest) -> None:
    """Raise unless ``allowed``; use as ``require(can_x(request.user, ...), request)``."""
    if not allowed:
        if not request.user.is_authenticated:
            raise LoginRequired
        raise PermissionDenied


def authenticated_user(request: HttpRequest) -> User:
    """The logged-in user of the request; anonymous requests are sent to log in."""
    user = request.user
    if not isinstance(user, User):
        raise LoginRequired
    return user


class LoginRequired(Exception):
    """Raised by ``require`` for anonymous users; turned into a login redirect by middleware."""
