"""Request and response shapes of the cooperation API."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field

from kumppani.cooperation.models import BodyKind, MemberRole


class AgentOut(Schema):
    name: str
    association: str | None
    association_id: int | None
    since: dt.date | None


class LiaisonOut(Schema):
    id: int
    municipality: str
    name: str
    email: str
    phone: str
    unit: str
    hours_per_month: int | None
    role_description_fi: str
    role_description_sv: str
    role_description_en: str
    named_on: dt.date | None
    agents: list[AgentOut]


class LiaisonList(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[LiaisonOut]


class LiaisonIn(Schema):
    name: str = Field(min_length=1, max_length=150)
    email: str = Field(min_length=3, max_length=254)
    phone: str = Field(default="", max_length=40)
    unit: str = Field(min_length=1, max_length=200)
    hours_per_month: int | None = Field(default=None, ge=0, le=300)
    role_description_fi: str = Field(default="", max_length=10_000)
    role_description_sv: str = Field(default="", max_length=10_000)
    role_description_en: str = Field(default="", max_length=10_000)
    named_on: dt.date | None = None
    is_public: bool = True


class GuideSectionOut(Schema):
    key: str
    title: str
    html: str


class GuideOut(Schema):
    municipality: str
    published_at: dt.datetime
    version: int
    sections: list[GuideSectionOut]


class MemberOut(Schema):
    name: str
    role: str
    association: str | None
    association_id: int | None
    field: str
    unit: str
    term_start: dt.date | None
    term_end: dt.date | None


class BodyOut(Schema):
    id: int
    municipality: str
    kind: str
    name_fi: str
    name_sv: str
    description_fi: str
    description_sv: str
    members: list[MemberOut]
    url: str


class BodyList(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[BodyOut]


class MemberIn(Schema):
    name: str = Field(min_length=1, max_length=150)
    role: MemberRole = MemberRole.MEMBER
    association_id: int | None = None
    field: str = Field(default="", max_length=150)
    unit: str = Field(default="", max_length=150)
    term_start: dt.date | None = None
    term_end: dt.date | None = None


class BodyIn(Schema):
    kind: BodyKind
    name_fi: str = Field(min_length=1, max_length=200)
    name_sv: str = Field(default="", max_length=200)
    description_fi: str = Field(default="", max_length=10_000)
    description_sv: str = Field(default="", max_length=10_000)
    members: list[MemberIn] = Field(default_factory=list, max_length=100)


class AgreementOut(Schema):
    id: int
    municipality: str
    association: str
    association_id: int
    title: str
    scope: str
    start: dt.date
    end: dt.date | None
    obligations_municipality: str
    obligations_association: str
    has_attachment: bool
    url: str


class AgreementList(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[AgreementOut]


class AgreementIn(Schema):
    association_id: int
    title: str = Field(min_length=1, max_length=200)
    scope: str = Field(default="", max_length=10_000)
    start: dt.date
    end: dt.date | None = None
    obligations_municipality: str = Field(default="", max_length=10_000)
    obligations_association: str = Field(default="", max_length=10_000)
    is_public: bool = True


class AdoptionOut(Schema):
    municipality: str
    adopted_on: dt.date
    note: str


class PracticeOut(Schema):
    id: int
    title_fi: str
    title_sv: str
    title_en: str
    description_fi: str
    description_sv: str
    description_en: str
    origin_municipality: str | None
    material_url: str
    adoptions: list[AdoptionOut]
    url: str


class PracticeList(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[PracticeOut]


class PracticeIn(Schema):
    title_fi: str = Field(min_length=1, max_length=200)
    title_sv: str = Field(default="", max_length=200)
    title_en: str = Field(default="", max_length=200)
    description_fi: str = Field(default="", max_length=20_000)
    description_sv: str = Field(default="", max_length=20_000)
    description_en: str = Field(default="", max_length=20_000)
    origin_municipality: str | None = Field(default=None, max_length=3)
    material_url: str = Field(default="", max_length=200)


class AdoptionIn(Schema):
    municipality: str = Field(min_length=1, max_length=3)
    adopted_on: dt.date
    note: str = Field(default="", max_length=2000)


class Created(Schema):
    id: int
