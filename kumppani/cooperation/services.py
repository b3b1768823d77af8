"""Writes for cooperation structures. Keyword-only, validated, transactional."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
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
from kumppani.geography.models import Municipality

M = TypeVar("M", bound=models.Model)
Actor = Any  # a User, AnonymousUser or None: who made the change, for the audit log

LIAISON_FIELDS = {
    "user",
    "name",
    "email",
    "phone",
    "unit",
    "hours_per_month",
    "role_description_fi",
    "role_description_sv",
    "role_description_en",
    "is_public",
    "order",
    "named_on",
}
BODY_FIELDS = {"kind", "name_fi", "name_sv", "description_fi", "description_sv"}
MEMBER_FIELDS = {"person_name", "association", "field", "unit", "role", "term_start", "term_end"}
AGREEMENT_FIELDS = {
    "association",
    "title",
    "scope",
    "start",
    "end",
    "obligations_municipality",
    "obligations_association",
    "attachment",
    "is_public",
}
CYCLE_FIELDS = {
    "title_fi",
    "title_sv",
    "month",
    "day",
    "end_month",
    "end_day",
    "recurring",
    "year",
    "description",
}
PRACTICE_FIELDS = {
    "title_fi",
    "title_sv",
    "title_en",
    "description_fi",
    "description_sv",
    "description_en",
    "origin_municipality",
    "material_url",
    "material_file",
}


def _assign(obj: M, allowed: set[str], fields: dict[str, Any]) -> M:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    for key, value in fields.items():
        # save_form_data understands a cleared file (False) as well as plain values.
        obj._meta.get_field(key).save_form_data(obj, value)  # type: ignore[union-attr]
    obj.full_clean()
    obj.save()
    return obj


# --- liaisons and agents ---------------------------------------------------------------------


@transaction.atomic
def liaison_create(*, municipality: Municipality, actor: Actor = None, **fields: Any) -> Liaison:
    liaison = _assign(Liaison(municipality=municipality), LIAISON_FIELDS, fields)
    audit_record(actor=actor, action="liaison.create", target=liaison, summary=liaison.name)
    return liaison


@transaction.atomic
def liaison_update(*, liaison: Liaison, actor: Actor = None, **fields: Any) -> Liaison:
    liaison = _assign(liaison, LIAISON_FIELDS, fields)
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
) -> AgentPairing:
    pairing = AgentPairing(
        liaison=liaison, agent_name=agent_name, agent=agent, association=association, since=since
    )
    pairing.full_clean()
    pairing.save()
    return pairing


@transaction.atomic
def agent_unpair(*, pairing: AgentPairing) -> None:
    pairing.delete()


# --- bodies ----------------------------------------------------------------------------------


@transaction.atomic
def body_create(*, municipality: Municipality, **fields: Any) -> Body:
    return _assign(Body(municipality=municipality), BODY_FIELDS, fields)


@transaction.atomic
def body_update(*, body: Body, **fields: Any) -> Body:
    return _assign(body, BODY_FIELDS, fields)


@transaction.atomic
def body_member_add(*, body: Body, **fields: Any) -> BodyMember:
    return _assign(BodyMember(body=body), MEMBER_FIELDS, fields)


@transaction.atomic
def body_member_remove(*, member: BodyMember) -> None:
    member.delete()


# --- partnership agreements ------------------------------------------------------------------


@transaction.atomic
def agreement_create(
    *, municipality: Municipality, actor: Actor = None, **fields: Any
) -> PartnershipAgreement:
    agreement = _assign(PartnershipAgreement(municipality=municipality), AGREEMENT_FIELDS, fields)
    audit_record(actor=actor, action="agreement.create", target=agreement, summary=agreement.title)
    return agreement


@transaction.atomic
def agreement_update(
    *, agreement: PartnershipAgreement, actor: Actor = None, **fields: Any
) -> PartnershipAgreement:
    stored_end = (
        PartnershipAgreement.objects.filter(pk=agreement.pk).values_list("end", flat=True).first()
    )
    if "end" in fields and fields["end"] != stored_end:
        # A new end date earns new reminders.
        agreement.reminded_60_at = None
        agreement.reminded_14_at = None
    agreement = _assign(agreement, AGREEMENT_FIELDS, fields)
    audit_record(actor=actor, action="agreement.update", target=agreement, summary=agreement.title)
    return agreement


# --- annual cycle ----------------------------------------------------------------------------


@transaction.atomic
def cycle_entry_create(*, municipality: Municipality, **fields: Any) -> CycleEntry:
    return _assign(CycleEntry(municipality=municipality), CYCLE_FIELDS, fields)


@transaction.atomic
def cycle_entry_update(*, entry: CycleEntry, **fields: Any) -> CycleEntry:
    return _assign(entry, CYCLE_FIELDS, fields)


@transaction.atomic
def cycle_entry_delete(*, entry: CycleEntry) -> None:
    entry.delete()


# --- good practices --------------------------------------------------------------------------


@transaction.atomic
def practice_create(*, created_by: User | None, **fields: Any) -> GoodPractice:
    practice = _assign(GoodPractice(created_by=created_by), PRACTICE_FIELDS, fields)
    audit_record(actor=created_by, action="practice.create", target=practice)
    return practice


@transaction.atomic
def practice_update(*, practice: GoodPractice, **fields: Any) -> GoodPractice:
    return _assign(practice, PRACTICE_FIELDS, fields)


@transaction.atomic
def adoption_record(
    *,
    practice: GoodPractice,
    municipality: Municipality,
    adopted_on: dt.date,
    note: str = "",
    recorded_by: User | None = None,
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
        recorded_by=recorded_by,
    )
    adoption.full_clean(exclude=["municipality", "practice"])
    adoption.save()
    audit_record(actor=recorded_by, action="practice.adopt", target=adoption, summary=str(adoption))
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
    *, municipality: Municipality, user: User | None, template: GuideTemplate | None = None
) -> GuideVersion:
    """Create the municipality's guide with a first draft copied from the template."""
    if Guide.objects.filter(municipality=municipality).exists():
        raise ValidationError(_("This municipality already has a cooperation guide."))
    if template is None:
        template = GuideTemplate.objects.filter(is_default=True).first()
    guide = Guide.objects.create(municipality=municipality)
    narrative = _clean_narrative(template.narrative if template else {})
    version = GuideVersion(guide=guide, number=1, narrative=narrative, created_by=user)
    version.full_clean()
    version.save()
    audit_record(actor=user, action="guide.start", target=guide, summary=str(municipality))
    return version


@transaction.atomic
def guide_draft_get_or_create(*, guide: Guide, user: User | None) -> GuideVersion:
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
        created_by=user,
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
def guide_publish(*, version: GuideVersion, user: User | None) -> GuideVersion:
    if version.status != GuideStatus.DRAFT:
        raise ValidationError(_("This version has already been published."))
    if not version.narrative:
        raise ValidationError(_("Write at least one section before publishing."))
    version.status = GuideStatus.PUBLISHED
    version.published_at = timezone.now()
    version.published_by = user
    version.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    audit_record(
        actor=user, action="guide.publish", target=version, summary=f"version {version.number}"
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
