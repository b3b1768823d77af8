"""Proposals API: submit, list the pool, re-run the grouping, list groups and decisions."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import Field

from kumppani.api.auth import token_auth
from kumppani.api.links import absolute_url
from kumppani.api.lookups import FieldErrors, municipality_by_code, one_of
from kumppani.api.pagination import Page, paginate
from kumppani.associations.models import Association
from kumppani.proposals import access, grouping_services
from kumppani.proposals.grouping_services import grouping_job_start, proposals_regroup
from kumppani.proposals.models import (
    PROPOSAL_TEXT,
    Decision,
    GroupingJob,
    Proposal,
    ProposalGroup,
    ProposerType,
)
from kumppani.proposals.selectors import (
    measure_url,
    proposal_pool,
    public_proposal_pool,
    public_proposals,
    public_proposer_name,
)
from kumppani.proposals.services import proposal_create
from kumppani.welfare.models import Theme

router = Router(tags=["proposals"])

SYNC_LIMIT = grouping_services.SYNC_LIMIT
DecisionName = Literal["adopted", "merged", "forwarded", "rejected"]
assert set(DecisionName.__args__) == set(Decision.values)  # type: ignore[attr-defined]


class ProposalIn(Schema):
    municipality: str = Field(min_length=1, max_length=3)
    text: str = Field(min_length=1, json_schema_extra={"maxLength": PROPOSAL_TEXT})
    proposer_type: str = Field(min_length=1, max_length=20)
    theme: int | None = None
    organisation: int | None = None
    proposer_name: str = Field(default="", max_length=200)
    together: bool = False


class ProposalOut(Schema):
    id: int
    municipality: str
    text: str
    theme: int | None
    proposer_type: str
    proposer_name: str
    organisation: int | None
    together: bool
    source: str
    survey: int | None
    forum: int | None
    group: int | None
    decision: str
    created_at: datetime

    @staticmethod
    def resolve_municipality(p: Proposal) -> str:
        return p.municipality.code

    @staticmethod
    def resolve_theme(p: Proposal) -> int | None:
        return p.theme_id

    @staticmethod
    def resolve_proposer_name(p: Proposal) -> str:
        return public_proposer_name(p)

    @staticmethod
    def resolve_organisation(p: Proposal) -> int | None:
        return p.association_id

    @staticmethod
    def resolve_survey(p: Proposal) -> int | None:
        return p.survey_id

    @staticmethod
    def resolve_forum(p: Proposal) -> int | None:
        return p.forum_id

    @staticmethod
    def resolve_group(p: Proposal) -> int | None:
        return p.group_id


class GroupOut(Schema):
    id: int
    municipality: str
    theme: int | None
    label: str
    keywords: list[str]
    locked: bool
    decision: str
    members: list[int]

    @staticmethod
    def resolve_municipality(g: ProposalGroup) -> str:
        return g.municipality.code

    @staticmethod
    def resolve_theme(g: ProposalGroup) -> int | None:
        return g.theme_id

    @staticmethod
    def resolve_keywords(g: ProposalGroup) -> list[str]:
        return g.keywords.split()

    @staticmethod
    def resolve_members(g: ProposalGroup) -> list[int]:
        return sorted(p.pk for p in g.proposals.all())


class DecisionOut(Schema):
    proposal: int = Field(alias="pk")
    group: int | None = Field(alias="group_id")
    decision: str
    reason: str = Field(alias="decision_reason")
    measure: int | None = Field(alias="measure_id")
    measure_url: str | None
    forwarded_to: str
    merged_into: int | None = Field(alias="merged_into_id")
    merged_into_group: int | None = Field(alias="merged_into_group_id")
    decided_at: datetime | None

    @staticmethod
    def resolve_measure_url(p: Proposal, context: dict[str, Any]) -> str | None:
        url = measure_url(p.measure)
        return absolute_url(context, url) if url else None


class RegroupDone(Schema):
    status: str
    proposals: int
    groups: int


class JobOut(Schema):
    job: str


class JobStatusOut(Schema):
    status: str
    proposals: int = Field(alias="proposal_count")
    groups: int = Field(alias="group_count")
    error: str

    @staticmethod
    def resolve_error(job: GroupingJob) -> str:
        return "failed" if job.error else ""


@router.post(
    "/proposals",
    response={201: ProposalOut},
    auth=token_auth,
    summary="Submit an action proposal",
)
def proposal_submit(request: HttpRequest, payload: ProposalIn) -> tuple[int, Any]:
    errors = FieldErrors()
    municipality = errors.attempt(lambda: municipality_by_code(payload.municipality))
    if payload.proposer_type not in ProposerType.values:
        errors.add("proposer_type", _("Choose association, team, stakeholder or resident."))
    theme = None
    if payload.theme is not None:
        theme = Theme.objects.select_related("plan").filter(pk=payload.theme).first()
        if theme is None or (municipality and theme.plan.municipality_id != municipality.pk):
            errors.add("theme", _("Unknown theme of this municipality's plan."))
    association = None
    if payload.organisation is not None:
        association = errors.attempt(
            lambda: one_of(
                Association.objects.all(),
                payload.organisation,  # type: ignore[arg-type]
                field="organisation",
                message=_("Unknown organisation."),
            )
        )
    if payload.proposer_type == ProposerType.ASSOCIATION and payload.organisation is None:
        errors.add("organisation", _("Give the organisation that makes the proposal."))
    errors.raise_any()
    assert municipality is not None
    if not access.can_submit(
        request.user, municipality.pk, payload.proposer_type, payload.organisation
    ):
        raise PermissionDenied
    proposal = proposal_create(
        municipality=municipality,
        text=payload.text,
        proposer_type=payload.proposer_type,
        theme=theme,
        association=association,
        proposer_name=payload.proposer_name,
        together=payload.together,
        actor=request.auth,  # type: ignore[attr-defined]
    )
    return 201, proposal_pool().get(pk=proposal.pk)


@router.get("/proposals", response=Page[ProposalOut], summary="The pool of action proposals")
def proposals(
    request: HttpRequest,
    municipality: str = "",
    theme: int | None = None,
    survey: int | None = None,
    page: int = 1,
) -> dict[str, Any]:
    place = municipality_by_code(municipality) if municipality else None
    qs = public_proposal_pool(municipality=place, theme_id=theme, survey_id=survey)
    return paginate(request, qs, page)


@router.post(
    "/proposals/regroup",
    response={200: RegroupDone, 202: JobOut},
    auth=token_auth,
    summary="Re-run the automatic grouping of a municipality's proposals",
)
def regroup(request: HttpRequest, municipality: str) -> tuple[int, Any]:
    place = municipality_by_code(municipality)
    if not access.can_regroup(request.user, place.pk):
        raise PermissionDenied
    if Proposal.objects.filter(municipality=place).count() <= SYNC_LIMIT:
        result = proposals_regroup(municipality=place)
        return 200, {
            "status": "done",
            "proposals": result.proposals + result.kept,
            "groups": result.groups,
        }
    job = grouping_job_start(municipality=place, actor=request.auth)  # type: ignore[attr-defined]
    url = request.build_absolute_uri(reverse("api-v1:proposal_grouping_job", args=[job.pk]))
    return 202, {"job": url}


@router.get(
    "/proposal-grouping-jobs/{int:pk}",
    response=JobStatusOut,
    url_name="proposal_grouping_job",
    summary="Status of a grouping re-run (queued, running, done, failed)",
)
def grouping_job(request: HttpRequest, pk: int) -> GroupingJob:
    return get_object_or_404(GroupingJob, pk=pk)


@router.get(
    "/proposal-groups", response=Page[GroupOut], summary="Groups of similar proposals, with members"
)
def groups(request: HttpRequest, municipality: str, page: int = 1) -> dict[str, Any]:
    place = municipality_by_code(municipality)
    qs = (
        ProposalGroup.objects.filter(municipality=place)
        .select_related("municipality")
        .prefetch_related(Prefetch("proposals", queryset=public_proposals()))
        .order_by("id")
    )
    return paginate(request, qs, page)


@router.get(
    "/proposal-decisions",
    response=Page[DecisionOut],
    summary="Decisions of the wellbeing working group on proposals",
)
def decisions(
    request: HttpRequest,
    municipality: str = "",
    decision: DecisionName | None = None,
    page: int = 1,
) -> dict[str, Any]:
    qs = public_proposals().exclude(decision="").select_related("measure").order_by("id")
    if municipality:
        qs = qs.filter(municipality=municipality_by_code(municipality))
    if decision:
        qs = qs.filter(decision=decision)
    return paginate(request, qs, page)
