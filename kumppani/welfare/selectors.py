"""Reads for the welfare plan: the plan tree with its progress roll-up, and platform metrics.

``plan_tree`` loads a whole plan (themes, goals, measures, indicators with yearly values,
experiential knowledge, live platform metrics) in a constant number of queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kumppani.associations.models import Association
from kumppani.geography.models import Municipality
from kumppani.welfare.models import (
    ApprovalStage,
    Goal,
    Indicator,
    IndicatorKind,
    IndicatorValue,
    Measure,
    MeasureStatus,
    Observation,
    Plan,
    PlanReview,
    RollupMethod,
    Theme,
)

# --- platform metrics ------------------------------------------------------------------------


@dataclass(frozen=True)
class Metric:
    key: str
    label: str | Promise
    unit: str
    compute: Callable[[Municipality], Decimal | None]


def _active_here(municipality: Municipality) -> QuerySet[Association]:
    return Association.objects.filter(is_active=True, home_municipality=municipality)


def _sote_premises_share(municipality: Municipality) -> Decimal | None:
    counts = (
        _active_here(municipality)
        .filter(categories__slug="social-health")
        .aggregate(
            total=Count("id", distinct=True),
            premises=Count("id", filter=Q(uses_municipal_premises=True), distinct=True),
        )
    )
    if not counts["total"]:
        return None
    share = Decimal(100 * counts["premises"]) / Decimal(counts["total"])
    return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _active_associations(municipality: Municipality) -> Decimal | None:
    return Decimal(_active_here(municipality).count())


def _premises_share_all(municipality: Municipality) -> Decimal | None:
    counts = _active_here(municipality).aggregate(
        total=Count("id"), premises=Count("id", filter=Q(uses_municipal_premises=True))
    )
    if not counts["total"]:
        return None
    share = Decimal(100 * counts["premises"]) / Decimal(counts["total"])
    return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _observations_count(municipality: Municipality) -> Decimal | None:
    return Decimal(
        Observation.objects.filter(theme__plan__municipality=municipality, hidden=False).count()
    )


METRICS: dict[str, Metric] = {
    m.key: m
    for m in (
        Metric(
            "sote_premises_share",
            _("Share of social and health associations using municipal premises"),
            "%",
            _sote_premises_share,
        ),
        Metric(
            "premises_share",
            _("Share of all associations using municipal premises"),
            "%",
            _premises_share_all,
        ),
        Metric("active_associations", _("Number of active associations"), "", _active_associations),
        Metric(
            "observations",
            _("Pieces of experiential knowledge submitted"),
            "",
            _observations_count,
        ),
    )
}


def metric_choices() -> list[tuple[str, str]]:
    return [(m.key, str(m.label)) for m in METRICS.values()]


def metric_values(municipality: Municipality, keys: Iterable[str]) -> dict[str, Decimal | None]:
    """Live values of the named metrics (one or two queries per distinct metric)."""
    return {key: METRICS[key].compute(municipality) for key in sorted(set(keys)) if key in METRICS}


# --- roll-up ---------------------------------------------------------------------------------


def rollup(parts: Iterable[tuple[float | None, int]], *, weighted: bool) -> float | None:
    """Average of (progress, weight) pairs; parts without progress are left out."""
    total = 0.0
    weights = 0
    for progress, weight in parts:
        if progress is None:
            continue
        w = weight if weighted else 1
        total += progress * w
        weights += w
    if weights == 0:
        return None
    return total / weights


@dataclass
class IndicatorNode:
    indicator: Indicator
    values: list[IndicatorValue]
    live_value: Decimal | None = None
    metric_label: str = ""

    @property
    def latest(self) -> IndicatorValue | None:
        return self.values[-1] if self.values else None


@dataclass
class GoalNode:
    goal: Goal
    measures: list[Measure] = field(default_factory=list)
    indicators: list[IndicatorNode] = field(default_factory=list)
    progress: float | None = None


@dataclass
class ThemeNode:
    theme: Theme
    goals: list[GoalNode] = field(default_factory=list)
    indicators: list[IndicatorNode] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    progress: float | None = None

    @property
    def all_indicators(self) -> list[IndicatorNode]:
        return self.indicators + [node for goal in self.goals for node in goal.indicators]

    @property
    def measure_count(self) -> int:
        return sum(len(goal.measures) for goal in self.goals)


@dataclass
class PlanTree:
    plan: Plan
    themes: list[ThemeNode]
    progress: float | None

    @property
    def measure_count(self) -> int:
        return sum(theme.measure_count for theme in self.themes)


def _measure_progress(measure: Measure) -> float | None:
    if measure.status == MeasureStatus.CANCELLED:
        return None
    return float(measure.progress)


def plan_tree(
    *,
    plan: Plan,
    theme_ids: Iterable[int] | None = None,
    include_hidden: bool = False,
    with_observations: bool = True,
    with_metrics: bool = True,
) -> PlanTree:
    """The plan's content with roll-up progress; a constant number of queries.

    Measure progress rolls up to goals, goals to themes and themes to the plan, as a plain or a
    weighted average (``Plan.rollup``). Cancelled measures and parts without measures are left
    out of the averages.
    """
    weighted = plan.rollup == RollupMethod.WEIGHTED
    themes_qs = Theme.objects.filter(plan=plan)
    if theme_ids is not None:
        themes_qs = themes_qs.filter(pk__in=list(theme_ids))
    themes = list(themes_qs)
    ids = [t.pk for t in themes]
    goals = list(Goal.objects.filter(theme_id__in=ids))
    measures = list(
        Measure.objects.filter(goal__theme_id__in=ids).select_related("responsible_association")
    )
    indicators = list(Indicator.objects.filter(theme_id__in=ids).prefetch_related("values"))
    observations: list[Observation] = []
    if with_observations:
        obs_qs = Observation.objects.filter(theme_id__in=ids).select_related("association")
        if not include_hidden:
            obs_qs = obs_qs.filter(hidden=False)
        observations = list(obs_qs)
    metric_keys = {i.metric for i in indicators if i.kind == IndicatorKind.PLATFORM and i.metric}
    live = metric_values(plan.municipality, metric_keys) if metric_keys and with_metrics else {}

    measures_by_goal: dict[int, list[Measure]] = defaultdict(list)
    for m in measures:
        measures_by_goal[m.goal_id].append(m)
    ind_nodes_by_goal: dict[int, list[IndicatorNode]] = defaultdict(list)
    ind_nodes_by_theme: dict[int, list[IndicatorNode]] = defaultdict(list)
    for ind in indicators:
        node = IndicatorNode(indicator=ind, values=list(ind.values.all()))
        if ind.kind == IndicatorKind.PLATFORM and ind.metric in METRICS:
            node.live_value = live.get(ind.metric)
            node.metric_label = str(METRICS[ind.metric].label)
        if ind.goal_id is not None:
            ind_nodes_by_goal[ind.goal_id].append(node)
        else:
            ind_nodes_by_theme[ind.theme_id].append(node)
    obs_by_theme: dict[int, list[Observation]] = defaultdict(list)
    for o in observations:
        obs_by_theme[o.theme_id].append(o)
    goals_by_theme: dict[int, list[GoalNode]] = defaultdict(list)
    for g in goals:
        ms = measures_by_goal.get(g.pk, [])
        node_g = GoalNode(
            goal=g,
            measures=ms,
            indicators=ind_nodes_by_goal.get(g.pk, []),
            progress=rollup(((_measure_progress(m), m.weight) for m in ms), weighted=weighted),
        )
        goals_by_theme[g.theme_id].append(node_g)
    theme_nodes = []
    for t in themes:
        gs = goals_by_theme.get(t.pk, [])
        theme_nodes.append(
            ThemeNode(
                theme=t,
                goals=gs,
                indicators=ind_nodes_by_theme.get(t.pk, []),
                observations=obs_by_theme.get(t.pk, []),
                progress=rollup(((g.progress, g.goal.weight) for g in gs), weighted=weighted),
            )
        )
    overall = rollup(((t.progress, t.theme.weight) for t in theme_nodes), weighted=weighted)
    return PlanTree(plan=plan, themes=theme_nodes, progress=overall)


# --- plans -----------------------------------------------------------------------------------


def plans_of(municipality: Municipality) -> QuerySet[Plan]:
    return Plan.objects.filter(municipality=municipality).order_by("-start_year", "-id")


def plan_latest(municipality: Municipality) -> Plan | None:
    return plans_of(municipality).select_related("municipality__region").first()


def plan_stages(plan: Plan) -> list[ApprovalStage]:
    return list(plan.approval_stages.order_by("date", "id"))


def plan_reviews(plan: Plan) -> list[PlanReview]:
    return list(plan.reviews.order_by("year"))


def _num(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _indicator_data(node: IndicatorNode) -> dict[str, Any]:
    i = node.indicator
    return {
        "name_fi": i.name_fi,
        "name_sv": i.name_sv,
        "name_en": i.name_en,
        "unit": i.unit,
        "kind": i.kind,
        "source": i.source,
        "source_code": i.source_code,
        "metric": i.metric,
        "baseline_value": _num(i.baseline_value),
        "baseline_year": i.baseline_year,
        "target_value": _num(i.target_value),
        "target_year": i.target_year,
        "values": [{"year": v.year, "value": str(v.value)} for v in node.values],
    }


def _measure_data(m: Measure) -> dict[str, Any]:
    return {
        "id": m.pk,
        "title_fi": m.title_fi,
        "title_sv": m.title_sv,
        "title_en": m.title_en,
        "responsible_unit": m.responsible_unit,
        "responsible_association": str(m.responsible_association or ""),
        "resources": m.resources,
        "schedule": m.schedule,
        "status": m.status,
        "progress": m.progress,
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def plan_content(tree: PlanTree) -> dict[str, Any]:
    """The plan as plain JSON data (for the approved snapshot and the API)."""
    plan = tree.plan
    return {
        "title_fi": plan.title_fi,
        "title_sv": plan.title_sv,
        "title_en": plan.title_en,
        "municipality": plan.municipality.code,
        "municipality_name_fi": plan.municipality.name_fi,
        "municipality_name_sv": plan.municipality.name_sv,
        "start_year": plan.start_year,
        "end_year": plan.end_year,
        "rollup": plan.rollup,
        "progress": _round(tree.progress),
        "themes": [
            {
                "id": t.theme.pk,
                "name_fi": t.theme.name_fi,
                "name_sv": t.theme.name_sv,
                "name_en": t.theme.name_en,
                "description_fi": t.theme.description_fi,
                "description_sv": t.theme.description_sv,
                "description_en": t.theme.description_en,
                "progress": _round(t.progress),
                "indicators": [_indicator_data(n) for n in t.indicators],
                "goals": [
                    {
                        "title_fi": g.goal.title_fi,
                        "title_sv": g.goal.title_sv,
                        "title_en": g.goal.title_en,
                        "progress": _round(g.progress),
                        "measures": [_measure_data(m) for m in g.measures],
                        "indicators": [_indicator_data(n) for n in g.indicators],
                    }
                    for g in t.goals
                ],
            }
            for t in tree.themes
        ],
    }


FOLLOW_UP_KEYS = frozenset({"progress", "status", "values"})


def _without_follow_up(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _without_follow_up(v) for k, v in data.items() if k not in FOLLOW_UP_KEYS}
    if isinstance(data, list):
        return [_without_follow_up(v) for v in data]
    return data


def changed_since_approval(tree: PlanTree) -> bool:
    """Whether the plan's content (not its follow-up: progress, statuses, yearly values) differs
    from the version the council approved. No queries: compares the loaded tree."""
    snapshot = tree.plan.approved_snapshot
    if not snapshot:
        return False
    return bool(_without_follow_up(plan_content(tree)) != _without_follow_up(snapshot))
