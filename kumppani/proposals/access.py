"""Who may do what with action proposals; built only from kumppani.accounts.access primitives."""

from __future__ import annotations

from django.http import HttpRequest

from kumppani.accounts.access import AnyUser, has_municipal_role, is_admin, represents, require
from kumppani.accounts.models import Role
from kumppani.geography.models import Municipality
from kumppani.geography.selectors import municipality_or_404
from kumppani.proposals.models import Proposal, ProposalGroup, ProposerType
from kumppani.proposals.selectors import group_or_404


def can_assess(user: AnyUser, municipality_id: int) -> bool:
    """The wellbeing working group, the liaison who sits in it, and administrators: score,
    decide, regroup, edit groups and criteria, see the working group's page."""
    return is_admin(user) or has_municipal_role(
        user, municipality_id, Role.WELLBEING_GROUP, Role.LIAISON
    )


def can_score(user: AnyUser, municipality_id: int) -> bool:
    return can_assess(user, municipality_id)


def can_regroup(user: AnyUser, municipality_id: int) -> bool:
    return can_assess(user, municipality_id)


def can_submit(
    user: AnyUser, municipality_id: int, proposer_type: str, association_id: int | None
) -> bool:
    """Residents (logged in) for themselves; representatives for their association; liaisons,
    the working group and administrators also for municipal teams and stakeholders."""
    if not user.is_authenticated:
        return False
    if proposer_type == ProposerType.RESIDENT:
        return True
    if proposer_type == ProposerType.ASSOCIATION:
        return association_id is not None and (
            is_admin(user) or represents(user, association_id) or can_assess(user, municipality_id)
        )
    if proposer_type in (ProposerType.TEAM, ProposerType.STAKEHOLDER):
        return can_assess(user, municipality_id)
    return False


def can_see_proposal(user: AnyUser, proposal: Proposal) -> bool:
    """The proposer (the person or the association's representatives) and the assessors."""
    if can_assess(user, proposal.municipality_id):
        return True
    if not user.is_authenticated:
        return False
    if proposal.created_by_id is not None and proposal.created_by_id == user.pk:
        return True
    return proposal.association_id is not None and represents(user, proposal.association_id)


# --- fetch and authorise --------------------------------------------------------------------


def access_municipality_to_assess(request: HttpRequest, code: str) -> Municipality:
    """The municipality whose proposal pool the requester may assess, or 404 / 403."""
    municipality = municipality_or_404(code)
    require(can_assess(request.user, municipality.pk), request)
    return municipality


def access_group_to_assess(request: HttpRequest, pk: int) -> ProposalGroup:
    """The proposal group the requester may assess, or 404 / 403."""
    group = group_or_404(pk)
    require(can_assess(request.user, group.municipality_id), request)
    return group
