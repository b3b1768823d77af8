"""Permission-matrix entries of seasonal allocation rounds.

Kontiolahti's liaison manages its premises (an officer would too); representatives apply; a
round's public page is public once it is open.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from kumppani.accounts.testing import World
from kumppani.core.tests.matrix import OK, Case, only, public, roles_expect
from kumppani.premises.tests.factories import (
    AllocationFactory,
    AllocationRoundFactory,
    SlotRequestFactory,
    SpaceFactory,
)

MANAGERS = ("liaison", "admin")
REPS = ("rep", "other_rep")


def _code(w: World) -> dict[str, Any]:
    return {"code": w.municipality.code}


def _round(w: World) -> dict[str, Any]:
    round = AllocationRoundFactory.create(municipality=w.municipality)
    round.spaces.add(SpaceFactory.create(municipality=w.municipality))
    return {"pk": round.pk}


def _allocating(w: World) -> dict[str, Any]:
    now = timezone.now()
    round = AllocationRoundFactory.create(
        municipality=w.municipality,
        status="allocating",
        applications_open_at=now - dt.timedelta(days=10),
        applications_close_at=now - dt.timedelta(days=1),
    )
    space = SpaceFactory.create(municipality=w.municipality)
    round.spaces.add(space)
    SlotRequestFactory.create(round=round, organisation=w.association, space=space)
    return {"pk": round.pk}


def _allocation(w: World) -> dict[str, Any]:
    round = AllocationRoundFactory.create(municipality=w.municipality, status="allocating")
    space = SpaceFactory.create(municipality=w.municipality)
    round.spaces.add(space)
    return {"pk": AllocationFactory.create(round=round, space=space, organisation=w.association).pk}


def _request(w: World) -> dict[str, Any]:
    round = AllocationRoundFactory.create(municipality=w.municipality)
    space = SpaceFactory.create(municipality=w.municipality)
    round.spaces.add(space)
    request = SlotRequestFactory.create(
        round=round, organisation=w.association, space=space, submitted_by=w.rep
    )
    return {"pk": request.pk}


# Only the association's own representatives handle its requests.
OWN = Case(expect=roles_expect({"rep"}), kwargs=_request)

PAGES = {
    "premises:rounds": only(*MANAGERS, kwargs=_code),
    "premises:round_create": only(*MANAGERS, kwargs=_code),
    "premises:round_manage": only(*MANAGERS, kwargs=_round),
    "premises:round_edit": only(*MANAGERS, kwargs=_round),
    "premises:round_open": only(*MANAGERS, kwargs=_round),
    "premises:round_propose": only(*MANAGERS, ok=OK, kwargs=_allocating, method="post"),
    "premises:round_confirm": only(*MANAGERS, kwargs=_allocating),
    "premises:allocation_create": only(*MANAGERS, kwargs=_allocating),
    "premises:allocation_edit": only(*MANAGERS, kwargs=_allocation),
    "premises:allocation_delete": only(*MANAGERS, kwargs=_allocation),
    "premises:round": public(kwargs=_round),
    "premises:round_apply": only(*REPS, kwargs=_round),
    "premises:request_edit": OWN,
    "premises:request_delete": Case(expect=roles_expect({"rep"}), kwargs=_request),
}
API: dict[str, Any] = {}
