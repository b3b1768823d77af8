"""Sections the forums app adds to shared pages, and its annual-cycle source."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from kumppani.accounts import access as base_access
from kumppani.accounts.models import Role
from kumppani.core.cycle import CycleItem
from kumppani.core.i18n import localized
from kumppani.core.panels import Panel
from kumppani.forums import access
from kumppani.forums.models import ACTIVE_STATUSES, Forum, ForumStatus
from kumppani.forums.selectors import (
    body_meetings,
    forums_of_municipality,
    municipality_regularity,
    my_forums,
    my_registrations,
    region_regularity,
    upcoming_for_municipality,
)
from kumppani.geography.models import Municipality, Region


def municipality_panel(request: HttpRequest, municipality: Municipality) -> Panel:
    sees = access.sees_regularity(request.user, municipality)
    return Panel(
        template="forums/panels/municipality.html",
        context={
            "municipality": municipality,
            "upcoming": upcoming_for_municipality(municipality),
            "regularity": municipality_regularity(municipality) if sees else None,
            "can_set_target": sees and access.can_set_target(request.user, municipality),
        },
        order=40,
    )


def region_panel(request: HttpRequest, region: Region) -> Panel | None:
    if not access.sees_region_regularity(request.user, region):
        return None
    return Panel(
        template="forums/panels/region.html",
        context={"region": region, "rows": region_regularity(region)},
        order=40,
    )


def dashboard_panel(request: HttpRequest, user: Any) -> Panel | None:
    roles = base_access.roles_of(user)
    organiser_municipalities = roles.municipalities(Role.LIAISON, Role.AGENT)
    is_rep = bool(roles.associations)
    is_organiser = bool(organiser_municipalities or roles.regions or roles.admin)
    if not (is_rep or is_organiser):
        return None
    return Panel(
        template="forums/panels/dashboard.html",
        context={
            "registrations": my_registrations(user) if is_rep else None,
            "forums": my_forums(user, organiser_municipalities, roles.regions)
            if is_organiser
            else None,
            # each municipality's cooperation plans (the plans the liaison or agent follows up)
            "plan_municipalities": list(
                Municipality.objects.filter(pk__in=organiser_municipalities).order_by("name_fi")
            )
            if organiser_municipalities
            else [],
        },
        order=30,
    )


def body_panel(request: HttpRequest, body: Any) -> Panel:
    return Panel(
        template="forums/panels/body.html",
        context={"meetings": list(body_meetings(body.pk)[:20])},
        order=40,
    )


def cycle_source(municipality: Municipality, start: dt.date, end: dt.date) -> list[CycleItem]:
    """Forums of the municipality, its joint forums and region-wide forums of its region."""
    tz = timezone.get_current_timezone()
    begin = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    finish = dt.datetime.combine(end, dt.time.max, tzinfo=tz)
    forums = (
        Forum.objects.filter(
            forums_of_municipality(municipality.pk, municipality.region_id),
            start__lte=finish,
            end__gte=begin,
        )
        .exclude(status=ForumStatus.CANCELLED)
        .order_by("start", "id")
    )
    return [
        CycleItem(
            uid=f"forum-{forum.pk}@kumppani",
            kind="forum",
            title=localized(forum, "title"),
            start=forum.start,
            end=forum.end,
            url=forum.get_absolute_url(),
            description=f"{forum.get_type_display()} – {forum.place}",
        )
        for forum in forums
    ]


def association_panel(request: HttpRequest, association: Any) -> Panel:
    """Forums the association registered for or attended, upcoming and past (two queries)."""
    took_part = Forum.objects.filter(
        Q(
            pk__in=association.forum_registrations.filter(status__in=ACTIVE_STATUSES).values(
                "forum_id"
            )
        )
        | Q(pk__in=association.forum_attendance.values("forum_id"))
    ).exclude(status=ForumStatus.CANCELLED)
    now = timezone.now()
    upcoming = list(took_part.filter(end__gte=now).order_by("start", "id")[:10])
    past = list(took_part.filter(end__lt=now).order_by("-start", "-id")[:10])
    return Panel(
        template="forums/panels/association.html",
        context={"association": association, "upcoming": upcoming, "past": past},
        order=40,
    )
