"""Reads for forums: lists, detail, registrations, regularity, the liaison network."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kumppani.accounts.models import Role, RoleAssignment, User
from kumppani.forums.models import (
    ACTIVE_STATUSES,
    DEFAULT_TARGET,
    REGULARITY_TYPES,
    CooperationPlan,
    Forum,
    ForumStatus,
    ForumType,
    Registration,
    RegistrationStatus,
    TeamMember,
)
from kumppani.geography.models import Municipality, Region

Through = Forum.municipalities.through


@dataclass(frozen=True)
class ForumFilter:
    municipality: str = ""  # code
    region: str = ""  # code
    type: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    when: str = ""  # "upcoming" (not yet ended, soonest first), "past" (latest first) or all


def forums_of_municipality(municipality_id: int, region_id: int) -> Q:
    """Forums of a municipality: its own and joint ones, plus region-wide ones of its region."""
    in_it = Through.objects.filter(municipality_id=municipality_id).values("forum_id")
    with_any = Through.objects.values("forum_id")
    return Q(pk__in=in_it) | (Q(region_id=region_id) & ~Q(pk__in=with_any))


def forum_list(*, filters: ForumFilter) -> QuerySet[Forum]:
    qs = Forum.objects.all()
    if filters.municipality:
        m = Municipality.objects.filter(code=filters.municipality).values("pk", "region_id").first()
        if m is None:
            return Forum.objects.none()
        qs = qs.filter(forums_of_municipality(m["pk"], m["region_id"]))
    if filters.region:
        qs = qs.filter(
            Q(region__code=filters.region)
            | Q(
                pk__in=Through.objects.filter(municipality__region__code=filters.region).values(
                    "forum_id"
                )
            )
        )
    if filters.type:
        qs = qs.filter(type=filters.type)
    if filters.date_from:
        qs = qs.filter(end__date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(start__date__lte=filters.date_to)
    order = ("-start", "-id")
    if filters.when == "upcoming":
        qs, order = qs.filter(end__gte=timezone.now()), ("start", "id")
    elif filters.when == "past":
        qs = qs.filter(end__lt=timezone.now())
    return (
        qs.select_related("region")
        .prefetch_related(
            Prefetch(
                "municipalities",
                queryset=Municipality.objects.only(
                    "pk", "code", "name_fi", "name_sv", "name_en", "region_id"
                ),
            )
        )
        .order_by(*order)
    )


def forum_detail(*, pk: int) -> Forum:
    return (
        Forum.objects.select_related("region", "liaison", "co_organiser", "body")
        .prefetch_related(
            "municipalities",
            Prefetch(
                "plans",
                queryset=CooperationPlan.objects.prefetch_related(
                    "steps",
                    Prefetch("team", queryset=TeamMember.objects.select_related("association")),
                ),
            ),
            "attendance__association",
            "walk_ins",
            "materials",
        )
        .get(pk=pk)
    )


@dataclass(frozen=True)
class Places:
    confirmed: int
    waiting: int
    capacity: int | None

    @property
    def free(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.confirmed, 0)


def forum_places(forum: Forum) -> Places:
    row = forum.registrations.aggregate(
        confirmed=Sum("participants", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
    )
    return Places(
        confirmed=int(row["confirmed"] or 0),
        waiting=int(row["waiting"] or 0),
        capacity=forum.capacity,
    )


def forum_registrations(forum: Forum) -> QuerySet[Registration]:
    return forum.registrations.select_related("user", "association").order_by(
        "status", "created_at", "id"
    )


def user_registrations_for(forum: Forum, user: User) -> list[Registration]:
    if not user.is_authenticated:
        return []
    return list(
        forum.registrations.filter(user=user, status__in=ACTIVE_STATUSES).select_related(
            "association"
        )
    )


def my_registrations(user: User, limit: int = 20) -> list[Registration]:
    """Active registrations of the person and of the associations they represent."""
    association_ids = RoleAssignment.objects.filter(user=user, role=Role.REPRESENTATIVE).values(
        "association_id"
    )
    return list(
        Registration.objects.filter(
            Q(user=user) | Q(association_id__in=association_ids),
            status__in=ACTIVE_STATUSES,
            forum__end__gte=timezone.now() - dt.timedelta(days=1),
        )
        .select_related("forum", "association")
        .order_by("forum__start", "id")[:limit]
    )


def my_forums(
    user: User, municipality_ids: frozenset[int], region_ids: frozenset[int], limit: int = 20
) -> list[Forum]:
    """Upcoming forums the person organises or that are in their municipalities/regions."""
    scope = Q(liaison=user) | Q(co_organiser=user)
    if municipality_ids:
        scope |= Q(
            pk__in=Through.objects.filter(municipality_id__in=municipality_ids).values("forum_id")
        )
    if region_ids:
        scope |= Q(region_id__in=region_ids)
    return list(
        Forum.objects.filter(scope, end__gte=timezone.now())
        .exclude(status=ForumStatus.CANCELLED)
        .prefetch_related("municipalities")
        .order_by("start", "id")[:limit]
    )


def upcoming_for_municipality(municipality: Municipality, limit: int = 5) -> list[Forum]:
    return list(
        Forum.objects.filter(
            forums_of_municipality(municipality.pk, municipality.region_id),
            end__gte=timezone.now(),
        )
        .exclude(status=ForumStatus.CANCELLED)
        .order_by("start", "id")[:limit]
    )


# --- regularity --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Regularity:
    municipality: Municipality
    held: int
    target_min: int
    target_max: int

    @property
    def status(self) -> str:
        if self.held < self.target_min:
            return "below"
        if self.held > self.target_max:
            return "above"
        return "on"

    @property
    def status_text(self) -> str:
        return str(
            {
                "below": _("Below target"),
                "on": _("On target"),
                "above": _("Above target"),
            }[self.status]
        )


def _held_filter(prefix: str, now: dt.datetime) -> Q:
    return Q(
        **{
            f"{prefix}start__gte": now - dt.timedelta(days=365),
            f"{prefix}start__lte": now,
            f"{prefix}type__in": list(REGULARITY_TYPES),
        }
    ) & ~Q(**{f"{prefix}status": ForumStatus.CANCELLED})


def _regularity_qs(now: dt.datetime) -> QuerySet[Municipality]:
    return Municipality.objects.select_related("forum_target").annotate(
        held=Count("forums", filter=_held_filter("forums__", now), distinct=True)
    )


def _to_regularity(m: Municipality) -> Regularity:
    target = getattr(m, "forum_target", None)
    low, high = (target.per_year_min, target.per_year_max) if target else DEFAULT_TARGET
    return Regularity(municipality=m, held=m.held, target_min=low, target_max=high)  # type: ignore[attr-defined]


def municipality_regularity(municipality: Municipality) -> Regularity:
    m = _regularity_qs(timezone.now()).get(pk=municipality.pk)
    return _to_regularity(m)


def region_regularity(region: Region) -> list[Regularity]:
    """One query: every municipality of the region with its forums held in the last 12 months."""
    return [
        _to_regularity(m)
        for m in _regularity_qs(timezone.now()).filter(region=region).order_by("name_fi")
    ]


# --- the liaison network ----------------------------------------------------------------------


@dataclass(frozen=True)
class NetworkMember:
    name: str
    email: str
    municipality: Municipality


def network_members(region: Region) -> list[NetworkMember]:
    """The liaisons of the region's municipalities (the cooperation app's public contacts, plus
    people holding the liaison role who have no contact entry yet)."""
    from kumppani.cooperation.models import Liaison

    members: list[NetworkMember] = []
    seen_users: set[int] = set()
    for liaison in (
        Liaison.objects.filter(municipality__region=region)
        .select_related("municipality")
        .order_by("municipality__name_fi", "name")
    ):
        members.append(NetworkMember(liaison.name, liaison.email, liaison.municipality))
        if liaison.user_id:
            seen_users.add(liaison.user_id)
    for role in (
        RoleAssignment.objects.filter(role=Role.LIAISON, municipality__region=region)
        .exclude(user_id__in=seen_users)
        .select_related("user", "municipality")
        .order_by("municipality__name_fi")
    ):
        members.append(NetworkMember(str(role.user), role.user.email, role.municipality))  # type: ignore[arg-type]
    members.sort(key=lambda m: (m.municipality.name_fi, m.name))
    return members


def network_meetings(region: Region) -> QuerySet[Forum]:
    return Forum.objects.filter(region=region, type=ForumType.LIAISON_NETWORK).order_by("-start")


def region_tours(region: Region) -> QuerySet[Forum]:
    return (
        Forum.objects.filter(region=region, type=ForumType.MUNICIPAL_TOUR)
        .prefetch_related("municipalities")
        .order_by("-start")
    )


def body_meetings(body_id: int) -> QuerySet[Forum]:
    return (
        Forum.objects.filter(body_id=body_id)
        .exclude(status=ForumStatus.CANCELLED)
        .order_by("-start")
    )


def municipality_plans(municipality: Municipality) -> QuerySet[CooperationPlan]:
    """Cooperation plans from the municipality's forums (own, joint, region-wide), newest first."""
    return (
        CooperationPlan.objects.filter(
            forum__in=Forum.objects.filter(
                forums_of_municipality(municipality.pk, municipality.region_id)
            )
        )
        .select_related("forum")
        .order_by("-created_at", "-pk")
    )
