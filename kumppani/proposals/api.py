"""Proposals API: submit, list the pool, re-run the grouping, list groups and decisions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import Field

from kumppani.api.auth import token_auth
from kumppani.api.pagination import paginate
from kumppani.associations.models import Association
from kumppani.geography.models import Municipality
from kumppani.proposals import access, grouping_services
from kumppani.proposals.grouping_services import grouping_job_start, proposals_regroup
from kumppani.proposals.models import (
    Decision,
    GroupingJob,
    Proposal,
    ProposalGroup,
    ProposerType,
)
from kumppani.proposals.selectors import measure_url, proposal_pool
from kumppani.proposals.services import proposal_create
from kumppani.welfare.models import Theme

router = Router(tags=["proposals"])

SYNC_LIMIT = grouping_services.SYNC_LIMIT


class ProposalIn(Schema):
    municipality: str = Field(min_length=1, max_length=3)
    text: str = Field(min_length=1, max_length=2000)
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


class ProposalList(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[ProposalOut]


class GroupOut(Schema):
    id: int
    municipality: str
    theme: int | None
    label: str
    keywords: list[str]
    locked: bool
    decision: str
    members: list[int]


class GroupList(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[GroupOut]


class DecisionOut(Schema):
    proposal: int
    group: int | None
    decision: str
    reason: str
    measure: int | None
    measure_url: str | None
    forwarded_to: str
    merged_into: int | None
    merged_into_group: int | None
    decided_at: datetime | None


class DecisionList(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[DecisionOut]


class RegroupDone(Schema):
    status: str
    proposals: int
    groups: int


class JobOut(Schema):
    job: str


class JobStatusOut(Schema):
    status: str
    proposals: int
    groups: int
    error: str


def _municipality(code: str) -> Municipality:
    municipality = Municipality.objects.filter(code=code).first() if code else None
    if municipality is None:
        raise ValidationError({"municipality": [_("Unknown municipality code.")]})
    return municipality


def proposal_dict(p: Proposal) -> dict[str, Any]:
    return {
        "id": p.pk,
        "municipality": p.municipality.code,
        "text": p.text,
        "theme": p.theme_id,
        "proposer_type": p.proposer_type,
        # Residents' names stay private; associations, teams and stakeholders are public.
        "proposer_name": "" if p.proposer_type == ProposerType.RESIDENT else p.proposer_name,
        "organisation": p.association_id,
        "together": p.together,
        "source": p.source,
        "survey": p.survey_id,
        "forum": p.forum_id,
        "group": p.group_id,
        "decision": p.decision,
        "created_at": p.created_at,
    }


@router.post(
    "/proposals",
    response={201: ProposalOut},
    auth=token_auth,
    summary="Submit an action proposal",
)
def proposal_submit(request: HttpRequest, payload: ProposalIn) -> tuple[int, Any]:
    errors: dict[str, list[str]] = {}
    municipality = Municipality.objects.filter(code=payload.municipality).first()
    if municipality is None:
        errors["municipality"] = [_("Unknown municipality code.")]
    if payload.proposer_type not in ProposerType.values:
        errors["proposer_type"] = [_("Choose association, team, stakeholder or resident.")]
    theme = None
    if payload.theme is not None:
        theme = Theme.objects.select_related("plan").filter(pk=payload.theme).first()
        if theme is None or (municipality and theme.plan.municipality_id != municipality.pk):
            errors["theme"] = [_("Unknown theme of this municipality's plan.")]
    association = None
    if payload.organisation is not None:
        association = Association.objects.filter(pk=payload.organisation).first()
        if association is None:
            errors["organisation"] = [_("Unknown organisation.")]
    if payload.proposer_type == ProposerType.ASSOCIATION and payload.organisation is None:
        errors["organisation"] = [_("Give the organisation that makes the proposal.")]
    if errors:
        raise ValidationError(errors)
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
    proposal = proposal_pool().get(pk=proposal.pk)
    return 201, proposal_dict(proposal)


@router.get("/proposals", response=ProposalList, summary="The pool of action proposals")
def proposals(
    request: HttpRequest,
    municipality: str = "",
    theme: int | None = None,
    survey: int | None = None,
    page: int = 1,
) -> dict[str, Any]:
    place = _municipality(municipality) if municipality else None
    data = paginate(
        request, proposal_pool(municipality=place, theme_id=theme, survey_id=survey), page
    )
    data["results"] = [proposal_dict(p) for p in data["results"]]
    return data


@router.post(
    "/proposals/regroup",
    response={200: RegroupDone, 202: JobOut},
    auth=token_auth,
    summary="Re-run the automatic grouping of a municipality's proposals",
)
def regroup(request: HttpRequest, municipality: str) -> tuple[int, Any]:
    place = _municipality(municipality)
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
def grouping_job(request: HttpRequest, pk: int) -> dict[str, Any]:
    job = get_object_or_404(GroupingJob, pk=pk)
    return {
        "status": job.status,
        "proposals": job.proposal_count,
        "groups": job.group_count,
        "error": "failed" if job.error else "",
    }


@router.get(
    "/proposal-groups", response=GroupList, summary="Groups of similar proposals, with members"
)
def groups(request: HttpRequest, municipality: str, page: int = 1) -> dict[str, Any]:
    place = _municipality(municipality)
    qs = (
        ProposalGroup.objects.filter(municipality=place)
        .select_related("municipality")
        .prefetch_related("proposals")
        .order_by("id")
    )
    data = paginate(request, qs, page)
    data["results"] = [
        {
            "id": g.pk,
            "municipality": g.municipality.code,
            "theme": g.theme_id,
            "label": g.label,
            "keywords": g.keywords.split(),
            "locked": g.locked,
            "decision": g.decision,
            "members": sorted(p.pk for p in g.proposals.all()),
        }
        for g in data["results"]
    ]
    return data


@router.get(
    "/proposal-decisions",
    response=DecisionList,
    summary="Decisions of the wellbeing working group on proposals",
)
def decisions(
    request: HttpRequest, municipality: str = "", decision: str = "", page: int = 1
) -> dict[str, Any]:
    qs = Proposal.objects.exclude(decision="").select_related("measure").order_by("id")
    if municipality:
        qs = qs.filter(municipality=_municipality(municipality))
    if decision:
        if decision not in Decision.values:
            raise ValidationError({"decision": [_("Unknown decision.")]})
        qs = qs.filter(decision=decision)
    data = paginate(request, qs, page)
    data["results"] = [
        {
            "proposal": p.pk,
            "group": p.group_id,
            "decision": p.decision,
            "reason": p.decision_reason,
            "measure": p.measure_id,
            "measure_url": (
                request.build_absolute_uri(url) if (url := measure_url(p.measure)) else None
            ),
            "forwarded_to": p.forwarded_to,
            "merged_into": p.merged_into_id,
            "merged_into_group": p.merged_into_group_id,
            "decided_at": p.decided_at,
        }
        for p in data["results"]
    ]
    return data
