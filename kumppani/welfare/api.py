"""The welfare plan in the public API. Themes are a stable part other apps and checks rely on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import Field

from kumppani.api.auth import token_auth
from kumppani.api.links import absolute_url
from kumppani.api.lookups import one_of
from kumppani.api.pagination import Page, paginate
from kumppani.associations.models import Association
from kumppani.associations.selectors import associations_in_municipality
from kumppani.core.limits import SHORT_TEXT
from kumppani.welfare import access, services
from kumppani.welfare.models import (
    ApprovalStage,
    Goal,
    IndicatorKind,
    Measure,
    MeasureStatus,
    Observation,
    Plan,
    PlanReview,
    Theme,
)
from kumppani.welfare.selectors import (
    IndicatorNode,
    ThemeNode,
    plan_reviews,
    plan_stages,
    plan_tree,
)

router = Router(tags=["welfare plan"])


class ThemeOut(Schema):
    id: int
    plan: int
    name_fi: str
    name_sv: str
    name_en: str
    order: int
    url: str

    @staticmethod
    def resolve_plan(t: Theme) -> int:
        return t.plan_id

    @staticmethod
    def resolve_url(t: Theme, context: dict[str, Any]) -> str:
        return absolute_url(context, t.get_absolute_url())


class PlanOut(Schema):
    id: int
    municipality: str
    title_fi: str
    title_sv: str
    title_en: str
    start_year: int
    end_year: int
    status: str
    rollup: str
    approved_on: dt.date | None
    url: str

    @staticmethod
    def resolve_municipality(p: Plan) -> str:
        return p.municipality.code

    @staticmethod
    def resolve_url(p: Plan, context: dict[str, Any]) -> str:
        return absolute_url(context, p.get_absolute_url())


class ValueOut(Schema):
    year: int
    value: Decimal


class IndicatorOut(Schema):
    """Rendered from a plan tree's ``IndicatorNode``."""

    id: int = Field(alias="indicator.pk")
    goal: int | None = Field(alias="indicator.goal_id")
    name_fi: str = Field(alias="indicator.name_fi")
    name_sv: str = Field(alias="indicator.name_sv")
    name_en: str = Field(alias="indicator.name_en")
    unit: str = Field(alias="indicator.unit")
    kind: str = Field(alias="indicator.kind")
    source: str = Field(alias="indicator.source")
    source_code: str = Field(alias="indicator.source_code")
    metric: str = Field(alias="indicator.metric")
    baseline_value: Decimal | None = Field(alias="indicator.baseline_value")
    baseline_year: int | None = Field(alias="indicator.baseline_year")
    target_value: Decimal | None = Field(alias="indicator.target_value")
    target_year: int | None = Field(alias="indicator.target_year")
    values: list[ValueOut]
    current_value: Decimal | None = Field(description="Live value of a platform-counted metric")

    @staticmethod
    def resolve_current_value(node: IndicatorNode) -> Decimal | None:
        return node.live_value if node.indicator.kind == IndicatorKind.PLATFORM else None


class MeasureOut(Schema):
    id: int
    goal: int
    theme: int
    plan: int
    title_fi: str
    title_sv: str
    title_en: str
    responsible_unit: str
    responsible_association: int | None
    responsible_association_name: str
    resources: str
    schedule: str
    status: str
    progress: int
    weight: int
    url: str

    @staticmethod
    def resolve_goal(m: Measure) -> int:
        return m.goal_id

    @staticmethod
    def resolve_theme(m: Measure) -> int:
        return m.goal.theme_id

    @staticmethod
    def resolve_plan(m: Measure) -> int:
        return m.goal.theme.plan_id

    @staticmethod
    def resolve_responsible_association(m: Measure) -> int | None:
        return m.responsible_association_id

    @staticmethod
    def resolve_responsible_association_name(m: Measure) -> str:
        return str(m.responsible_association or "")

    @staticmethod
    def resolve_url(m: Measure, context: dict[str, Any]) -> str:
        return absolute_url(context, m.get_absolute_url())


class GoalOut(Schema):
    """Rendered from a plan tree's ``GoalNode``."""

    id: int = Field(alias="goal.pk")
    title_fi: str = Field(alias="goal.title_fi")
    title_sv: str = Field(alias="goal.title_sv")
    title_en: str = Field(alias="goal.title_en")
    weight: int = Field(alias="goal.weight")
    progress: float | None
    measures: list[MeasureOut]
    indicators: list[IndicatorOut]


class ThemeTreeOut(Schema):
    """Rendered from a plan tree's ``ThemeNode``."""

    id: int = Field(alias="theme.pk")
    name_fi: str = Field(alias="theme.name_fi")
    name_sv: str = Field(alias="theme.name_sv")
    name_en: str = Field(alias="theme.name_en")
    order: int = Field(alias="theme.order")
    weight: int = Field(alias="theme.weight")
    progress: float | None
    goals: list[GoalOut]
    indicators: list[IndicatorOut]


class StageOut(Schema):
    body: str
    body_name: str
    date: dt.date
    decision: str


class ReviewOut(Schema):
    year: int
    date: dt.date
    summary_fi: str


class PlanDetailOut(PlanOut):
    progress: float | None
    themes: list[ThemeTreeOut]
    approval_stages: list[StageOut]
    reviews: list[ReviewOut]


@dataclass
class PlanDetail:
    """A plan with its tree, rendered by ``PlanDetailOut`` (the plan's own fields pass through)."""

    plan: Plan
    progress: float | None
    themes: list[ThemeNode]
    approval_stages: list[ApprovalStage]
    reviews: list[PlanReview]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.plan, name)


class ThemeIn(Schema):
    name_fi: str = Field(min_length=1, max_length=200)
    name_sv: str = Field(default="", max_length=200)
    name_en: str = Field(default="", max_length=200)
    description_fi: str = Field(default="", json_schema_extra={"maxLength": SHORT_TEXT})
    order: int | None = Field(default=None, ge=0, le=32_767)
    weight: int = Field(default=1, ge=0, le=1000)


class MeasureIn(Schema):
    title_fi: str = Field(min_length=1, max_length=300)
    title_sv: str = Field(default="", max_length=300)
    title_en: str = Field(default="", max_length=300)
    responsible_unit: str = Field(default="", max_length=200)
    responsible_association: int | None = None
    resources: str = Field(default="", json_schema_extra={"maxLength": SHORT_TEXT})
    schedule: str = Field(default="", max_length=200)
    status: MeasureStatus = MeasureStatus.PLANNED
    progress: int = Field(default=0, description="percent, 0–100")
    weight: int = Field(default=1, ge=0, le=1000)


class MeasurePatch(Schema):
    title_fi: str | None = Field(default=None, min_length=1, max_length=300)
    title_sv: str | None = Field(default=None, max_length=300)
    title_en: str | None = Field(default=None, max_length=300)
    responsible_unit: str | None = Field(default=None, max_length=200)
    resources: str | None = Field(default=None, json_schema_extra={"maxLength": SHORT_TEXT})
    schedule: str | None = Field(default=None, max_length=200)
    status: MeasureStatus | None = None
    progress: int | None = Field(default=None, description="percent, 0–100")
    weight: int | None = Field(default=None, ge=0, le=1000)


class ObservationIn(Schema):
    association: int
    text: str = Field(min_length=1, json_schema_extra={"maxLength": SHORT_TEXT})
    observed_on: dt.date | None = None


class ObservationOut(Schema):
    id: int
    theme: int
    association: int
    association_name: str
    text: str
    observed_on: dt.date

    @staticmethod
    def resolve_theme(o: Observation) -> int:
        return o.theme_id

    @staticmethod
    def resolve_association(o: Observation) -> int:
        return o.association_id

    @staticmethod
    def resolve_association_name(o: Observation) -> str:
        return str(o.association)


@router.get(
    "/themes", response=Page[ThemeOut], summary="Welfare-plan themes (stable; reused by others)"
)
def themes(
    request: HttpRequest, municipality: str = "", plan: int | None = None, page: int = 1
) -> dict[str, Any]:
    qs = Theme.objects.select_related("plan").order_by(
        "-plan__start_year", "plan_id", "order", "id"
    )
    if municipality:
        qs = qs.filter(plan__municipality__code=municipality[:3])
    if plan is not None:
        qs = qs.filter(plan_id=plan)
    return paginate(request, qs, page)


@router.get("/plans", response=Page[PlanOut], summary="Welfare plans of a municipality")
def plans(request: HttpRequest, municipality: str = "", page: int = 1) -> dict[str, Any]:
    qs = Plan.objects.select_related("municipality").order_by("municipality__code", "-start_year")
    if municipality:
        qs = qs.filter(municipality__code=municipality[:3])
    return paginate(request, qs, page)


@router.get("/plans/{int:pk}", response=PlanDetailOut, summary="A plan with its whole content")
def plan(request: HttpRequest, pk: int) -> PlanDetail:
    p = get_object_or_404(Plan.objects.select_related("municipality"), pk=pk)
    tree = plan_tree(plan=p, with_observations=False)
    for theme in tree.themes:
        theme.theme.plan = p
        for goal in theme.goals:
            goal.goal.theme = theme.theme
            for m in goal.measures:
                m.goal = goal.goal
    return PlanDetail(
        plan=p,
        progress=tree.progress,
        themes=tree.themes,
        approval_stages=plan_stages(p),
        reviews=plan_reviews(p),
    )


def _measure(pk: int) -> Measure:
    return get_object_or_404(
        Measure.objects.select_related(
            "goal__theme__plan__municipality__region", "responsible_association"
        ),
        pk=pk,
    )


@router.get("/measures/{int:pk}", response=MeasureOut, summary="One measure")
def measure(request: HttpRequest, pk: int) -> Measure:
    return _measure(pk)


@router.post(
    "/plans/{int:pk}/themes",
    response={201: ThemeOut},
    auth=token_auth,
    summary="Add a theme (liaison, wellbeing working group)",
)
def theme_create(request: HttpRequest, pk: int, payload: ThemeIn) -> tuple[int, Any]:
    p = get_object_or_404(Plan.objects.select_related("municipality__region"), pk=pk)
    if not access.can_edit_plan(request.user, p.municipality):
        raise PermissionDenied
    fields = payload.dict()
    if fields.get("order") is None:
        fields.pop("order")
    return 201, services.theme_create(plan=p, **fields)


@router.post(
    "/goals/{int:pk}/measures",
    response={201: MeasureOut},
    auth=token_auth,
    summary="Add a measure to a goal (liaison, wellbeing working group)",
)
def measure_create(request: HttpRequest, pk: int, payload: MeasureIn) -> tuple[int, Any]:
    goal = get_object_or_404(
        Goal.objects.select_related("theme__plan__municipality__region"), pk=pk
    )
    municipality = goal.theme.plan.municipality
    if not access.can_edit_plan(request.user, municipality):
        raise PermissionDenied
    fields = payload.dict()
    association_id = fields.pop("responsible_association")
    association = None
    if association_id is not None:  # whose association it may be is the service's rule
        association = one_of(
            Association.objects.all(),
            association_id,
            field="responsible_association",
            message=_("Unknown association of the municipality."),
        )
    m = services.measure_create(
        goal=goal,
        responsible_association=association,
        actor=request.auth,  # type: ignore[attr-defined]
        **fields,
    )
    return 201, m


@router.patch(
    "/measures/{int:pk}",
    response=MeasureOut,
    auth=token_auth,
    summary="Update a measure, e.g. its status and progress (liaison, wellbeing working group)",
)
def measure_update(request: HttpRequest, pk: int, payload: MeasurePatch) -> Measure:
    m = _measure(pk)
    if not access.can_edit_plan(request.user, m.goal.theme.plan.municipality):
        raise PermissionDenied
    fields = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    return services.measure_update(measure=m, **fields)


@router.post(
    "/themes/{int:pk}/observations",
    response={201: ObservationOut},
    auth=token_auth,
    summary="Submit experiential knowledge on a theme (the association's representatives)",
)
def observation_create(request: HttpRequest, pk: int, payload: ObservationIn) -> tuple[int, Any]:
    theme = get_object_or_404(Theme.objects.select_related("plan__municipality"), pk=pk)
    candidates = associations_in_municipality(theme.plan.municipality_id)
    allowed = access.observation_associations(request.user, candidates.values_list("pk", flat=True))
    if payload.association not in allowed:
        raise PermissionDenied
    association = candidates.get(pk=payload.association)
    return 201, services.observation_submit(
        theme=theme,
        association=association,
        actor=request.auth,  # type: ignore[attr-defined]
        text=payload.text,
        observed_on=payload.observed_on,
    )
