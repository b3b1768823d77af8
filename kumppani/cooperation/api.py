"""Cooperation API: contacts, the guide, the annual cycle feed, bodies, agreements, practices."""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Router

from kumppani.api.auth import token_auth
from kumppani.api.lookups import municipality_by_code, one_of
from kumppani.api.pagination import Page, paginate
from kumppani.api.schemas import Created
from kumppani.associations.models import Association
from kumppani.cooperation import access, selectors, services
from kumppani.cooperation.api_schemas import (
    AdoptionIn,
    AgreementIn,
    AgreementOut,
    BodyIn,
    BodyOut,
    GuideOut,
    LiaisonIn,
    LiaisonOut,
    PracticeIn,
    PracticeOut,
)
from kumppani.cooperation.calendar import annual_cycle_ics
from kumppani.cooperation.guide_render import guide_sections
from kumppani.cooperation.models import Body, GoodPractice, Liaison
from kumppani.geography.selectors import municipality_or_404

router = Router(tags=["cooperation"])


def _association(pk: int | None, field: str = "association_id") -> Association | None:
    if pk is None:
        return None
    return one_of(Association.objects.all(), pk, field=field, message=_("Unknown association."))


def _created(request: HttpRequest, pk: int, path: str) -> dict[str, Any]:
    return {"id": pk, "url": request.build_absolute_uri(path)}


# --- liaisons --------------------------------------------------------------------------------


@router.get(
    "/municipalities/{code}/liaisons",
    response=Page[LiaisonOut],
    summary="Public contacts: the municipality's association liaisons and their agents",
)
def liaisons(request: HttpRequest, code: str, page: int = 1) -> dict[str, Any]:
    municipality = municipality_or_404(code)
    data = paginate(request, selectors.liaisons_of(municipality=municipality), page)
    for liaison in data["results"]:
        liaison.municipality = municipality
    return data


@router.post(
    "/municipalities/{code}/liaisons",
    response={201: LiaisonOut},
    auth=token_auth,
    summary="Add a liaison (administrators and the coordinator of the municipality's region)",
)
def liaison_create(request: HttpRequest, code: str, payload: LiaisonIn) -> tuple[int, Liaison]:
    municipality = municipality_or_404(code)
    if not access.can_add_liaison_by_api(request.user, municipality):
        raise PermissionDenied
    liaison = services.liaison_create(
        municipality=municipality, actor=request.user, **payload.dict()
    )
    return 201, liaison


# --- the guide and the annual cycle ----------------------------------------------------------


@router.get(
    "/municipalities/{code}/guide",
    response=GuideOut,
    summary="The latest published cooperation guide (404 when none is published)",
)
def guide(
    request: HttpRequest, code: str, language: Literal["fi", "sv", "en"] | None = None
) -> dict[str, Any]:
    municipality = municipality_or_404(code)
    version = selectors.guide_latest_published(municipality=municipality)
    if version is None:
        raise Http404
    lang = language or (get_language() or "fi")[:2]
    sections = guide_sections(municipality=municipality, version=version, language=lang)
    return {
        "municipality": municipality.code,
        "published_at": version.published_at,
        "version": version.number,
        "sections": [{"key": s.key, "title": s.title, "html": str(s.html)} for s in sections],
    }


@router.get(
    "/municipalities/{code}/annual-cycle.ics",
    summary="The municipality's annual cycle as iCalendar (a year back, a year ahead)",
    openapi_extra={
        "responses": {200: {"description": "iCalendar", "content": {"text/calendar": {}}}}
    },
)
def annual_cycle(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_or_404(code)
    response = HttpResponse(
        annual_cycle_ics(municipality=municipality), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="annual-cycle-{code}.ics"'
    return response


# --- bodies ----------------------------------------------------------------------------------


@router.get("/municipalities/{code}/bodies", response=Page[BodyOut], summary="Bodies and members")
def bodies(request: HttpRequest, code: str, page: int = 1) -> dict[str, Any]:
    municipality = municipality_or_404(code)
    qs = (
        Body.objects.filter(municipality=municipality)
        .select_related("municipality")
        .prefetch_related("members__association")
        .order_by("kind", "name_fi", "id")
    )
    return paginate(request, qs, page)


@router.get("/bodies/{int:pk}", response=BodyOut, summary="One body with its members")
def body(request: HttpRequest, pk: int) -> Body:
    try:
        return selectors.body_detail(pk=pk)
    except Body.DoesNotExist:
        raise Http404 from None


@router.post(
    "/municipalities/{code}/bodies",
    response={201: Created},
    auth=token_auth,
    summary="Add a body with its members (the municipality's liaison, coordinator, admin)",
)
def body_create(request: HttpRequest, code: str, payload: BodyIn) -> tuple[int, Any]:
    municipality = municipality_or_404(code)
    if not access.can_manage(request.user, municipality):
        raise PermissionDenied
    data = payload.dict()
    members = data.pop("members")
    with transaction.atomic():
        created = services.body_create(municipality=municipality, **data)
        for index, member in enumerate(members):
            association = _association(
                member.pop("association_id"), f"members.{index}.association_id"
            )
            member["person_name"] = member.pop("name")
            services.body_member_add(body=created, association=association, **member)
    return 201, _created(request, created.pk, created.get_absolute_url())


# --- partnership agreements ------------------------------------------------------------------


@router.get(
    "/municipalities/{code}/agreements",
    response=Page[AgreementOut],
    summary="Public partnership agreements of a municipality",
)
def agreements(request: HttpRequest, code: str, page: int = 1) -> dict[str, Any]:
    municipality = municipality_or_404(code)
    data = paginate(request, selectors.agreements_of(municipality=municipality), page)
    for a in data["results"]:
        a.municipality = municipality
    return data


@router.post(
    "/municipalities/{code}/agreements",
    response={201: Created},
    auth=token_auth,
    summary="Record a partnership agreement (the municipality's liaison, coordinator, admin)",
)
def agreement_create(request: HttpRequest, code: str, payload: AgreementIn) -> tuple[int, Any]:
    municipality = municipality_or_404(code)
    if not access.can_manage(request.user, municipality):
        raise PermissionDenied
    data = payload.dict()
    association = _association(data.pop("association_id"))
    created = services.agreement_create(
        municipality=municipality, association=association, actor=request.user, **data
    )
    return 201, _created(request, created.pk, reverse("cooperation:agreement", args=[created.pk]))


# --- good practices --------------------------------------------------------------------------


@router.get("/practices", response=Page[PracticeOut], summary="The library of good practices")
def practices(request: HttpRequest, page: int = 1) -> dict[str, Any]:
    return paginate(request, selectors.practices_list(), page)


@router.get("/practices/{int:pk}", response=PracticeOut, summary="One good practice")
def practice(request: HttpRequest, pk: int) -> GoodPractice:
    try:
        return selectors.practice_detail(pk=pk)
    except GoodPractice.DoesNotExist:
        raise Http404 from None


@router.post(
    "/practices",
    response={201: Created},
    auth=token_auth,
    summary="Add a good practice (regional coordinators and administrators)",
)
def practice_create(request: HttpRequest, payload: PracticeIn) -> tuple[int, Any]:
    if not access.can_create_practice(request.user):
        raise PermissionDenied
    data = payload.dict()
    origin_code = data.pop("origin_municipality")
    origin = municipality_by_code(origin_code, field="origin_municipality") if origin_code else None
    created = services.practice_create(
        actor=request.auth,  # type: ignore[attr-defined]
        origin_municipality=origin,
        **data,
    )
    return 201, _created(request, created.pk, created.get_absolute_url())


@router.post(
    "/practices/{int:pk}/adoptions",
    response={201: Created},
    auth=token_auth,
    summary="Record that a municipality adopted the practice (its liaison, coordinator, admin)",
)
def adoption_create(request: HttpRequest, pk: int, payload: AdoptionIn) -> tuple[int, Any]:
    found = get_object_or_404(GoodPractice, pk=pk)
    municipality = municipality_by_code(payload.municipality)
    if not access.can_record_adoption(request.user, municipality):
        raise PermissionDenied
    adoption = services.adoption_record(
        practice=found,
        municipality=municipality,
        adopted_on=payload.adopted_on,
        note=payload.note,
        actor=request.auth,  # type: ignore[attr-defined]
    )
    return 201, _created(request, adoption.pk, found.get_absolute_url())
