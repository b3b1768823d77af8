"""Writes for cooperation structures. Keyword-only, validated, transactional."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Literal, TypedDict, TypeVar, Unpack

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.accounts.audit import audit_record
from kumppani.accounts.models import User
from kumppani.associations.models import Association
from kumppani.cooperation.models import (
    SECTION_KEYS,
    Adoption,
    AgentPairing,
    Body,
    BodyMember,
    CycleEntry,
    GoodPractice,
    Guide,
    GuideStatus,
    GuideTemplate,
    GuideVersion,
    Liaison,
    PartnershipAgreement,
)
from kumppani.core.uploads import replaced_files_deleted
from kumppani.geography.models import Municipality

M = TypeVar("M", bound=models.Model)
Actor = Any  # a User, AnonymousUser or None: who made the change, for the audit log


class LiaisonFields(TypedDict, total=False):
    user: User | None
    name: str
    email: str
    phone: str
    unit: str
    hours_per_month: int | None
    role_description_fi: str
    role_description_sv: str
    role_description_en: str
    is_public: bool
    order: int
    named_on: dt.date | None


class BodyFields(TypedDict, total=False):
    kind: str
    name_fi: str
    name_sv: str
    description_fi: str
    description_sv: str


class BodyMemberFields(TypedDict, total=False):
    person_name: str
    association: Association | None
    field: str
    unit: str
    role: str
    term_start: dt.date | None
    term_end: dt.date | None


class AgreementFields(TypedDict, total=False):
    association: Association | None  # required: None is reported as a field error
    title: str
    scope: str
    start: dt.date
    end: dt.date | None
    obligations_municipality: str
    obligations_association: str
    attachment: File | Literal[False] | None  # False clears the stored file
    is_public: bool


class CycleEntryFields(TypedDict, total=False):
    title_fi: str
    title_sv: str
    month: int
    day: int
    end_month: int | None
    end_day: int | None
    recurring: bool
    year: int | None
    description: str


class PracticeFields(TypedDict, total=False):
    title_fi: str
    title_sv: str
    title_en: str
    description_fi: str
    description_sv: str
    description_en: str
    origin_municipality: Municipality | None
    material_url: str
    material_file: File | Literal[False] | None  # False clears the stored file


def _assign(obj: M, fields: Mapping[str, Any], allowed: type[Mapping[str, Any]]) -> M:
    """Set ``fields`` (the keys of the TypedDict ``allowed``) on ``obj``, validate, save."""
    unknown = set(fields) - allowed.__optional_keys__ - allowed.__required_keys__  # type: ignore[attr-defined]
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    with replaced_files_deleted(obj):  # a replaced or cleared attachment leaves storage
        for key, value in fields.items():
            # save_form_data understands a cleared file (False) as well as plain values.
            obj._meta.get_field(key).save_form_data(obj, value)  # type: ignore[union-attr]
        obj.full_clean()
        obj.save()
    return obj


# --- liaisons and agents ---------------------------------------------------------------------


@transaction.atomic
def liaison_create(
    *, municipality: Municipality, actor: Actor = None, **fields: Unpack[LiaisonFields]
) -> Liaison:
    liaison = _assign(Liaison(municipality=municipality), fields, LiaisonFields)
    audit_record(actor=actor, action="liaison.create", target=liaison, summary=liaison.name)
    return liaison


@transaction.atomic
def liaison_update(
    *, liaison: Liaison, actor: Actor = None, **fields: Unpack[LiaisonFields]
) -> Liaison:
    liaison = _assign(liaison, fields, LiaisonFields)
    audit_record(actor=actor, action="liaison.update", target=liaison, summary=liaison.name)
    return liaison


@transaction.atomic
def liaison_delete(*, liaison: Liaison, actor: Actor = None) -> None:
    audit_record(actor=actor, action="liaison.delete", target=liaison, summary=liaison.name)
    liaison.delete()


@transaction.atomic
def agent_pair(
    *,
    liaison: Liaison,
    agent_name: str,
    agent: User | None = None,
    association: Association | None = None,
    since: dt.date | None = None,
    actor: Actor = None,
) -> AgentPairing:
    pairing = AgentPairing(
        liaison=liaison, agent_name=agent_name, agent=agent, association=association, since=since
    )
    pairing.full_clean()
    pairing.save()
    audit_record(actor=actor, action="agent.pair", target=liaison, summary=_pairing(pairing))
    return pairing


def _pairing(pairing: AgentPairing) -> str:
    return f"{pairing.agent_name} – {pairing.association or ''}".strip(" –")


@transaction.atomic
def agent_unpair(*, pairing: AgentPairing, actor: Actor = None) -> None:
    audit_record(
        actor=actor, action="agent.unpair", target=pairing.liaison, summary=_pairing(pairing)
    )
    pairing.delete()


# --- bodies ----------------------------------------------------------------------------------


@transaction.atomic
def body_create(*, municipality: Municipality, **fields: Unpack[BodyFields]) -> Body:
    return _assign(Body(municipality=municipality), fields, BodyFields)


@transaction.atomic
def body_update(*, body: Body, **fields: Unpack[BodyFields]) -> Body:
    return _assign(body, fields, BodyFields)


@transaction.atomic
def body_member_add(*, body: Body, **fields: Unpack[BodyMemberFields]) -> BodyMember:
    return _assign(BodyMember(body=body), fields, BodyMemberFields)


@transaction.atomic
def body_member_remove(*, member: BodyMember) -> None:
    member.delete()


# --- partnership agreements ------------------------------------------------------------------


@transaction.atomic
def agreement_create(
    *, municipality: Municipality, actor: Actor = None, **fields: Unpack[AgreementFields]
) -> PartnershipAgreement:
    agreement = _assign(PartnershipAgreement(municipality=municipality), fields, AgreementFields)
    audit_record(actor=actor, action="agreement.create", target=agreement, summary=agreement.title)
    return agreement


@transaction.atomic
def agreement_update(
    *, agreement: PartnershipAgreement, actor: Actor = None, **fields: Unpack[AgreementFields]
) -> PartnershipAgreement:
    stored_end = (
        PartnershipAgreement.objects.filter(pk=agreement.pk).values_list("end", flat=True).first()
    )
    if "end" in fields and fields["end"] != stored_end:
        # A new end date earns new reminders.
        agreement.reminded_60_at = None
        agreement.reminded_14_at = None
    agreement = _assign(agreement, fields, AgreementFields)
    audit_record(actor=actor, action="agreement.update", target=agreement, summary=agreement.title)
    return agreement


# --- annual cycle ----------------------------------------------------------------------------


@transaction.atomic
def cycle_entry_create(
    *, municipality: Municipality, **fields: Unpack[CycleEntryFields]
) -> CycleEntry:
    return _assign(CycleEntry(municipality=municipality), fields, CycleEntryFields)


@transaction.atomic
def cycle_entry_update(*, entry: CycleEntry, **fields: Unpack[CycleEntryFields]) -> CycleEntry:
    return _assign(entry, fields, CycleEntryFields)


@transaction.atomic
def cycle_entry_delete(*, entry: CycleEntry) -> None:
    entry.delete()


# --- good practices --------------------------------------------------------------------------


@transaction.atomic
def practice_create(*, actor: User | None, **fields: Unpack[PracticeFields]) -> GoodPractice:
    practice = _assign(GoodPractice(created_by=actor), fields, PracticeFields)
    audit_record(actor=actor, action="practice.create", target=practice)
    return practice


@transaction.atomic
def practice_update(*, practice: GoodPractice, **fields: Unpack[PracticeFields]) -> GoodPractice:
    return _assign(practice, fields, PracticeFields)


@transaction.atomic
def adoption_record(
    *,
    practice: GoodPractice,
    municipality: Municipality,
    adopted_on: dt.date,
    note: str = "",
    actor: User | None = None,
) -> Adoption:
    if Adoption.objects.filter(practice=practice, municipality=municipality).exists():
        raise ValidationError(
            {"municipality": _("This municipality has already adopted the practice.")}
        )
    if practice.origin_municipality_id == municipality.pk:
        raise ValidationError(
            {"municipality": _("The practice comes from this municipality already.")}
        )
    adoption = Adoption(
        practice=practice,
        municipality=municipality,
        adopted_on=adopted_on,
        note=note,
        recorded_by=actor,
    )
    adoption.full_clean(exclude=["municipality", "practice"])
    adoption.save()
    audit_record(actor=actor, action="practice.adopt", target=adoption, summary=str(adoption))
    return adoption


# --- the cooperation guide -------------------------------------------------------------------


def _clean_narrative(narrative: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for key in SECTION_KEYS:
        texts = narrative.get(key) or {}
        kept = {lang: str(texts.get(lang, "")).replace("\r\n", "\n") for lang in ("fi", "sv")}
        out[key] = {lang: text for lang, text in kept.items() if text.strip()}
    return {key: texts for key, texts in out.items() if texts}


@transaction.atomic
def guide_start(
    *, municipality: Municipality, actor: User | None, template: GuideTemplate | None = None
) -> GuideVersion:
    """Create the municipality's guide with a first draft copied from the template."""
    if Guide.objects.filter(municipality=municipality).exists():
        raise ValidationError(_("This municipality already has a cooperation guide."))
    if template is None:
        template = GuideTemplate.objects.filter(is_default=True).first()
    guide = Guide.objects.create(municipality=municipality)
    narrative = _clean_narrative(template.narrative if template else {})
    version = GuideVersion(guide=guide, number=1, narrative=narrative, created_by=actor)
    version.full_clean()
    version.save()
    audit_record(actor=actor, action="guide.start", target=guide, summary=str(municipality))
    return version


@transaction.atomic
def guide_draft_get_or_create(*, guide: Guide, actor: User | None) -> GuideVersion:
    """The guide's draft; a new one starts from the latest published text."""
    Guide.objects.select_for_update().filter(pk=guide.pk).first()
    draft = guide.versions.filter(status=GuideStatus.DRAFT).first()
    if draft is not None:
        return draft
    latest = guide.versions.order_by("-number").first()
    draft = GuideVersion(
        guide=guide,
        number=(latest.number + 1) if latest else 1,
        narrative=dict(latest.narrative) if latest else {},
        created_by=actor,
    )
    draft.full_clean()
    draft.save()
    return draft


@transaction.atomic
def guide_draft_save(
    *, version: GuideVersion, narrative: dict[str, dict[str, str]]
) -> GuideVersion:
    if version.status != GuideStatus.DRAFT:
        raise ValidationError(_("A published version cannot be changed; edit the draft."))
    version.narrative = _clean_narrative(narrative)
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def guide_publish(*, version: GuideVersion, actor: User | None) -> GuideVersion:
    if version.status != GuideStatus.DRAFT:
        raise ValidationError(_("This version has already been published."))
    if not version.narrative:
        raise ValidationError(_("Write at least one section before publishing."))
    version.status = GuideStatus.PUBLISHED
    version.published_at = timezone.now()
    version.published_by = actor
    version.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    audit_record(
        actor=actor, action="guide.publish", target=version, summary=f"version {version.number}"
    )
    return version


@transaction.atomic
def guide_template_save(
    *, name: str, narrative: dict[str, dict[str, str]], template: GuideTemplate | None = None
) -> GuideTemplate:
    template = template or GuideTemplate()
    template.name = name
    template.narrative = _clean_narrative(narrative)
    template.full_clean()
    template.save()
    return template
