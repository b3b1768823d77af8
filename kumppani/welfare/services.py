"""Writes for the welfare plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kumppani.accounts.audit import audit_changes, audit_record, audit_snapshot
from kumppani.welfare.models import (
    BODY_RANK,
    ApprovalBody,
    ApprovalStage,
    Goal,
    Indicator,
    IndicatorKind,
    IndicatorValue,
    Measure,
    Observation,
    Plan,
    PlanReview,
    PlanStatus,
    Theme,
)

if TYPE_CHECKING:
    from kumppani.accounts.models import User
    from kumppani.associations.models import Association
    from kumppani.geography.models import Municipality


class PlanFields(TypedDict, total=False):
    title_sv: str
    title_en: str
    rollup: str


class PlanChanges(PlanFields, total=False):
    title_fi: str
    start_year: int
    end_year: int


class ThemeFields(TypedDict, total=False):
    name_sv: str
    name_en: str
    description_fi: str
    description_sv: str
    description_en: str
    order: int | None  # None or left out: after the last one
    weight: int


class ThemeChanges(ThemeFields, total=False):
    name_fi: str


class GoalFields(TypedDict, total=False):
    title_sv: str
    title_en: str
    weight: int
    order: int | None  # None or left out: after the last one


class GoalChanges(GoalFields, total=False):
    title_fi: str


class MeasureFields(TypedDict, total=False):
    title_sv: str
    title_en: str
    responsible_unit: str
    responsible_association: Association | None
    resources: str
    schedule: str
    status: str
    progress: int
    weight: int


class MeasureChanges(MeasureFields, total=False):
    title_fi: str


class IndicatorFields(TypedDict, total=False):
    goal: Goal | None
    name_sv: str
    name_en: str
    unit: str
    kind: str
    source: str
    source_code: str
    metric: str
    baseline_value: Decimal | None
    baseline_year: int | None
    target_value: Decimal | None
    target_year: int | None
    order: int


class IndicatorChanges(IndicatorFields, total=False):
    name_fi: str


def _save(obj: Model, changes: Mapping[str, object]) -> None:
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()


# --- plan, themes, goals, measures ------------------------------------------------------------
# The years' order (Plan.clean) and the 0–100 progress (Measure.progress) are checked by the
# models' validators, which full_clean() runs.


@transaction.atomic
def plan_create(
    *,
    municipality: Municipality,
    title_fi: str,
    start_year: int,
    end_year: int,
    actor: User | None = None,
    **fields: Unpack[PlanFields],
) -> Plan:
    plan = Plan(municipality=municipality, title_fi=title_fi)
    plan.start_year, plan.end_year = start_year, end_year
    _save(plan, fields)
    audit_record(actor=actor, action="welfare_plan.create", target=plan)
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, actor: User | None = None, **changes: Unpack[PlanChanges]) -> Plan:
    before = audit_snapshot(plan, changes)
    _save(plan, changes)
    audit_record(
        actor=actor, action="welfare_plan.update", target=plan, changes=audit_changes(before, plan)
    )
    return plan


@transaction.atomic
def theme_create(*, plan: Plan, name_fi: str, **fields: Unpack[ThemeFields]) -> Theme:
    theme = Theme(plan=plan, name_fi=name_fi)
    if fields.get("order") is None:
        fields["order"] = plan.themes.count() + 1
    _save(theme, fields)
    return theme


@transaction.atomic
def theme_update(*, theme: Theme, **changes: Unpack[ThemeChanges]) -> Theme:
    _save(theme, changes)
    return theme


@transaction.atomic
def goal_create(*, theme: Theme, title_fi: str, **fields: Unpack[GoalFields]) -> Goal:
    goal = Goal(theme=theme, title_fi=title_fi)
    if fields.get("order") is None:
        fields["order"] = theme.goals.count() + 1
    _save(goal, fields)
    return goal


@transaction.atomic
def goal_update(*, goal: Goal, **changes: Unpack[GoalChanges]) -> Goal:
    _save(goal, changes)
    return goal


def _measure_save(measure: Measure, changes: MeasureFields) -> Measure:
    """Apply ``changes``, check the measure's rules and save it."""
    from kumppani.associations.selectors import associations_in_municipality

    before = measure.responsible_association_id if measure.pk else None
    for name, value in changes.items():
        setattr(measure, name, value)
    errors: dict[str, str] = {}
    association_id = measure.responsible_association_id
    if not measure.responsible_unit.strip() and association_id is None:
        errors["responsible_unit"] = _(
            "Name the responsible municipal unit or choose the responsible association."
        )
    if association_id is not None and association_id != before:
        municipality_id = measure.goal.theme.plan.municipality_id
        if not associations_in_municipality(municipality_id).filter(pk=association_id).exists():
            errors["responsible_association"] = _("Unknown association of the municipality.")
    if errors:
        raise ValidationError(errors)
    _save(measure, {})
    return measure


@transaction.atomic
def measure_create(
    *, goal: Goal, title_fi: str, actor: User | None, **fields: Unpack[MeasureFields]
) -> Measure:
    """Create a measure under a goal (also used when a proposal is adopted as a measure).

    A municipal unit or an association of the municipality must be responsible for it.
    """
    measure = Measure(
        goal=goal,
        title_fi=title_fi,
        created_by=actor if actor is not None and actor.pk else None,
    )
    return _measure_save(measure, fields)


@transaction.atomic
def measure_update(*, measure: Measure, **changes: Unpack[MeasureChanges]) -> Measure:
    return _measure_save(measure, changes)


# --- indicators -------------------------------------------------------------------------------


def _indicator_save(indicator: Indicator, changes: IndicatorFields) -> Indicator:
    from kumppani.welfare.selectors import METRICS

    for name, value in changes.items():
        setattr(indicator, name, value)
    if indicator.kind != IndicatorKind.PLATFORM:
        indicator.metric = ""
    errors: dict[str, str] = {}
    if indicator.goal is not None and indicator.goal.theme_id != indicator.theme_id:
        errors["goal"] = _("The goal must belong to the same theme.")
    if indicator.kind == IndicatorKind.PLATFORM:
        if indicator.metric not in METRICS:
            errors["metric"] = _("Choose the metric the platform counts.")
    elif not indicator.source:
        errors["source"] = _("Name the source of the statistic, e.g. Sotkanet.")
    if errors:
        raise ValidationError(errors)
    _save(indicator, {})
    return indicator


@transaction.atomic
def indicator_create(*, theme: Theme, name_fi: str, **fields: Unpack[IndicatorFields]) -> Indicator:
    """Add an indicator: statistical ones name their source, platform ones their metric."""
    return _indicator_save(Indicator(theme=theme, name_fi=name_fi), fields)


@transaction.atomic
def indicator_update(*, indicator: Indicator, **changes: Unpack[IndicatorChanges]) -> Indicator:
    return _indicator_save(indicator, changes)


@transaction.atomic
def indicator_value_set(*, indicator: Indicator, year: int, value: Decimal) -> IndicatorValue:
    """Record (or correct) the indicator's value for a year."""
    row = IndicatorValue.objects.filter(indicator=indicator, year=year).first()
    if row is None:
        row = IndicatorValue(indicator=indicator, year=year)
    row.value = value
    row.full_clean(validate_unique=False)
    row.save()
    return row


# --- yearly reviews ---------------------------------------------------------------------------


@transaction.atomic
def review_save(
    *,
    plan: Plan,
    year: int,
    date: dt.date,
    summary_fi: str,
    summary_sv: str = "",
    summary_en: str = "",
) -> PlanReview:
    """Record the yearly review of a year of the plan (a second save for a year corrects it)."""
    if not plan.start_year <= year <= plan.end_year:
        raise ValidationError(
            {
                "year": _("The year must be within the plan period %(start)s–%(end)s.")
                % {"start": plan.start_year, "end": plan.end_year}
            }
        )
    review = PlanReview.objects.filter(plan=plan, year=year).first() or PlanReview(
        plan=plan, year=year
    )
    review.date = date
    review.summary_fi, review.summary_sv, review.summary_en = summary_fi, summary_sv, summary_en
    review.full_clean(validate_unique=False)
    review.save()
    return review


# --- experiential knowledge -------------------------------------------------------------------


@transaction.atomic
def observation_submit(
    *,
    theme: Theme,
    association: Association,
    actor: User | None,
    text: str,
    observed_on: dt.date | None = None,
) -> Observation:
    observation = Observation(
        theme=theme,
        association=association,
        submitted_by=actor,
        text=text.strip(),
        observed_on=observed_on or timezone.localdate(),
    )
    if observation.observed_on > timezone.localdate():
        raise ValidationError({"observed_on": _("The date cannot be in the future.")})
    observation.full_clean()
    observation.save()
    return observation


@transaction.atomic
def observation_hide(*, observation: Observation, actor: User, reason: str) -> Observation:
    """Hide inappropriate experiential knowledge from the public pages; it is kept, not deleted."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"hidden_reason": _("Give the reason for hiding.")})
    observation.hidden = True
    observation.hidden_reason = reason
    observation.hidden_by = actor
    observation.hidden_at = timezone.now()
    observation.full_clean()
    observation.save()
    return observation


@transaction.atomic
def observation_restore(*, observation: Observation) -> Observation:
    observation.hidden = False
    observation.hidden_reason = ""
    observation.hidden_by = None
    observation.hidden_at = None
    observation.save()
    return observation


# --- approval -------------------------------------------------------------------------------


def plan_snapshot(*, plan: Plan) -> dict[str, Any]:
    from kumppani.welfare.selectors import plan_content, plan_tree

    return plan_content(plan_tree(plan=plan, with_observations=False, with_metrics=False))


def _previous_stage_error(recorded: set[str], body: ApprovalBody) -> str | None:
    """Why ``body`` cannot be recorded yet: committee → board → council, none skipped.

    The working group's stage is optional, but only before the committees.
    """
    rank = BODY_RANK[body]
    later = [b for b in recorded if BODY_RANK[ApprovalBody(b)] > rank]
    if later:
        passed = max(later, key=lambda b: BODY_RANK[ApprovalBody(b)])
        return _(
            "The plan has already passed %(body)s; stages go working group, "
            "committees, board, council."
        ) % {"body": ApprovalBody(passed).label}
    if rank >= BODY_RANK[ApprovalBody.BOARD]:
        needed = next(b for b, r in BODY_RANK.items() if r == rank - 1)
        if needed.value not in recorded:
            return _("Record the decision of %(earlier)s before %(later)s.") % {
                "earlier": needed.label,
                "later": body.label,
            }
    return None


def approval_stage_check(*, plan: Plan, body: str, date: dt.date) -> None:
    """Raise the ValidationError recording this stage would raise (the order and the date)."""
    if plan.status == PlanStatus.APPROVED:
        raise ValidationError(_("The council has already approved this plan."))
    if body not in BODY_RANK:
        raise ValidationError({"body": _("Choose the body that decided.")})
    if date > timezone.localdate():
        raise ValidationError({"date": _("The date cannot be in the future.")})
    stages = list(plan.approval_stages.order_by("-date", "-id"))
    order_error = _previous_stage_error({s.body for s in stages}, ApprovalBody(body))
    if order_error:
        raise ValidationError({"body": order_error})
    if stages and date < stages[0].date:
        raise ValidationError(
            {
                "date": _("The date cannot be before the previous stage (%(date)s).")
                % {"date": date_format(stages[0].date, "DATE_FORMAT")}
            }
        )


@transaction.atomic
def approval_stage_record(
    *,
    plan: Plan,
    body: str,
    date: dt.date,
    decision: str,
    actor: User | None,
    body_name: str = "",
) -> ApprovalStage:
    """Record a decision; stages go working group → committees → board → council.

    A stage cannot be recorded before the one it follows (the working group's stage is
    optional), nor dated in the future or before the previous stage. The plan is "in approval"
    after the first stage and "approved" after the council; at that moment its content is stored
    as the approved version, which later edits do not change.
    """
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    approval_stage_check(plan=plan, body=body, date=date)
    stage = ApprovalStage(
        plan=plan,
        body=body,
        body_name=body_name,
        date=date,
        decision=decision.strip(),
        recorded_by=actor if actor is not None and actor.pk else None,
    )
    stage.full_clean()
    stage.save()
    if body == ApprovalBody.COUNCIL:
        plan.status = PlanStatus.APPROVED
        plan.approved_on = date
        plan.approved_snapshot = plan_snapshot(plan=plan)
    else:
        plan.status = PlanStatus.IN_APPROVAL
    plan.save(update_fields=["status", "approved_on", "approved_snapshot", "updated_at"])
    audit_record(actor=actor, action="welfare_plan.approval", target=plan, summary=str(stage))
    return stage
