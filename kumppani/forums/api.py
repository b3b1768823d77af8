"""Forums in the JSON API: list, detail, iCalendar, and creation with a token."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from kumppani.api.auth import token_auth
from kumppani.api.links import absolute_url
from kumppani.api.lookups import FieldErrors, municipalities_by_code
from kumppani.api.pagination import Page, paginate
from kumppani.api.schemas import Created
from kumppani.core.limits import SHORT_TEXT
from kumppani.forums import access
from kumppani.forums.calendar import forum_calendar
from kumppani.forums.models import Forum, ForumType
from kumppani.forums.selectors import ForumFilter, forum_list
from kumppani.forums.services.forums import forum_create
from kumppani.geography.models import Region

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

    @staticmethod
    def resolve_municipalities(forum: Forum) -> list[str]:
        return [m.code for m in forum.municipalities.all()]

    @staticmethod
    def resolve_region(forum: Forum) -> str | None:
        return forum.region.code if forum.region else None

    @staticmethod
    def resolve_url(forum: Forum, context: dict[str, Any]) -> str:
        return absolute_url(context, forum.get_absolute_url())

    @staticmethod
    def resolve_ics(forum: Forum, context: dict[str, Any]) -> str:
        return absolute_url(context, f"/api/v1/forums/{forum.pk}.ics")


class ForumDetailOut(ForumOut):
    description_fi: str
    description_sv: str
    themes: str
    outcomes: str


class ForumIn(Schema):
    type: ForumTypeName
    title_fi: str = Field(min_length=1, max_length=200)
    title_sv: str = Field(default="", max_length=200)
    description_fi: str = Field(default="", json_schema_extra={"maxLength": SHORT_TEXT})
    description_sv: str = Field(default="", json_schema_extra={"maxLength": SHORT_TEXT})
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
    themes: str = Field(default="", json_schema_extra={"maxLength": SHORT_TEXT})


class ForumQuery(Schema):
    municipality: str = Field(default="", max_length=3, description="municipality code")
    type: ForumTypeName | None = Field(default=None, description="forum type")
    region: str = Field(default="", max_length=2, description="region code")
    date_from: dt.date | None = Field(default=None, alias="from")
    date_to: dt.date | None = Field(default=None, alias="to")
    page: int = Field(default=1, ge=1, le=100_000)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """In UTC: an offset such as +21:54 is valid ISO 8601 but out of PostgreSQL's range."""
    if value is None:
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value, timezone.get_default_timezone())
    return value.astimezone(dt.UTC)


@router.get("/forums", response=Page[ForumOut], summary="List forums (newest first)")
def forums(request: HttpRequest, filters: Query[ForumQuery]) -> dict[str, Any]:
    qs = forum_list(
        filters=ForumFilter(
            municipality=filters.municipality,
            region=filters.region,
            type=filters.type or "",
            date_from=filters.date_from,
            date_to=filters.date_to,
        )
    )
    return paginate(request, qs, filters.page)


def _forum(pk: int) -> Forum:
    return get_object_or_404(
        Forum.objects.select_related("region").prefetch_related("municipalities"), pk=pk
    )


@router.get("/forums/{int:pk}", response=ForumDetailOut, summary="One forum")
def forum(request: HttpRequest, pk: int) -> Forum:
    return _forum(pk)


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
    errors = FieldErrors()
    municipalities = errors.attempt(
        lambda: municipalities_by_code(
            codes, field="municipalities" if data["municipalities"] else "municipality"
        )
    )
    region = None
    if data["region"]:
        region = Region.objects.filter(code=data["region"]).first()
        if region is None:
            errors.add("region", _("Unknown region code."))
    errors.raise_any()
    assert municipalities is not None
    allowed = all(access.can_organise_in(request.user, m) for m in municipalities) and (
        region is None or access.can_organise_in_region(request.user, region)
    )
    if not allowed:
        raise PermissionDenied
    created = forum_create(
        actor=request.auth,  # type: ignore[attr-defined]
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
