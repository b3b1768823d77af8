"""Reads for cooperation structures; each runs a constant number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet
from django.utils import timezone

from kumppani.cooperation.models import (
    Adoption,
    AgentPairing,
    Body,
    BodyMember,
    CycleEntry,
    GoodPractice,
    GuideStatus,
    GuideVersion,
    Liaison,
    PartnershipAgreement,
)
from kumppani.geography.models import Municipality, Region


def liaisons_of(*, municipality: Municipality, public_only: bool = True) -> QuerySet[Liaison]:
    qs = Liaison.objects.filter(municipality=municipality)
    if public_only:
        qs = qs.filter(is_public=True)
    return qs.prefetch_related(
        Prefetch(
            "agents",
            queryset=AgentPairing.objects.select_related("association").order_by("agent_name"),
        )
    ).order_by("order", "name", "id")


def bodies_of(*, municipality: Municipality) -> QuerySet[Body]:
    return (
        Body.objects.filter(municipality=municipality)
        .annotate(member_count=Count("members"))
        .order_by("kind", "name_fi", "id")
    )


def body_detail(*, pk: int) -> Body:
    return (
        Body.objects.select_related("municipality__region")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=BodyMember.objects.select_related("association").order_by(
                    "role", "person_name", "id"
                ),
            )
        )
        .get(pk=pk)
    )


def agreements_of(
    *, municipality: Municipality, public_only: bool = True
) -> QuerySet[PartnershipAgreement]:
    qs = PartnershipAgreement.objects.filter(municipality=municipality)
    if public_only:
        qs = qs.filter(is_public=True)
    return qs.select_related("association").order_by("-start", "id")


def cycle_entries_of(*, municipality: Municipality) -> QuerySet[CycleEntry]:
    return CycleEntry.objects.filter(municipality=municipality).order_by("month", "day", "id")


# --- the guide -------------------------------------------------------------------------------


def guide_latest_published(*, municipality: Municipality) -> GuideVersion | None:
    return (
        GuideVersion.objects.filter(guide__municipality=municipality, status=GuideStatus.PUBLISHED)
        .select_related("published_by", "guide")
        .order_by("-number")
        .first()
    )


def guide_versions(*, municipality: Municipality, with_drafts: bool) -> QuerySet[GuideVersion]:
    qs = GuideVersion.objects.filter(guide__municipality=municipality)
    if not with_drafts:
        qs = qs.filter(status=GuideStatus.PUBLISHED)
    return qs.select_related("published_by").order_by("-number")


def guide_version(*, municipality: Municipality, number: int) -> GuideVersion:
    return GuideVersion.objects.select_related("guide", "published_by").get(
        guide__municipality=municipality, number=number
    )


def guide_previous_published(*, version: GuideVersion) -> GuideVersion | None:
    return (
        GuideVersion.objects.filter(
            guide_id=version.guide_id, status=GuideStatus.PUBLISHED, number__lt=version.number
        )
        .order_by("-number")
        .first()
    )


# --- region overview -------------------------------------------------------------------------


@dataclass(frozen=True)
class MunicipalityStatus:
    municipality: Municipality
    liaison_count: int
    guide_published_at: dt.datetime | None
    guide_age_days: int | None
    adoptions: int
    first_named_on: dt.date | None


def region_overview(*, region: Region) -> list[MunicipalityStatus]:
    """Per municipality of the region: named liaisons, the published guide and its age."""
    rows = (
        Municipality.objects.filter(region=region)
        .annotate(
            liaison_count=Count("liaisons", filter=Q(liaisons__is_public=True), distinct=True),
            guide_published_at=Max(
                "cooperation_guide__versions__published_at",
                filter=Q(cooperation_guide__versions__status=GuideStatus.PUBLISHED),
            ),
            adoption_count=Count("practice_adoptions", distinct=True),
            first_named_on=Min("liaisons__named_on", filter=Q(liaisons__is_public=True)),
        )
        .order_by("name_fi")
    )
    now = timezone.now()
    return [
        MunicipalityStatus(
            municipality=m,
            liaison_count=m.liaison_count,
            guide_published_at=m.guide_published_at,
            guide_age_days=(now - m.guide_published_at).days if m.guide_published_at else None,
            adoptions=m.adoption_count,
            first_named_on=m.first_named_on,
        )
        for m in rows
    ]


# --- good practices --------------------------------------------------------------------------


def practices_list() -> QuerySet[GoodPractice]:
    return (
        GoodPractice.objects.select_related("origin_municipality")
        .prefetch_related(
            Prefetch(
                "adoptions",
                queryset=Adoption.objects.select_related("municipality").order_by(
                    "municipality__name_fi"
                ),
            )
        )
        .order_by("title_fi", "id")
    )


def practice_detail(*, pk: int) -> GoodPractice:
    return practices_list().get(pk=pk)


def adoptions_touching(*, municipality: Municipality) -> QuerySet[Adoption]:
    """Adoptions by the municipality and adoptions of its own practices by others."""
    return (
        Adoption.objects.filter(
            Q(municipality=municipality) | Q(practice__origin_municipality=municipality)
        )
        .select_related("practice__origin_municipality", "municipality")
        .order_by("-adopted_on", "id")
    )


def adoptions_in_region(*, region: Region) -> QuerySet[Adoption]:
    return (
        Adoption.objects.filter(municipality__region=region)
        .select_related("practice__origin_municipality", "municipality")
        .order_by("-adopted_on", "id")
    )
