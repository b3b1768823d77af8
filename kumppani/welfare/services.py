"""Writes for the welfare plan."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

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

PLAN_FIELDS = ("title_fi", "title_sv", "title_en", "start_year", "end_year", "rollup")
THEME_FIELDS = (
    "name_fi",
    "name_sv",
    "name_en",
    "description_fi",
    "description_sv",
    "description_en",
    "order",
    "weight",
)
GOAL_FIELDS = ("title_fi", "title_sv", "title_en", "weight", "order")
MEASURE_FIELDS = (
    "title_fi",
    "title_sv",
    "title_en",
    "responsible_unit",
    "responsible_association",
    "resources",
    "schedule",
    "status",
    "progress",
    "weight",
)
INDICATOR_FIELDS = (
    "goal",
    "name_fi",
    "name_sv",
    "name_en",
    "unit",
    "kind",
    "source",
    "source_code",
    "metric",
    "baseline_value",
    "baseline_year",
    "target_value",
    "target_year",
    "order",
)


def _check(fields: dict[str, Any], allowed: tuple[str, ...], what: str) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unknown {what} fields: {sorted(unknown)}")


def _apply(obj: Any, fields: dict[str, Any]) -> None:
    for key, value in fields.items():
        setattr(obj, key, value)
    obj.full_clean()
    obj.save()


# --- plan, themes, goals, measures ------------------------------------------------------------


@transaction.atomic
def plan_create(
    *, municipality: Municipality, title_fi: str, start_year: int, end_year: int, **extra: Any
) -> Plan:
    _check(extra, PLAN_FIELDS, "plan")
    plan = Plan(municipality=municipality)
    _apply(plan, {"title_fi": title_fi, "start_year": start_year, "end_year": end_year, **extra})
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, **fields: Any) -> Plan:
    _check(fields, PLAN_FIELDS, "plan")
    _apply(plan, fields)
    return plan


@transaction.atomic
def theme_create(*, plan: Plan, name_fi: str, **extra: Any) -> Theme:
    _check(extra, THEME_FIELDS, "theme")
    if "order" not in extra:
        extra["order"] = plan.themes.count() + 1
    theme = Theme(plan=plan)
    _apply(theme, {"name_fi": name_fi, **extra})
    return theme


@transaction.atomic
def theme_update(*, theme: Theme, **fields: Any) -> Theme:
    _check(fields, THEME_FIELDS, "theme")
    _apply(theme, fields)
    return theme


@transaction.atomic
def goal_create(*, theme: Theme, title_fi: str, **extra: Any) -> Goal:
    _check(extra, GOAL_FIELDS, "goal")
    if "order" not in extra:
        extra["order"] = theme.goals.count() + 1
    goal = Goal(theme=theme)
    _apply(goal, {"title_fi": title_fi, **extra})
    return goal


@transaction.atomic
def goal_update(*, goal: Goal, **fields: Any) -> Goal:
    _check(fields, GOAL_FIELDS, "goal")
    _apply(goal, fields)
    return goal


def _measure_validate(measure: Measure) -> None:
    if measure.progress is not None and measure.progress > 100:
        raise ValidationError({"progress": _("Progress is a percentage from 0 to 100.")})


@transaction.atomic
def measure_create(
    *,
    goal: Goal,
    title_fi: str,
    responsible_unit: str = "",
    responsible_association: Association | None = None,
    created_by: User | None = None,
    **extra: Any,
) -> Measure:
    """Create a measure under a goal (also used when a proposal is adopted as a measure)."""
    _check(extra, MEASURE_FIELDS, "measure")
    measure = Measure(
        goal=goal,
        title_fi=title_fi,
        responsible_unit=responsible_unit,
        responsible_association=responsible_association,
        created_by=created_by if created_by is not None and created_by.pk else None,
        **extra,
    )
    _measure_validate(measure)
    measure.full_clean()
    measure.save()
    return measure


@transaction.atomic
def measure_update(*, measure: Measure, **fields: Any) -> Measure:
    _check(fields, MEASURE_FIELDS, "measure")
    for key, value in fields.items():
        setattr(measure, key, value)
    _measure_validate(measure)
    measure.full_clean()
    measure.save()
    return measure


# --- indicators -------------------------------------------------------------------------------


def _indicator_validate(indicator: Indicator) -> None:
    from kumppani.welfare.selectors import METRICS

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


@transaction.atomic
def indicator_create(*, theme: Theme, name_fi: str, **extra: Any) -> Indicator:
    _check(extra, INDICATOR_FIELDS, "indicator")
    indicator = Indicator(theme=theme, name_fi=name_fi, **extra)
    if indicator.kind != IndicatorKind.PLATFORM:
        indicator.metric = ""
    _indicator_validate(indicator)
    indicator.full_clean()
    indicator.save()
    return indicator


@transaction.atomic
def indicator_update(*, indicator: Indicator, **fields: Any) -> Indicator:
    _check(fields, INDICATOR_FIELDS, "indicator")
    for key, value in fields.items():
        setattr(indicator, key, value)
    if indicator.kind != IndicatorKind.PLATFORM:
        indicator.metric = ""
    _indicator_validate(indicator)
    indicator.full_clean()
    indicator.save()
    return indicator


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
    *, plan: Plan, year: int, date: dt.date, summary_fi: str, **extra: Any
) -> PlanReview:
    """Record the yearly review of a year of the plan (a second save for a year corrects it)."""
    _check(extra, ("summary_sv", "summary_en"), "review")
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
    review.summary_fi = summary_fi
    for key, value in extra.items():
        setattr(review, key, value)
    review.full_clean(validate_unique=False)
    review.save()
    return review


# --- experiential knowledge -------------------------------------------------------------------


@transaction.atomic
def observation_submit(
    *,
    theme: Theme,
    association: Association,
    submitted_by: User | None,
    text: str,
    observed_on: dt.date | None = None,
) -> Observation:
    observation = Observation(
        theme=theme,
        association=association,
        submitted_by=submitted_by,
        text=text.strip(),
        observed_on=observed_on or timezone.localdate(),
    )
    if observation.observed_on > timezone.localdate():
        raise ValidationError({"observed_on": _("The date cannot be in the future.")})
    observation.full_clean()
    observation.save()
    return observation


@transaction.atomic
def observation_hide(*, observation: Observation, hidden_by: User, reason: str) -> Observation:
    """Hide inappropriate experiential knowledge from the public pages; it is kept, not deleted."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"hidden_reason": _("Give the reason for hiding.")})
    observation.hidden = True
    observation.hidden_reason = reason
    observation.hidden_by = hidden_by
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
    body_name: str = "",
    recorded_by: User | None = None,
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
        recorded_by=recorded_by if recorded_by is not None and recorded_by.pk else None,
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
