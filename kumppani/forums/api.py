"""Forums in the JSON API: list, detail, iCalendar, and creation with a token."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from kumppani.api.auth import token_auth
from kumppani.api.pagination import paginate
from kumppani.forums import access
from kumppani.forums.calendar import forum_calendar
from kumppani.forums.models import Forum, ForumType
from kumppani.forums.selectors import ForumFilter, forum_list
from kumppani.forums.services.forums import forum_create
from kumppani.geography.models import Municipality, Region

router = Router(tags=["forums"])

ForumTypeName = Literal[
    "wellbeing_meetup",
    "association_evening",
    "vitality_workshop",
    "partnership_table",
    "council_meeting",
    "liaison_network",
    "municipal_tour",
    "other",
]
assert set(ForumTypeName.__args__) == set(ForumType.values)  # type: ignore[attr-defined]


class ForumOut(Schema):
    id: int
    type: str
    title_fi: str
    title_sv: str
    start: dt.datetime
    end: dt.datetime
    place: str
    municipalities: list[str]
    region: str | None
    status: str
    registration_closes_at: dt.datetime | None
    capacity: int | None
    url: str
    ics: str


class ForumDetailOut(ForumOut):
    description_fi: str
    description_sv: str
    themes: str
    outcomes: str


class ForumList(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[ForumOut]


class ForumIn(Schema):
    type: ForumTypeName
    title_fi: str = Field(min_length=1, max_length=200)
    title_sv: str = Field(default="", max_length=200)
    description_fi: str = Field(default="", max_length=20_000)
    description_sv: str = Field(default="", max_length=20_000)
    start: dt.datetime
    end: dt.datetime
    place: str = Field(min_length=1, max_length=200)
    registration_closes_at: dt.datetime | None = None
    capacity: int | None = Field(default=None, ge=1, le=100_000)
    municipality: str | None = Field(
        default=None, max_length=3, description="one municipality code"
    )
    municipalities: list[str] = Field(default_factory=list, max_length=400)
    region: str | None = Field(default=None, max_length=2, description="region code (region-level)")
    themes: str = Field(default="", max_length=20_000)


class Created(Schema):
    id: int
    url: str


def forum_dict(request: HttpRequest, forum: Forum, *, detail: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": forum.pk,
        "type": forum.type,
        "title_fi": forum.title_fi,
        "title_sv": forum.title_sv,
        "start": forum.start,
        "end": forum.end,
        "place": forum.place,
        "municipalities": [m.code for m in forum.municipalities.all()],
        "region": forum.region.code if forum.region else None,
        "status": forum.status,
        "registration_closes_at": forum.registration_closes_at,
        "capacity": forum.capacity,
        "url": request.build_absolute_uri(forum.get_absolute_url()),
        "ics": request.build_absolute_uri(f"/api/v1/forums/{forum.pk}.ics"),
    }
    if detail:
        out.update(
            description_fi=forum.description_fi,
            description_sv=forum.description_sv,
            themes=forum.themes,
            outcomes=forum.outcomes,
        )
    return out


class ForumQuery(Schema):
    municipality: str = Field(default="", max_length=3, description="municipality code")
    type: str = Field(default="", max_length=24)
    region: str = Field(default="", max_length=2, description="region code")
    date_from: dt.date | None = Field(default=None, alias="from")
    date_to: dt.date | None = Field(default=None, alias="to")
    page: int = Field(default=1, ge=1, le=100_000)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value, timezone.get_default_timezone())
    return value


@router.get("/forums", response=ForumList, summary="List forums (newest first)")
def forums(request: HttpRequest, filters: Query[ForumQuery]) -> dict[str, Any]:
    if filters.type and filters.type not in ForumType.values:
        raise ValidationError({"type": [_("Unknown forum type.")]})
    qs = forum_list(
        filters=ForumFilter(
            municipality=filters.municipality,
            region=filters.region,
            type=filters.type,
            date_from=filters.date_from,
            date_to=filters.date_to,
        )
    )
    data = paginate(request, qs, filters.page)
    data["results"] = [forum_dict(request, f) for f in data["results"]]
    return data


def _forum(pk: int) -> Forum:
    return get_object_or_404(
        Forum.objects.select_related("region").prefetch_related("municipalities"), pk=pk
    )


@router.get("/forums/{int:pk}", response=ForumDetailOut, summary="One forum")
def forum(request: HttpRequest, pk: int) -> dict[str, Any]:
    return forum_dict(request, _forum(pk), detail=True)


@router.get(
    "/forums/{int:pk}.ics",
    summary="One forum as iCalendar",
    openapi_extra={
        "responses": {200: {"description": "iCalendar", "content": {"text/calendar": {}}}}
    },
)
def forum_ics(request: HttpRequest, pk: int) -> HttpResponse:
    body = forum_calendar(_forum(pk), site_root=settings.SITE_ROOT)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="forum-{pk}.ics"'
    return response


@router.post(
    "/forums",
    response={201: Created},
    auth=token_auth,
    summary="Create a forum (a liaison of its municipality, the region's coordinator, admin)",
)
def forum_create_api(request: HttpRequest, payload: ForumIn) -> tuple[int, dict[str, Any]]:
    data = payload.dict()
    codes = list(
        dict.fromkeys(
            ([data["municipality"]] if data["municipality"] else []) + data["municipalities"]
        )
    )
    errors: dict[str, list[str]] = {}
    municipalities = list(Municipality.objects.select_related("region").filter(code__in=codes))
    if len(municipalities) != len(codes):
        errors["municipalities" if data["municipalities"] else "municipality"] = [
            _("Unknown municipality code.")
        ]
    region = None
    if data["region"]:
        region = Region.objects.filter(code=data["region"]).first()
        if region is None:
            errors["region"] = [_("Unknown region code.")]
    if not codes and not data["region"]:
        errors["municipality"] = [_("Give a municipality code, or a region code.")]
    if errors:
        raise ValidationError(errors)
    allowed = all(access.can_organise_in(request.user, m) for m in municipalities) and (
        region is None or access.can_organise_in_region(request.user, region)
    )
    if not allowed:
        raise PermissionDenied
    created = forum_create(
        created_by=request.auth,  # type: ignore[attr-defined]
        municipalities=municipalities,
        type=data["type"],
        title_fi=data["title_fi"],
        title_sv=data["title_sv"],
        description_fi=data["description_fi"],
        description_sv=data["description_sv"],
        start=_aware(data["start"]),
        end=_aware(data["end"]),
        place=data["place"],
        registration_closes_at=_aware(data["registration_closes_at"]),
        capacity=data["capacity"],
        region=region,
        themes=data["themes"],
    )
    return 201, {"id": created.pk, "url": request.build_absolute_uri(created.get_absolute_url())}
