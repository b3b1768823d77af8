"""Cooperation API: contacts, the guide, the annual cycle feed, bodies, agreements, practices."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Router

from kumppani.api.auth import token_auth
from kumppani.api.pagination import paginate
from kumppani.associations.models import Association
from kumppani.cooperation import access, selectors, services
from kumppani.cooperation.api_schemas import (
    AdoptionIn,
    AgreementIn,
    AgreementList,
    BodyIn,
    BodyList,
    BodyOut,
    Created,
    GuideOut,
    LiaisonIn,
    LiaisonList,
    LiaisonOut,
    PracticeIn,
    PracticeList,
    PracticeOut,
)
from kumppani.cooperation.calendar import annual_cycle_ics
from kumppani.cooperation.guide_render import guide_sections
from kumppani.cooperation.models import Body, GoodPractice, Liaison, PartnershipAgreement
from kumppani.geography.models import Municipality

router = Router(tags=["cooperation"])


def _municipality(code: str) -> Municipality:
    return get_object_or_404(Municipality.objects.select_related("region"), code=code)


def _association(pk: int | None, field: str = "association_id") -> Association | None:
    if pk is None:
        return None
    found = Association.objects.filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: [_("Unknown association.")]})
    return found


# --- liaisons --------------------------------------------------------------------------------


def liaison_dict(liaison: Liaison) -> dict[str, Any]:
    return {
        "id": liaison.pk,
        "municipality": liaison.municipality.code,
        "name": liaison.name,
        "email": liaison.email,
        "phone": liaison.phone,
        "unit": liaison.unit,
        "hours_per_month": liaison.hours_per_month,
        "role_description_fi": liaison.role_description_fi,
        "role_description_sv": liaison.role_description_sv,
        "role_description_en": liaison.role_description_en,
        "named_on": liaison.named_on,
        "agents": [
            {
                "name": p.agent_name,
                "association": str(p.association) if p.association else None,
                "association_id": p.association_id,
                "since": p.since,
            }
            for p in liaison.agents.all()
        ],
    }


@router.get(
    "/municipalities/{code}/liaisons",
    response=LiaisonList,
    summary="Public contacts: the municipality's association liaisons and their agents",
)
def liaisons(request: HttpRequest, code: str, page: int = 1) -> dict[str, Any]:
    municipality = _municipality(code)
    data = paginate(request, selectors.liaisons_of(municipality=municipality), page)
    for liaison in data["results"]:
        liaison.municipality = municipality
    data["results"] = [liaison_dict(liaison) for liaison in data["results"]]
    return data


@router.post(
    "/municipalities/{code}/liaisons",
    response={201: LiaisonOut},
    auth=token_auth,
    summary="Add a liaison (administrators and the coordinator of the municipality's region)",
)
def liaison_create(request: HttpRequest, code: str, payload: LiaisonIn) -> tuple[int, Any]:
    municipality = _municipality(code)
    if not access.can_add_liaison_by_api(request.user, municipality):
        raise PermissionDenied
    liaison = services.liaison_create(
        municipality=municipality, actor=request.user, **payload.dict()
    )
    liaison.municipality = municipality
    return 201, liaison_dict(liaison)


# --- the guide and the annual cycle ----------------------------------------------------------


@router.get(
    "/municipalities/{code}/guide",
    response=GuideOut,
    summary="The latest published cooperation guide (404 when none is published)",
)
def guide(request: HttpRequest, code: str, language: str = "") -> dict[str, Any]:
    municipality = _municipality(code)
    version = selectors.guide_latest_published(municipality=municipality)
    if version is None:
        raise Http404
    lang = language if language in ("fi", "sv", "en") else (get_language() or "fi")[:2]
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
    municipality = _municipality(code)
    response = HttpResponse(
        annual_cycle_ics(municipality=municipality), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="annual-cycle-{code}.ics"'
    return response


# --- bodies ----------------------------------------------------------------------------------


def body_dict(request: HttpRequest, body: Body) -> dict[str, Any]:
    return {
        "id": body.pk,
        "municipality": body.municipality.code,
        "kind": body.kind,
        "name_fi": body.name_fi,
        "name_sv": body.name_sv,
        "description_fi": body.description_fi,
        "description_sv": body.description_sv,
        "members": [
            {
                "name": m.person_name,
                "role": m.role,
                "association": str(m.association) if m.association else None,
                "association_id": m.association_id,
                "field": m.field,
                "unit": m.unit,
                "term_start": m.term_start,
                "term_end": m.term_end,
            }
            for m in body.members.all()
        ],
        "url": request.build_absolute_uri(body.get_absolute_url()),
    }


@router.get("/municipalities/{code}/bodies", response=BodyList, summary="Bodies and members")
def bodies(request: HttpRequest, code: str, page: int = 1) -> dict[str, Any]:
    municipality = _municipality(code)
    qs = (
        Body.objects.filter(municipality=municipality)
        .select_related("municipality")
        .prefetch_related("members__association")
        .order_by("kind", "name_fi", "id")
    )
    data = paginate(request, qs, page)
    data["results"] = [body_dict(request, b) for b in data["results"]]
    return data


@router.get("/bodies/{int:pk}", response=BodyOut, summary="One body with its members")
def body(request: HttpRequest, pk: int) -> dict[str, Any]:
    try:
        found = selectors.body_detail(pk=pk)
    except Body.DoesNotExist:
        raise Http404 from None
    return body_dict(request, found)


@router.post(
    "/municipalities/{code}/bodies",
    response={201: Created},
    auth=token_auth,
    summary="Add a body with its members (the municipality's liaison, coordinator, admin)",
)
def body_create(request: HttpRequest, code: str, payload: BodyIn) -> tuple[int, Any]:
    municipality = _municipality(code)
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
    return 201, {"id": created.pk}


# --- partnership agreements ------------------------------------------------------------------


def agreement_dict(request: HttpRequest, a: PartnershipAgreement) -> dict[str, Any]:
    return {
        "id": a.pk,
        "municipality": a.municipality.code,
        "association": str(a.association),
        "association_id": a.association_id,
        "title": a.title,
        "scope": a.scope,
        "start": a.start,
        "end": a.end,
        "obligations_municipality": a.obligations_municipality,
        "obligations_association": a.obligations_association,
        "has_attachment": bool(a.attachment),
        "url": request.build_absolute_uri(reverse("cooperation:agreement", args=[a.pk])),
    }


@router.get(
    "/municipalities/{code}/agreements",
    response=AgreementList,
    summary="Public partnership agreements of a municipality",
)
def agreements(request: HttpRequest, code: str, page: int = 1) -> dict[str, Any]:
    municipality = _municipality(code)
    data = paginate(request, selectors.agreements_of(municipality=municipality), page)
    for a in data["results"]:
        a.municipality = municipality
    data["results"] = [agreement_dict(request, a) for a in data["results"]]
    return data


@router.post(
    "/municipalities/{code}/agreements",
    response={201: Created},
    auth=token_auth,
    summary="Record a partnership agreement (the municipality's liaison, coordinator, admin)",
)
def agreement_create(request: HttpRequest, code: str, payload: AgreementIn) -> tuple[int, Any]:
    municipality = _municipality(code)
    if not access.can_manage(request.user, municipality):
        raise PermissionDenied
    data = payload.dict()
    association = _association(data.pop("association_id"))
    created = services.agreement_create(
        municipality=municipality, association=association, actor=request.user, **data
    )
    return 201, {"id": created.pk}


# --- good practices --------------------------------------------------------------------------


def practice_dict(request: HttpRequest, p: GoodPractice) -> dict[str, Any]:
    return {
        "id": p.pk,
        "title_fi": p.title_fi,
        "title_sv": p.title_sv,
        "title_en": p.title_en,
        "description_fi": p.description_fi,
        "description_sv": p.description_sv,
        "description_en": p.description_en,
        "origin_municipality": p.origin_municipality.code if p.origin_municipality else None,
        "material_url": p.material_url,
        "adoptions": [
            {"municipality": a.municipality.code, "adopted_on": a.adopted_on, "note": a.note}
            for a in p.adoptions.all()
        ],
        "url": request.build_absolute_uri(p.get_absolute_url()),
    }


@router.get("/practices", response=PracticeList, summary="The library of good practices")
def practices(request: HttpRequest, page: int = 1) -> dict[str, Any]:
    data = paginate(request, selectors.practices_list(), page)
    data["results"] = [practice_dict(request, p) for p in data["results"]]
    return data


@router.get("/practices/{int:pk}", response=PracticeOut, summary="One good practice")
def practice(request: HttpRequest, pk: int) -> dict[str, Any]:
    try:
        return practice_dict(request, selectors.practice_detail(pk=pk))
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
    origin = None
    if origin_code:
        origin = Municipality.objects.filter(code=origin_code).first()
        if origin is None:
            raise ValidationError({"origin_municipality": [_("Unknown municipality code.")]})
    created = services.practice_create(
        created_by=request.auth,  # type: ignore[attr-defined]
        origin_municipality=origin,
        **data,
    )
    return 201, {"id": created.pk}


@router.post(
    "/practices/{int:pk}/adoptions",
    response={201: Created},
    auth=token_auth,
    summary="Record that a municipality adopted the practice (its liaison, coordinator, admin)",
)
def adoption_create(request: HttpRequest, pk: int, payload: AdoptionIn) -> tuple[int, Any]:
    found = get_object_or_404(GoodPractice, pk=pk)
    municipality = (
        Municipality.objects.select_related("region").filter(code=payload.municipality).first()
    )
    if municipality is None:
        raise ValidationError({"municipality": [_("Unknown municipality code.")]})
    if not access.can_record_adoption(request.user, municipality):
        raise PermissionDenied
    adoption = services.adoption_record(
        practice=found,
        municipality=municipality,
        adopted_on=payload.adopted_on,
        note=payload.note,
        recorded_by=request.auth,  # type: ignore[attr-defined]
    )
    return 201, {"id": adoption.pk}
