"""Request and response shapes of the cooperation API."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from ninja import Schema
from pydantic import Field

from kumppani.api.links import absolute_url
from kumppani.cooperation.models import (
    Adoption,
    AgentPairing,
    Body,
    BodyKind,
    BodyMember,
    GoodPractice,
    Liaison,
    MemberRole,
    PartnershipAgreement,
)
from kumppani.core.limits import LONG_TEXT, SHORT_TEXT


class AgentOut(Schema):
    name: str = Field(alias="agent_name")
    association: str | None
    association_id: int | None
    since: dt.date | None

    @staticmethod
    def resolve_association(p: AgentPairing) -> str | None:
        return str(p.association) if p.association else None


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

    @staticmethod
    def resolve_municipality(liaison: Liaison) -> str:
        return liaison.municipality.code


class LiaisonIn(Schema):
    name: str = Field(min_length=1, max_length=150)
    email: str = Field(min_length=3, max_length=254)
    phone: str = Field(default="", max_length=40)
    unit: str = Field(min_length=1, max_length=200)
    hours_per_month: int | None = Field(default=None, ge=0, le=300)
    role_description_fi: str = Field(default="", json_schema_extra={"maxLength": SHORT_TEXT})
    role_description_sv: str = Field(default="", json_schema_extra={"maxLength": SHORT_TEXT})
    role_description_en: str = Field(default="", json_schema_extra={"maxLength": SHORT_TEXT})
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
    name: str = Field(alias="person_name")
    role: str
    association: str | None
    association_id: int | None
    field: str
    unit: str
    term_start: dt.date | None
    term_end: dt.date | None

    @staticmethod
    def resolve_association(m: BodyMember) -> str | None:
        return str(m.association) if m.association else None


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

    @staticmethod
    def resolve_municipality(body: Body) -> str:
        return body.municipality.code

    @staticmethod
    def resolve_url(body: Body, context: dict[str, Any]) -> str:
        return absolute_url(context, body.get_absolute_url())


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
    description_fi: str = Field(default="", json_schema_extra={"maxLength": SHORT_TEXT})
    description_sv: str = Field(default="", json_schema_extra={"maxLength": SHORT_TEXT})
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

    @staticmethod
    def resolve_municipality(a: PartnershipAgreement) -> str:
        return a.municipality.code

    @staticmethod
    def resolve_association(a: PartnershipAgreement) -> str:
        return str(a.association)

    @staticmethod
    def resolve_has_attachment(a: PartnershipAgreement) -> bool:
        return bool(a.attachment)

    @staticmethod
    def resolve_url(a: PartnershipAgreement, context: dict[str, Any]) -> str:
        return absolute_url(context, reverse("cooperation:agreement", args=[a.pk]))


class AgreementIn(Schema):
    association_id: int
    title: str = Field(min_length=1, max_length=200)
    scope: str = Field(default="", json_schema_extra={"maxLength": LONG_TEXT})
    start: dt.date
    end: dt.date | None = None
    obligations_municipality: str = Field(default="", json_schema_extra={"maxLength": LONG_TEXT})
    obligations_association: str = Field(default="", json_schema_extra={"maxLength": LONG_TEXT})
    is_public: bool = True


class AdoptionOut(Schema):
    municipality: str
    adopted_on: dt.date
    note: str

    @staticmethod
    def resolve_municipality(a: Adoption) -> str:
        return a.municipality.code


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

    @staticmethod
    def resolve_origin_municipality(p: GoodPractice) -> str | None:
        return p.origin_municipality.code if p.origin_municipality else None

    @staticmethod
    def resolve_url(p: GoodPractice, context: dict[str, Any]) -> str:
        return absolute_url(context, p.get_absolute_url())


class PracticeIn(Schema):
    title_fi: str = Field(min_length=1, max_length=200)
    title_sv: str = Field(default="", max_length=200)
    title_en: str = Field(default="", max_length=200)
    description_fi: str = Field(default="", json_schema_extra={"maxLength": SHORT_TEXT})
    description_sv: str = Field(default="", json_schema_extra={"maxLength": SHORT_TEXT})
    description_en: str = Field(default="", json_schema_extra={"maxLength": SHORT_TEXT})
    origin_municipality: str | None = Field(default=None, max_length=3)
    material_url: str = Field(default="", max_length=200)


class AdoptionIn(Schema):
    municipality: str = Field(min_length=1, max_length=3)
    adopted_on: dt.date
    note: str = Field(default="", json_schema_extra={"maxLength": SHORT_TEXT})
