"""The premises operations of the premises API: the public list of spaces and creation of a
space by an officer or a liaison of the municipality (or an administrator)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema

from kumppani.api.auth import token_auth
from kumppani.api.lookups import one_of
from kumppani.api.pagination import Page, paginate
from kumppani.geography.models import Municipality
from kumppani.premises.access import manages_premises_in
from kumppani.premises.models import Space
from kumppani.premises.selectors_manage import public_spaces
from kumppani.premises.services import spaces as services

router = Router()


class SpaceOut(Schema):
    id: int
    municipality: str
    parent: int | None
    kind: str
    name_fi: str
    name_sv: str
    name_en: str
    address: str
    capacity: int | None
    area_m2: int | None
    step_free: bool
    accessible_toilet: bool
    induction_loop: bool
    bookable: bool
    for_associations: bool
    needs_approval: bool
    min_minutes: int
    max_minutes: int
    book_ahead_days: int
    buffer_minutes: int
    cancel_hours: int

    @staticmethod
    def resolve_municipality(space: Space) -> str:
        return space.municipality.code

    @staticmethod
    def resolve_parent(space: Space) -> int | None:
        return space.parent_id


class SpaceIn(Schema):
    municipality: str | int
    name_fi: str
    parent: int | None = None
    capacity: int | None = None
    kind: str = "room"
    name_sv: str = ""
    name_en: str = ""
    address: str = ""
    description_fi: str = ""
    description_sv: str = ""
    description_en: str = ""
    area_m2: int | None = None
    step_free: bool = False
    accessible_toilet: bool = False
    induction_loop: bool = False
    accessibility_fi: str = ""
    accessibility_sv: str = ""
    accessibility_en: str = ""
    equipment_fi: str = ""
    equipment_sv: str = ""
    equipment_en: str = ""
    bookable: bool = True
    for_associations: bool = True
    needs_approval: bool = False
    min_minutes: int = 30
    max_minutes: int = 480
    book_ahead_days: int = 180
    buffer_minutes: int = 0
    cancel_hours: int = 24


def _municipality(value: str | int) -> Municipality:
    """The municipality by its statistical code ("276"; a number is read as the code, 5 as
    "005")."""
    code = str(value).strip()
    if code.isdigit():
        code = code.zfill(3)
    found = Municipality.objects.filter(code=code).first()
    if found is None:
        raise ValidationError({"municipality": [_("Unknown municipality code.")]})
    return found


@router.get(
    "/premises",
    response=Page[SpaceOut],
    summary="Spaces available to associations; municipality=<code> for one municipality's",
)
def space_list(request: HttpRequest, municipality: str = "", page: int = 1) -> dict[str, Any]:
    qs = public_spaces()
    if municipality:
        qs = qs.filter(municipality__code=municipality)
    return paginate(request, qs, page)


@router.get(
    "/premises/{space_id}", response=SpaceOut, summary="One space available to associations"
)
def space_detail(request: HttpRequest, space_id: int) -> Space:
    return get_object_or_404(public_spaces(), pk=space_id)


@router.post(
    "/premises",
    response={201: SpaceOut},
    auth=token_auth,
    summary="Add a space (officer or liaison of the municipality, or an administrator)",
)
def space_create(request: HttpRequest, payload: SpaceIn) -> tuple[int, Space]:
    municipality = _municipality(payload.municipality)
    if not manages_premises_in(request.user, municipality.pk):
        raise PermissionDenied
    parent = None
    if payload.parent is not None:
        parent = one_of(
            Space.objects.all(),
            payload.parent,
            field="parent",
            message=_("Unknown space."),
        )
    fields = services.space_fields({**payload.dict(exclude={"municipality"}), "parent": parent})
    space = services.space_create(
        municipality=municipality,
        by=request.auth,  # type: ignore[attr-defined]
        **fields,
    )
    return 201, Space.objects.select_related("municipality").get(pk=space.pk)
