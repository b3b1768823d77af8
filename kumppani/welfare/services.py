"""Writes for the welfare plan."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.core.unset import UNSET, Unset, apply_changes
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


def _save(obj: Model) -> None:
    obj.full_clean()
    obj.save()


# --- plan, themes, goals, measures ------------------------------------------------------------


def _plan_save(plan: Plan) -> Plan:
    _save(plan)  # the years' order is checked by Plan.clean()
    return plan


@transaction.atomic
def plan_create(
    *,
    municipality: Municipality,
    title_fi: str,
    start_year: int,
    end_year: int,
    title_sv: str | Unset = UNSET,
    title_en: str | Unset = UNSET,
    rollup: str | Unset = UNSET,
) -> Plan:
    plan = Plan(municipality=municipality, title_fi=title_fi)
    plan.start_year, plan.end_year = start_year, end_year
    apply_changes(plan, title_sv=title_sv, title_en=title_en, rollup=rollup)
    return _plan_save(plan)


@transaction.atomic
def plan_update(
    *,
    plan: Plan,
    title_fi: str | Unset = UNSET,
    title_sv: str | Unset = UNSET,
    title_en: str | Unset = UNSET,
    start_year: int | Unset = UNSET,
    end_year: int | Unset = UNSET,
    rollup: str | Unset = UNSET,
) -> Plan:
    apply_changes(
        plan,
        title_fi=title_fi,
        title_sv=title_sv,
        title_en=title_en,
        start_year=start_year,
        end_year=end_year,
        rollup=rollup,
    )
    return _plan_save(plan)


@transaction.atomic
def theme_create(
    *,
    plan: Plan,
    name_fi: str,
    name_sv: str | Unset = UNSET,
    name_en: str | Unset = UNSET,
    description_fi: str | Unset = UNSET,
    description_sv: str | Unset = UNSET,
    description_en: str | Unset = UNSET,
    order: int | Unset | None = UNSET,
    weight: int | Unset = UNSET,
) -> Theme:
    """Add a theme; without an ``order`` it goes last."""
    theme = Theme(plan=plan, name_fi=name_fi)
    theme.order = plan.themes.count() + 1 if order is None or order is UNSET else order
    apply_changes(
        theme,
        name_sv=name_sv,
        name_en=name_en,
        description_fi=description_fi,
        description_sv=description_sv,
        description_en=description_en,
        weight=weight,
    )
    _save(theme)
    return theme


@transaction.atomic
def theme_update(
    *,
    theme: Theme,
    name_fi: str | Unset = UNSET,
    name_sv: str | Unset = UNSET,
    name_en: str | Unset = UNSET,
    description_fi: str | Unset = UNSET,
    description_sv: str | Unset = UNSET,
    description_en: str | Unset = UNSET,
    order: int | Unset = UNSET,
    weight: int | Unset = UNSET,
) -> Theme:
    apply_changes(
        theme,
        name_fi=name_fi,
        name_sv=name_sv,
        name_en=name_en,
        description_fi=description_fi,
        description_sv=description_sv,
        description_en=description_en,
        order=order,
        weight=weight,
    )
    _save(theme)
    return theme


@transaction.atomic
def goal_create(
    *,
    theme: Theme,
    title_fi: str,
    title_sv: str | Unset = UNSET,
    title_en: str | Unset = UNSET,
    weight: int | Unset = UNSET,
    order: int | Unset | None = UNSET,
) -> Goal:
    """Add a goal to a theme; without an ``order`` it goes last."""
    goal = Goal(theme=theme, title_fi=title_fi)
    goal.order = theme.goals.count() + 1 if order is None or order is UNSET else order
    apply_changes(goal, title_sv=title_sv, title_en=title_en, weight=weight)
    _save(goal)
    return goal


@transaction.atomic
def goal_update(
    *,
    goal: Goal,
    title_fi: str | Unset = UNSET,
    title_sv: str | Unset = UNSET,
    title_en: str | Unset = UNSET,
    weight: int | Unset = UNSET,
    order: int | Unset = UNSET,
) -> Goal:
    apply_changes(
        goal, title_fi=title_fi, title_sv=title_sv, title_en=title_en, weight=weight, order=order
    )
    _save(goal)
    return goal


def _measure_save(measure: Measure, *, association_changed: bool) -> Measure:
    """Check the measure's rules, then save it. Progress (0–100) is checked by the model field."""
    from kumppani.welfare.selectors import municipality_associations

    errors: dict[str, str] = {}
    association_id = measure.responsible_association_id
    if not measure.responsible_unit.strip() and association_id is None:
        errors["responsible_unit"] = _(
            "Name the responsible municipal unit or choose the responsible association."
        )
    if association_id is not None and association_changed:
        municipality_id = measure.goal.theme.plan.municipality_id
        if not municipality_associations(municipality_id).filter(pk=association_id).exists():
            errors["responsible_association"] = _("Unknown association of the municipality.")
    if errors:
        raise ValidationError(errors)
    _save(measure)
    return measure


@transaction.atomic
def measure_create(
    *,
    goal: Goal,
    title_fi: str,
    actor: User | None,
    title_sv: str | Unset = UNSET,
    title_en: str | Unset = UNSET,
    responsible_unit: str | Unset = UNSET,
    responsible_association: Association | Unset | None = UNSET,
    resources: str | Unset = UNSET,
    schedule: str | Unset = UNSET,
    status: str | Unset = UNSET,
    progress: int | Unset = UNSET,
    weight: int | Unset = UNSET,
) -> Measure:
    """Create a measure under a goal (also used when a proposal is adopted as a measure).

    A municipal unit or an association of the municipality must be responsible for it.
    """
    measure = Measure(
        goal=goal,
        title_fi=title_fi,
        created_by=actor if actor is not None and actor.pk else None,
    )
    apply_changes(
        measure,
        title_sv=title_sv,
        title_en=title_en,
        responsible_unit=responsible_unit,
        responsible_association=responsible_association,
        resources=resources,
        schedule=schedule,
        status=status,
        progress=progress,
        weight=weight,
    )
    return _measure_save(measure, association_changed=True)


@transaction.atomic
def measure_update(
    *,
    measure: Measure,
    title_fi: str | Unset = UNSET,
    title_sv: str | Unset = UNSET,
    title_en: str | Unset = UNSET,
    responsible_unit: str | Unset = UNSET,
    responsible_association: Association | Unset | None = UNSET,
    resources: str | Unset = UNSET,
    schedule: str | Unset = UNSET,
    status: str | Unset = UNSET,
    progress: int | Unset = UNSET,
    weight: int | Unset = UNSET,
) -> Measure:
    before = measure.responsible_association_id
    apply_changes(
        measure,
        title_fi=title_fi,
        title_sv=title_sv,
        title_en=title_en,
        responsible_unit=responsible_unit,
        responsible_association=responsible_association,
        resources=resources,
        schedule=schedule,
        status=status,
        progress=progress,
        weight=weight,
    )
    return _measure_save(measure, association_changed=measure.responsible_association_id != before)


# --- indicators -------------------------------------------------------------------------------


def _indicator_save(indicator: Indicator) -> Indicator:
    from kumppani.welfare.selectors import METRICS

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
    _save(indicator)
    return indicator


@transaction.atomic
def indicator_create(
    *,
    theme: Theme,
    name_fi: str,
    goal: Goal | Unset | None = UNSET,
    name_sv: str | Unset = UNSET,
    name_en: str | Unset = UNSET,
    unit: str | Unset = UNSET,
    kind: str | Unset = UNSET,
    source: str | Unset = UNSET,
    source_code: str | Unset = UNSET,
    metric: str | Unset = UNSET,
    baseline_value: Decimal | Unset | None = UNSET,
    baseline_year: int | Unset | None = UNSET,
    target_value: Decimal | Unset | None = UNSET,
    target_year: int | Unset | None = UNSET,
    order: int | Unset = UNSET,
) -> Indicator:
    """Add an indicator: statistical ones name their source, platform ones their metric."""
    indicator = Indicator(theme=theme, name_fi=name_fi)
    apply_changes(
        indicator,
        goal=goal,
        name_sv=name_sv,
        name_en=name_en,
        unit=unit,
        kind=kind,
        source=source,
        source_code=source_code,
        metric=metric,
        baseline_value=baseline_value,
        baseline_year=baseline_year,
        target_value=target_value,
        target_year=target_year,
        order=order,
    )
    return _indicator_save(indicator)


@transaction.atomic
def indicator_update(
    *,
    indicator: Indicator,
    goal: Goal | Unset | None = UNSET,
    name_fi: str | Unset = UNSET,
    name_sv: str | Unset = UNSET,
    name_en: str | Unset = UNSET,
    unit: str | Unset = UNSET,
    kind: str | Unset = UNSET,
    source: str | Unset = UNSET,
    source_code: str | Unset = UNSET,
    metric: str | Unset = UNSET,
    baseline_value: Decimal | Unset | None = UNSET,
    baseline_year: int | Unset | None = UNSET,
    target_value: Decimal | Unset | None = UNSET,
    target_year: int | Unset | None = UNSET,
    order: int | Unset = UNSET,
) -> Indicator:
    apply_changes(
        indicator,
        goal=goal,
        name_fi=name_fi,
        name_sv=name_sv,
        name_en=name_en,
        unit=unit,
        kind=kind,
        source=source,
        source_code=source_code,
        metric=metric,
        baseline_value=baseline_value,
        baseline_year=baseline_year,
        target_value=target_value,
        target_year=target_year,
        order=order,
    )
    return _indicator_save(indicator)


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
    summary_sv: str | Unset = UNSET,
    summary_en: str | Unset = UNSET,
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
    apply_changes(review, summary_fi=summary_fi, summary_sv=summary_sv, summary_en=summary_en)
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

    The plan is "in approval" after the first stage and "approved" after the council; at that
    moment its content is stored as the approved version, which later edits do not change.
    """
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status == PlanStatus.APPROVED:
        raise ValidationError(_("The council has already approved this plan."))
    last = plan.approval_stages.order_by("-date", "-id").first()
    if body not in BODY_RANK:
        raise ValidationError({"body": _("Choose the body that decided.")})
    if last is not None:
        if BODY_RANK[ApprovalBody(body)] < BODY_RANK[ApprovalBody(last.body)]:
            raise ValidationError(
                {
                    "body": _(
                        "The plan has already passed %(body)s; stages go working group, "
                        "committees, board, council."
                    )
                    % {"body": last.get_body_display()}
                }
            )
        if date < last.date:
            raise ValidationError(
                {
                    "date": _("The date cannot be before the previous stage (%(date)s).")
                    % {"date": last.date.strftime("%d.%m.%Y")}
                }
            )
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
    return stage
