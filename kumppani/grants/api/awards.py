"""The public register of awards in the API (keys in the spirit of the 360Giving standard)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from kumppani.api.lookups import municipality_by_code
from kumppani.api.pagination import Page, paginate
from kumppani.grants.selectors_public import AwardFilter, award_record, awards

router = Router()


class RecipientOut(Schema):
    name: str
    registration_number: str


class AwardProgrammeOut(Schema):
    id: int
    title: str
    branch: str
    kind: str


class AwardOut(Schema):
    id: int
    recipient: RecipientOut
    amount_awarded: float
    currency: str
    award_date: dt.date
    programme: AwardProgrammeOut
    municipality: str
    purpose: str


class AwardQuery(Schema):
    municipality: str = Field(default="", max_length=3, description="municipality code")
    year: int | None = Field(default=None, ge=1900, le=2999, description="year of the decision")
    programme: int | None = Field(default=None, ge=1, description="programme id")
    page: int = Field(default=1, ge=1, le=100_000)


@router.get(
    "/grant-awards",
    response=Page[AwardOut],
    summary="The public register of grants awarded (decided amounts above zero, newest first)",
)
def grant_awards(request: HttpRequest, filters: Query[AwardQuery]) -> dict[str, Any]:
    if filters.municipality:
        municipality_by_code(filters.municipality)  # an unknown code is a field error (422)
    qs = awards(
        AwardFilter(
            municipality=filters.municipality, year=filters.year, programme=filters.programme
        )
    )
    data = paginate(request, qs, filters.page)
    data["results"] = [award_record(decision) for decision in data["results"]]
    return data
