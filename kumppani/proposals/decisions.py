"""The working group's decisions on proposals and groups (always with a reason)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.accounts.audit import audit_record
from kumppani.associations.selectors import associations_in_municipality
from kumppani.proposals.models import Decision, Proposal, ProposalGroup, ProposerType
from kumppani.welfare.services import measure_create

if TYPE_CHECKING:
    from kumppani.accounts.models import User
    from kumppani.welfare.models import Goal, Measure


def _check_plan(municipality_id: int, goal: Goal | None, measure: Measure | None) -> None:
    if goal is not None and goal.theme.plan.municipality_id != municipality_id:
        raise ValidationError({"goal": [_("The goal belongs to another municipality's plan.")]})
    if measure is not None and measure.goal.theme.plan.municipality_id != municipality_id:
        raise ValidationError(
            {"measure": [_("The measure belongs to another municipality's plan.")]}
        )


@transaction.atomic
def decision_record(
    *,
    actor: User | None,
    decision: str,
    reason: str,
    proposal: Proposal | None = None,
    group: ProposalGroup | None = None,
    goal: Goal | None = None,
    measure: Measure | None = None,
    measure_title: str = "",
    responsible_unit: str = "",
    forwarded_to: str = "",
    merged_into_group: ProposalGroup | None = None,
    merged_into_proposal: Proposal | None = None,
) -> Proposal | ProposalGroup:
    """Decide a proposal or a group; a group's decision becomes each member's decision.

    Adopting creates a measure named ``measure_title`` (required) under ``goal`` (or links an
    existing ``measure``); the new measure follows the welfare plan's rules, so it needs a
    responsible municipal unit unless an association of the municipality made the proposal on
    its own.
    """
    if (proposal is None) == (group is None):
        raise ValidationError(_("Decide either a proposal or a group."))
    target: Proposal | ProposalGroup = proposal if proposal is not None else group  # type: ignore[assignment]
    reason = (reason or "").strip()
    forwarded_to = (forwarded_to or "").strip()
    errors: dict[str, list[str]] = {}
    if decision not in Decision.values:
        errors["decision"] = [_("Choose a decision.")]
    if not reason:
        errors["reason"] = [_("Give a reason for the decision.")]
    measure_title = " ".join((measure_title or "").split())
    if decision == Decision.ADOPTED and goal is None and measure is None:
        errors["goal"] = [_("Choose the goal of the plan, or an existing measure.")]
    if decision == Decision.ADOPTED and measure is None and not measure_title:
        errors["measure_title"] = [_("Give the new measure a name.")]
    if decision == Decision.FORWARDED and not forwarded_to:
        errors["forwarded_to"] = [_("Name the body the proposal is forwarded to.")]
    if decision == Decision.MERGED:
        into_self = (group is not None and merged_into_group == group) or (
            proposal is not None and merged_into_proposal == proposal
        )
        if merged_into_group is None and (group is not None or merged_into_proposal is None):
            errors["merged_into"] = [_("Choose what the proposal is merged into.")]
        elif into_self:
            errors["merged_into"] = [_("A proposal cannot be merged into itself.")]
        elif any(
            other is not None and other.municipality_id != target.municipality_id
            for other in (merged_into_group, merged_into_proposal)
        ):
            errors["merged_into"] = [_("Choose a proposal or group of the same municipality.")]
    if errors:
        raise ValidationError(errors)
    _check_plan(target.municipality_id, goal, measure)

    if decision == Decision.ADOPTED and measure is None:
        assert goal is not None
        association = None
        if (
            proposal is not None
            and proposal.proposer_type == ProposerType.ASSOCIATION
            and not proposal.together
            and proposal.association_id is not None
        ):
            association = (
                associations_in_municipality(target.municipality_id)
                .filter(pk=proposal.association_id)
                .first()
            )
        measure = measure_create(
            goal=goal,
            title_fi=measure_title,
            responsible_unit=responsible_unit.strip()[:200],
            responsible_association=association,
            actor=actor,
        )
    decision_change = {"decision": [target.decision, decision]}
    fields = {
        "decision": decision,
        "decision_reason": reason,
        "measure": measure if decision == Decision.ADOPTED else None,
        "forwarded_to": forwarded_to if decision == Decision.FORWARDED else "",
        "decided_at": timezone.now(),
        "decided_by": actor,
    }
    for name, value in fields.items():
        setattr(target, name, value)
    if isinstance(target, ProposalGroup):
        target.merged_into = merged_into_group if decision == Decision.MERGED else None
        target.locked = True
        target.save()
        Proposal.objects.filter(group=target).update(
            **fields,
            merged_into_group=target.merged_into,
            merged_into=None,
        )
    else:
        target.merged_into_group = merged_into_group if decision == Decision.MERGED else None
        target.merged_into = merged_into_proposal if decision == Decision.MERGED else None
        target.save()
    action = "proposal_group.decide" if group is not None else "proposal.decide"
    audit_record(actor=actor, action=action, target=target, summary=reason, changes=decision_change)
    return target
