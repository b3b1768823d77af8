from __future__ import annotations

from django.core.cache import cache
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import get_language

from kumppani.accounts import access as base_access
from kumppani.accounts.models import Role, User
from kumppani.forums.models import Forum
from kumppani.geography.models import Municipality, Region


def municipality_choices() -> list[tuple[str, str]]:
    key = f"forum-municipality-choices-{get_language()}"
    choices = cache.get(key)
    if choices is None:
        choices = [(m.code, str(m)) for m in Municipality.objects.order_by("name_fi")]
        cache.set(key, choices, 600)
    return choices


def organisable_municipalities(user: User) -> QuerySet[Municipality]:
    roles = base_access.roles_of(user)
    qs = Municipality.objects.order_by("name_fi")
    if roles.admin:
        return qs
    ids = roles.municipalities(Role.LIAISON, Role.AGENT)
    return qs.filter(pk__in=ids) | qs.filter(region_id__in=roles.regions)


def organisable_regions(user: User) -> QuerySet[Region]:
    roles = base_access.roles_of(user)
    if roles.admin:
        return Region.objects.order_by("name_fi")
    return Region.objects.filter(pk__in=roles.regions).order_by("name_fi")


def bodies_for(municipalities: QuerySet[Municipality]) -> QuerySet:
    from kumppani.cooperation.models import Body

    return Body.objects.filter(municipality__in=municipalities).order_by("name_fi")


def get_forum(pk: int) -> Forum:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Forum.objects.select_related("region").prefetch_related("municipalities"), pk=pk
    )


def current_user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def agents_for(municipalities: QuerySet[Municipality]) -> QuerySet[User]:
    """Association agents of these municipalities (possible co-organisers)."""
    return (
        User.objects.filter(
            roles__role=Role.AGENT, roles__municipality__in=municipalities.values("pk")
        )
        .distinct()
        .order_by("full_name", "email")
    )
