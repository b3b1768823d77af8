"""Permission-matrix entries of premises management: an officer or a liaison of the
municipality (the shared world's Kontiolahti liaison) or an administrator manages; the space
list of the API is public. The officer's own rights are checked in test_manage_views.py."""

from __future__ import annotations

from typing import Any

from kumppani.accounts.testing import World
from kumppani.core.tests.matrix import Case, api_only, api_public, only
from kumppani.premises.tests.factories import (
    BookingFactory,
    PriceRuleFactory,
    SpaceFactory,
    SpacePhotoFactory,
)

MANAGES = ("liaison", "admin")


def _code(w: World) -> dict[str, Any]:
    return {"code": w.municipality.code}


def _space(w: World) -> dict[str, Any]:
    return {"pk": SpaceFactory.create(municipality=w.municipality).pk}


def _space_id(w: World) -> dict[str, Any]:
    return {"space_id": SpaceFactory.create(municipality=w.municipality).pk}


def _photo(w: World) -> dict[str, Any]:
    return {"pk": SpacePhotoFactory.create(space__municipality=w.municipality).pk}


def _rule(w: World) -> dict[str, Any]:
    return {"pk": PriceRuleFactory.create(municipality=w.municipality).pk}


def _pending(w: World) -> dict[str, Any]:
    booking = BookingFactory.create(
        space__municipality=w.municipality,
        organisation=w.association,
        booked_by=w.rep,
        status="pending",
    )
    return {"pk": booking.pk}


def _new_space(w: World) -> dict[str, Any]:
    return {"municipality": w.municipality.code, "name_fi": "Liikuntasali", "parent": None,
            "capacity": 120, "kind": "hall"}  # fmt: skip


PAGES: dict[str, Case] = {
    "premises:manage": only(*MANAGES, kwargs=_code),
    "premises:space_create": only(*MANAGES, kwargs=_code),
    "premises:space_edit": only(*MANAGES, kwargs=_space),
    "premises:space_delete": only(*MANAGES, kwargs=_space),
    "premises:space_hours": only(*MANAGES, kwargs=_space),
    "premises:space_photos": only(*MANAGES, kwargs=_space),
    "premises:photo_delete": only(*MANAGES, kwargs=_photo),
    "premises:principles": only(*MANAGES, kwargs=_code),
    "premises:prices": only(*MANAGES, kwargs=_code),
    "premises:price_create": only(*MANAGES, kwargs=_code),
    "premises:price_edit": only(*MANAGES, kwargs=_rule),
    "premises:price_delete": only(*MANAGES, kwargs=_rule),
    "premises:approvals": only(*MANAGES, kwargs=_code),
    "premises:booking_decide": only(*MANAGES, kwargs=_pending),
}

API: dict[str, Case] = {
    "GET /api/v1/premises": api_public(query="?municipality=276"),
    "GET /api/v1/premises/{space_id}": api_public(kwargs=_space_id),
    "POST /api/v1/premises": api_only(*MANAGES, ok=201, data=_new_space),
}
