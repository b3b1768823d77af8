"""The audit log in the reader's language: action names, target links and changed fields."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kumppani.accounts.models import AuditEvent

ACTION_LABELS: dict[str, Promise] = {
    "agent.pair": _("Paired an agent with an association"),
    "agent.unpair": _("Ended an agent's pairing"),
    "agreement.create": _("Created an agreement"),
    "agreement.update": _("Edited an agreement"),
    "api_token.create": _("Created an API token"),
    "association.create": _("Registered an association"),
    "association.update": _("Edited an association"),
    "association.confirm": _("Confirmed an association's details"),
    "association.orphaned": _("Recorded that an association has no representative"),
    "board_member.add": _("Added a board member"),
    "board_member.remove": _("Removed a board member"),
    "grant_application.reopen": _("Reopened a grant application"),
    "grant_application.start": _("Started a grant application"),
    "grant_application.submit": _("Submitted a grant application"),
    "grant_payment.delete": _("Removed a grant payment"),
    "grant_payment.paid": _("Recorded a grant payment as paid"),
    "grant_payment.schedule": _("Scheduled a grant payment"),
    "grant_use_report.accept": _("Accepted a grant use report"),
    "grant_use_report.submit": _("Submitted a grant use report"),
    "grants.criterion.create": _("Added an assessment criterion"),
    "grants.criterion.delete": _("Removed an assessment criterion"),
    "grants.criterion.update": _("Edited an assessment criterion"),
    "grants.decision_made": _("Decided a grant application"),
    "grants.period.create": _("Created a common application period"),
    "grants.period.delete": _("Removed a common application period"),
    "grants.period.update": _("Edited a common application period"),
    "grants.programme.create": _("Created a grant programme"),
    "grants.programme.update": _("Edited a grant programme"),
    "grants.question.create": _("Added an application question"),
    "grants.question.delete": _("Removed an application question"),
    "grants.question.update": _("Edited an application question"),
    "grants.recusal_automatic": _("Recused a reviewer for a conflict of interest"),
    "grants.recusal_declared": _("Declared a conflict of interest"),
    "grants.review_saved": _("Reviewed a grant application"),
    "grants.reviewer.add": _("Named a grant reviewer"),
    "grants.reviewer.remove": _("Removed a grant reviewer"),
    "forum.attendance": _("Recorded attendance"),
    "forum.create": _("Created a forum"),
    "forum.invite": _("Invited associations to a forum"),
    "forum.minutes": _("Recorded the minutes of a forum"),
    "forum.update": _("Edited a forum"),
    "guide.publish": _("Published a guide version"),
    "guide.start": _("Started a guide"),
    "liaison.create": _("Named a liaison"),
    "liaison.delete": _("Removed a liaison"),
    "liaison.update": _("Edited a liaison"),
    "network.material_add": _("Added network material"),
    "practice.adopt": _("Recorded the adoption of a good practice"),
    "practice.create": _("Added a good practice"),
    "proposal.decide": _("Decided a proposal"),
    "proposal_group.decide": _("Decided a group of proposals"),
    "proposal_group.merge": _("Merged groups of proposals"),
    "proposal_group.split": _("Split a group of proposals"),
    "score.save": _("Scored"),
    "registration.cancel": _("Cancelled a registration"),
    "registration.create": _("Registered for a forum"),
    "registration.update": _("Edited a registration"),
    "representative.accept": _("Accepted a representative invitation"),
    "representative.invite": _("Invited a representative"),
    "representative.remove": _("Removed a representative"),
    "representative.invite_again": _("Invited a representative again"),
    "representative.withdraw_invitation": _("Withdrew a representative invitation"),
    "representation_request.create": _("Asked to represent an association"),
    "representation_request.approved": _("Approved a request to represent an association"),
    "representation_request.declined": _("Declined a request to represent an association"),
    "role.assign": _("Assigned a role"),
    "role.invite": _("Invited a new user to a role"),
    "role.remove": _("Removed a role"),
    "cooperation_plan.create": _("Created a cooperation plan"),
    "cooperation_plan.update": _("Edited a cooperation plan"),
    "survey.create": _("Created a survey"),
    "survey.invite": _("Sent survey invitations"),
    "user.erase": _("Erased an account"),
    "welfare_plan.approval": _("Recorded an approval stage of a plan"),
    "welfare_plan.create": _("Created a wellbeing plan"),
    "welfare_plan.update": _("Edited a wellbeing plan"),
}


@dataclass(frozen=True)
class Change:
    field: str
    old: object
    new: object


@dataclass(frozen=True)
class AuditRow:
    event: AuditEvent
    actor: str
    action: str
    target: str
    target_url: str
    changes: list[Change]


def action_label(action: str) -> str:
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _change(model: type[models.Model] | None, name: str, values: Sequence[object]) -> Change:
    """One changed field, named and valued in the reader's language where the model says how."""
    old, new = [*values, None, None][:2]
    try:
        field = model._meta.get_field(name) if model is not None else None
    except FieldDoesNotExist:
        field = None
    if field is None:
        return Change(name, old, new)
    verbose = str(getattr(field, "verbose_name", name))
    choices = dict(getattr(field, "flatchoices", None) or [])
    return Change(
        verbose[:1].upper() + verbose[1:],
        choices.get(old, old) if old not in (None, "") else old,
        choices.get(new, new) if new not in (None, "") else new,
    )


def _targets(events: Sequence[AuditEvent]) -> dict[tuple[str, str], models.Model]:
    """The events' objects that still exist: one query per kind of object on the page."""
    ids: dict[str, set[str]] = defaultdict(set)
    for event in events:
        if event.target_type and event.target_id:
            ids[event.target_type].add(event.target_id)
    found: dict[tuple[str, str], models.Model] = {}
    for label, keys in ids.items():
        model = _model(label)
        if model is None:
            continue
        # Non-null relations come along: names and links often use them (one query per kind).
        for pk, obj in model._default_manager.select_related().in_bulk(list(keys)).items():
            found[(label, str(pk))] = obj
    return found


def audit_rows(events: Sequence[AuditEvent]) -> list[AuditRow]:
    targets = _targets(events)
    rows = []
    for event in events:
        obj = targets.get((event.target_type, event.target_id))
        model = _model(event.target_type) if event.target_type else None
        if obj is not None:
            target = str(obj)
        elif model is not None:
            target = f"{model._meta.verbose_name} {event.target_id}"
        else:
            target = ""
        get_url = getattr(obj, "get_absolute_url", None)
        if event.actor is not None and event.actor.full_name:
            actor = f"{event.actor.full_name} ({event.actor.email})"
        else:
            actor = event.actor_email
        rows.append(
            AuditRow(
                event=event,
                actor=actor,
                action=action_label(event.action),
                target=target,
                target_url=get_url() if callable(get_url) else "",
                changes=[
                    _change(model, name, values) for name, values in (event.changes or {}).items()
                ],
            )
        )
    return rows
