"""The welfare plan in the public API. Themes are a stable part other apps and checks rely on."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import Field

from kumppani.api.auth import token_auth
from kumppani.api.pagination import paginate
from kumppani.welfare import access, services
from kumppani.welfare.models import (
    Goal,
    IndicatorKind,
    Measure,
    MeasureStatus,
    Observation,
    Plan,
    Theme,
)
from kumppani.welfare.selectors import (
    IndicatorNode,
    municipality_associations,
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


class ThemeList(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[ThemeOut]


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


class PlanList(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[PlanOut]


class ValueOut(Schema):
    year: int
    value: Decimal


class IndicatorOut(Schema):
    id: int
    goal: int | None
    name_fi: str
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
    values: list[ValueOut]
    current_value: Decimal | None = Field(description="Live value of a platform-counted metric")


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


class GoalOut(Schema):
    id: int
    title_fi: str
    title_sv: str
    title_en: str
    weight: int
    progress: float | None
    measures: list[MeasureOut]
    indicators: list[IndicatorOut]


class ThemeTreeOut(Schema):
    id: int
    name_fi: str
    name_sv: str
    name_en: str
    order: int
    weight: int
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


class ThemeIn(Schema):
    name_fi: str = Field(min_length=1, max_length=200)
    name_sv: str = Field(default="", max_length=200)
    name_en: str = Field(default="", max_length=200)
    description_fi: str = Field(default="", max_length=20_000)
    order: int | None = Field(default=None, ge=0, le=32_767)
    weight: int = Field(default=1, ge=0, le=1000)


class MeasureIn(Schema):
    title_fi: str = Field(min_length=1, max_length=300)
    title_sv: str = Field(default="", max_length=300)
    title_en: str = Field(default="", max_length=300)
    responsible_unit: str = Field(default="", max_length=200)
    responsible_association: int | None = None
    resources: str = Field(default="", max_length=20_000)
    schedule: str = Field(default="", max_length=200)
    status: MeasureStatus = MeasureStatus.PLANNED
    progress: int = Field(default=0, ge=0, le=100)
    weight: int = Field(default=1, ge=0, le=1000)


class MeasurePatch(Schema):
    title_fi: str | None = Field(default=None, min_length=1, max_length=300)
    title_sv: str | None = Field(default=None, max_length=300)
    title_en: str | None = Field(default=None, max_length=300)
    responsible_unit: str | None = Field(default=None, max_length=200)
    resources: str | None = Field(default=None, max_length=20_000)
    schedule: str | None = Field(default=None, max_length=200)
    status: MeasureStatus | None = None
    progress: int | None = Field(default=None, ge=0, le=100)
    weight: int | None = Field(default=None, ge=0, le=1000)


class ObservationIn(Schema):
    association: int
    text: str = Field(min_length=1, max_length=4000)
    observed_on: dt.date | None = None


class ObservationOut(Schema):
    id: int
    theme: int
    association: int
    association_name: str
    text: str
    observed_on: dt.date


def _url(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def theme_dict(request: HttpRequest, t: Theme) -> dict[str, Any]:
    return {
        "id": t.pk,
        "plan": t.plan_id,
        "name_fi": t.name_fi,
        "name_sv": t.name_sv,
        "name_en": t.name_en,
        "order": t.order,
        "url": _url(request, t.get_absolute_url()),
    }


def plan_dict(request: HttpRequest, p: Plan) -> dict[str, Any]:
    return {
        "id": p.pk,
        "municipality": p.municipality.code,
        "title_fi": p.title_fi,
        "title_sv": p.title_sv,
        "title_en": p.title_en,
        "start_year": p.start_year,
        "end_year": p.end_year,
        "status": p.status,
        "rollup": p.rollup,
        "approved_on": p.approved_on,
        "url": _url(request, p.get_absolute_url()),
    }


def measure_dict(request: HttpRequest, m: Measure, theme_id: int, plan_id: int) -> dict[str, Any]:
    return {
        "id": m.pk,
        "goal": m.goal_id,
        "theme": theme_id,
        "plan": plan_id,
        "title_fi": m.title_fi,
        "title_sv": m.title_sv,
        "title_en": m.title_en,
        "responsible_unit": m.responsible_unit,
        "responsible_association": m.responsible_association_id,
        "responsible_association_name": str(m.responsible_association or ""),
        "resources": m.resources,
        "schedule": m.schedule,
        "status": m.status,
        "progress": m.progress,
        "weight": m.weight,
        "url": _url(request, m.get_absolute_url()),
    }


def _indicator(node: IndicatorNode) -> dict[str, Any]:
    i = node.indicator
    return {
        "id": i.pk,
        "goal": i.goal_id,
        "name_fi": i.name_fi,
        "name_sv": i.name_sv,
        "name_en": i.name_en,
        "unit": i.unit,
        "kind": i.kind,
        "source": i.source,
        "source_code": i.source_code,
        "metric": i.metric,
        "baseline_value": i.baseline_value,
        "baseline_year": i.baseline_year,
        "target_value": i.target_value,
        "target_year": i.target_year,
        "values": [{"year": v.year, "value": v.value} for v in node.values],
        "current_value": node.live_value if i.kind == IndicatorKind.PLATFORM else None,
    }


@router.get("/themes", response=ThemeList, summary="Welfare-plan themes (stable; reused by others)")
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
    data = paginate(request, qs, page)
    data["results"] = [theme_dict(request, t) for t in data["results"]]
    return data


@router.get("/plans", response=PlanList, summary="Welfare plans of a municipality")
def plans(request: HttpRequest, municipality: str = "", page: int = 1) -> dict[str, Any]:
    qs = Plan.objects.select_related("municipality").order_by("municipality__code", "-start_year")
    if municipality:
        qs = qs.filter(municipality__code=municipality[:3])
    data = paginate(request, qs, page)
    data["results"] = [plan_dict(request, p) for p in data["results"]]
    return data


@router.get("/plans/{int:pk}", response=PlanDetailOut, summary="A plan with its whole content")
def plan(request: HttpRequest, pk: int) -> dict[str, Any]:
    p = get_object_or_404(Plan.objects.select_related("municipality"), pk=pk)
    tree = plan_tree(plan=p, with_observations=False)
    out = plan_dict(request, p)
    out["progress"] = tree.progress
    out["themes"] = [
        {
            "id": t.theme.pk,
            "name_fi": t.theme.name_fi,
            "name_sv": t.theme.name_sv,
            "name_en": t.theme.name_en,
            "order": t.theme.order,
            "weight": t.theme.weight,
            "progress": t.progress,
            "indicators": [_indicator(n) for n in t.indicators],
            "goals": [
                {
                    "id": g.goal.pk,
                    "title_fi": g.goal.title_fi,
                    "title_sv": g.goal.title_sv,
                    "title_en": g.goal.title_en,
                    "weight": g.goal.weight,
                    "progress": g.progress,
                    "measures": [measure_dict(request, m, t.theme.pk, p.pk) for m in g.measures],
                    "indicators": [_indicator(n) for n in g.indicators],
                }
                for g in t.goals
            ],
        }
        for t in tree.themes
    ]
    out["approval_stages"] = [
        {"body": s.body, "body_name": s.body_name, "date": s.date, "decision": s.decision}
        for s in plan_stages(p)
    ]
    out["reviews"] = [
        {"year": r.year, "date": r.date, "summary_fi": r.summary_fi} for r in plan_reviews(p)
    ]
    return out


def _measure(pk: int) -> Measure:
    return get_object_or_404(
        Measure.objects.select_related(
            "goal__theme__plan__municipality__region", "responsible_association"
        ),
        pk=pk,
    )


@router.get("/measures/{int:pk}", response=MeasureOut, summary="One measure")
def measure(request: HttpRequest, pk: int) -> dict[str, Any]:
    m = _measure(pk)
    return measure_dict(request, m, m.goal.theme_id, m.goal.theme.plan_id)


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
    theme = services.theme_create(plan=p, **fields)
    return 201, theme_dict(request, theme)


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
    if association_id is not None:
        association = municipality_associations(municipality.pk).filter(pk=association_id).first()
        if association is None:
            raise ValidationError(
                {"responsible_association": [_("Unknown association of the municipality.")]}
            )
    if not fields["responsible_unit"] and association is None:
        raise ValidationError(
            {"responsible_unit": [_("Name the responsible unit or association.")]}
        )
    m = services.measure_create(
        goal=goal,
        responsible_association=association,
        actor=request.auth,  # type: ignore[attr-defined]
        **fields,
    )
    return 201, measure_dict(request, m, goal.theme_id, goal.theme.plan_id)


@router.patch(
    "/measures/{int:pk}",
    response=MeasureOut,
    auth=token_auth,
    summary="Update a measure, e.g. its status and progress (liaison, wellbeing working group)",
)
def measure_update(request: HttpRequest, pk: int, payload: MeasurePatch) -> dict[str, Any]:
    m = _measure(pk)
    if not access.can_edit_plan(request.user, m.goal.theme.plan.municipality):
        raise PermissionDenied
    fields = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    services.measure_update(measure=m, **fields)
    return measure_dict(request, m, m.goal.theme_id, m.goal.theme.plan_id)


@router.post(
    "/themes/{int:pk}/observations",
    response={201: ObservationOut},
    auth=token_auth,
    summary="Submit experiential knowledge on a theme (the association's representatives)",
)
def observation_create(request: HttpRequest, pk: int, payload: ObservationIn) -> tuple[int, Any]:
    theme = get_object_or_404(Theme.objects.select_related("plan__municipality"), pk=pk)
    candidates = municipality_associations(theme.plan.municipality_id)
    allowed = access.observation_associations(request.user, candidates.values_list("pk", flat=True))
    if payload.association not in allowed:
        raise PermissionDenied
    association = candidates.get(pk=payload.association)
    o: Observation = services.observation_submit(
        theme=theme,
        association=association,
        actor=request.auth,  # type: ignore[attr-defined]
        text=payload.text,
        observed_on=payload.observed_on,
    )
    return 201, {
        "id": o.pk,
        "theme": theme.pk,
        "association": association.pk,
        "association_name": str(association),
        "text": o.text,
        "observed_on": o.observed_on,
    }
