"""Scoring and deciding a group or a single proposal; moving a proposal between groups."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kumppani.accounts.access import authenticated_user, require
from kumppani.core.forms import apply_validation_error
from kumppani.proposals import access
from kumppani.proposals.decisions import decision_record
from kumppani.proposals.forms import (
    DecisionForm,
    MergeForm,
    MoveForm,
    RenameForm,
    ScoreForm,
    SplitForm,
)
from kumppani.proposals.grouping_services import proposal_move
from kumppani.proposals.models import Criterion, Proposal, ProposalGroup
from kumppani.proposals.selectors import (
    criteria_of,
    group_or_404,
    measure_url,
    proposed_measure_title,
    spread_for,
)
from kumppani.proposals.services import criteria_ensure, scores_save


def _proposal(pk: int) -> Proposal:
    return get_object_or_404(
        Proposal.objects.select_related(
            "municipality",
            "theme",
            "association",
            "group",
            "measure",
            "merged_into_group",
            "survey",
            "forum",
        ),
        pk=pk,
    )


def _assessment(
    request: HttpRequest, criteria: list[Criterion], target: Proposal | ProposalGroup
) -> dict[str, Any]:
    kwargs: dict[str, Any] = (
        {"group": target} if isinstance(target, ProposalGroup) else {"proposal": target}
    )
    spread = spread_for(criteria=criteria, user=request.user, **kwargs)
    rows = [(c, spread.per_criterion.get(c.pk)) for c in criteria]
    kind = "group" if isinstance(target, ProposalGroup) else "proposal"
    return {
        "target": target,
        "score_url": reverse(f"proposals:{kind}_score", args=[target.pk]),
        "decide_url": reverse(f"proposals:{kind}_decide", args=[target.pk]),
        "criteria": criteria,
        "spread": spread,
        "spread_rows": rows,
        # Others' scores stay hidden until this member has scored (or the case is decided).
        "show_spread": spread.has_scored or bool(target.decision),
        "score_form": ScoreForm(criteria=criteria, mine=spread.mine),
        "measure_link": measure_url(target.measure),
    }


@require_GET
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = access.access_group_to_assess(request, pk)
    return _group_page(request, group)


def _group_page(
    request: HttpRequest, group: ProposalGroup, decision_form: DecisionForm | None = None
) -> HttpResponse:
    criteria = criteria_ensure(municipality=group.municipality)
    members = list(group.proposals.select_related("association").order_by("id"))
    context = {
        "group": group,
        "municipality": group.municipality,
        "members": members,
        "split_form": SplitForm(choices=[(str(p.pk), p.text) for p in members]),
        "rename_form": RenameForm(initial={"label": group.label}),
        "merge_form": MergeForm(group=group),
        "decision_form": (
            decision_form
            if decision_form is not None
            else DecisionForm(
                municipality=group.municipality,
                exclude_group=group.pk,
                initial={
                    "theme": group.theme_id,
                    "measure_title": proposed_measure_title(group),
                },
            )
        ),
        **_assessment(request, criteria, group),
    }
    return render(request, "proposals/group.html", context)


@require_GET
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    require(access.can_see_proposal(request.user, proposal), request)
    return _proposal_page(request, proposal)


def _proposal_page(
    request: HttpRequest, proposal: Proposal, decision_form: DecisionForm | None = None
) -> HttpResponse:
    can_assess = access.can_assess(request.user, proposal.municipality_id)
    context: dict[str, Any] = {
        "proposal": proposal,
        "municipality": proposal.municipality,
        "can_assess": can_assess,
        "measure_link": measure_url(proposal.measure),
    }
    if can_assess:
        criteria = criteria_ensure(municipality=proposal.municipality)
        context.update(_assessment(request, criteria, proposal))
        context["decision_form"] = decision_form or DecisionForm(
            municipality=proposal.municipality,
            initial={
                "theme": proposal.theme_id,
                "measure_title": proposed_measure_title(proposal),
            },
        )
        context["move_form"] = MoveForm(
            municipality=proposal.municipality, initial={"group": proposal.group_id}
        )
    return render(request, "proposals/proposal.html", context)


def _score(request: HttpRequest, target: Proposal | ProposalGroup) -> None:
    user = authenticated_user(request)
    require(access.can_score(user, target.municipality_id), request)
    criteria = criteria_of(target.municipality_id)
    form = ScoreForm(request.POST, criteria=criteria, mine={})
    if not form.is_valid():
        messages.error(request, _("Give a score from 1 to 5 for every criterion."))
        return
    kwargs: dict[str, Any] = (
        {"group": target} if isinstance(target, ProposalGroup) else {"proposal": target}
    )
    try:
        scores_save(actor=user, values=form.values(), **kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your scores were saved."))


@require_POST
def group_score(request: HttpRequest, pk: int) -> HttpResponse:
    group = group_or_404(pk)
    _score(request, group)
    return redirect(group)


@require_POST
def proposal_score(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    _score(request, proposal)
    return redirect(proposal)


def _decide(request: HttpRequest, target: Proposal | ProposalGroup) -> DecisionForm | None:
    """Record the decision; on an error, the form to show again with what was typed."""
    user = authenticated_user(request)
    require(access.can_assess(user, target.municipality_id), request)
    exclude = target.pk if isinstance(target, ProposalGroup) else None
    form = DecisionForm(request.POST, municipality=target.municipality, exclude_group=exclude)
    if not form.is_valid():
        messages.error(request, _("Check the decision: choose it and give a reason."))
        return form
    data = form.cleaned_data
    kwargs: dict[str, Any] = (
        {"group": target} if isinstance(target, ProposalGroup) else {"proposal": target}
    )
    try:
        decision_record(
            actor=user,
            decision=data["decision"],
            reason=data["reason"],
            goal=data.get("goal"),
            measure=data.get("measure"),
            measure_title=data.get("measure_title") or "",
            responsible_unit=data.get("responsible_unit") or "",
            forwarded_to=data.get("forwarded_to") or "",
            merged_into_group=data.get("merged_into_group"),
            merged_into_proposal=data.get("merged_into_proposal"),
            **kwargs,
        )
    except ValidationError as error:
        apply_validation_error(form, error)
        return form
    messages.success(request, _("The decision was recorded."))
    return None


@require_POST
def group_decide(request: HttpRequest, pk: int) -> HttpResponse:
    group = group_or_404(pk)
    form = _decide(request, group)
    if form is not None:
        return _group_page(request, group, form)
    return redirect(group)


@require_POST
def proposal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    form = _decide(request, proposal)
    if form is not None:
        return _proposal_page(request, proposal, form)
    return redirect(proposal)


@require_POST
def proposal_move_view(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    require(access.can_assess(request.user, proposal.municipality_id), request)
    form = MoveForm(request.POST, municipality=proposal.municipality)
    if form.is_valid():
        try:
            proposal_move(proposal=proposal, group=form.cleaned_data["group"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The proposal was moved."))
    else:
        messages.error(request, _("Choose a group."))
    return redirect(proposal)
