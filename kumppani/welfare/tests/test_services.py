from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kumppani.accounts.testing import World
from kumppani.associations.models import Category
from kumppani.associations.tests.factories import AssociationFactory
from kumppani.core.cycle import cycle_items
from kumppani.welfare import services
from kumppani.welfare.models import IndicatorKind, Measure, MeasureStatus, PlanStatus, RollupMethod
from kumppani.welfare.selectors import metric_values, plan_tree, rollup
from kumppani.welfare.tests.factories import (
    GoalFactory,
    MeasureFactory,
    PlanFactory,
    ThemeFactory,
    approve_plan,
)

pytestmark = pytest.mark.django_db


def test_rollup_plain_and_weighted() -> None:
    parts = [(100.0, 3), (0.0, 1), (None, 5)]
    assert rollup(parts, weighted=False) == 50.0
    assert rollup(parts, weighted=True) == 75.0
    assert rollup([], weighted=True) is None


def _tree_plan(method: str) -> object:
    plan = PlanFactory.create(rollup=method)
    t1 = ThemeFactory.create(plan=plan, weight=1)
    t2 = ThemeFactory.create(plan=plan, weight=3)
    g1 = GoalFactory.create(theme=t1, weight=1)
    g2 = GoalFactory.create(theme=t1, weight=3)
    g3 = GoalFactory.create(theme=t2)
    MeasureFactory.create(goal=g1, progress=100, weight=3)
    MeasureFactory.create(goal=g1, progress=0, weight=1)
    MeasureFactory.create(goal=g2, progress=20)
    MeasureFactory.create(goal=g3, progress=80)
    # A cancelled measure does not pull the average down.
    MeasureFactory.create(goal=g3, progress=0, status=MeasureStatus.CANCELLED)
    GoalFactory.create(theme=t2)  # no measures: left out
    return plan


def test_plan_tree_plain_average(world: World) -> None:
    tree = plan_tree(plan=_tree_plan(RollupMethod.PLAIN))  # type: ignore[arg-type]
    goals = [g.progress for t in tree.themes for g in t.goals]
    assert goals == [50.0, 20.0, 80.0, None]
    assert [t.progress for t in tree.themes] == [35.0, 80.0]
    assert tree.progress == 57.5


def test_plan_tree_weighted_average(world: World) -> None:
    tree = plan_tree(plan=_tree_plan(RollupMethod.WEIGHTED))  # type: ignore[arg-type]
    goals = [g.progress for t in tree.themes for g in t.goals]
    assert goals == [75.0, 20.0, 80.0, None]
    # theme 1: (75*1 + 20*3) / 4 = 33.75; plan: (33.75*1 + 80*3) / 4 = 68.4375
    assert tree.themes[0].progress == 33.75
    assert tree.progress == pytest.approx(68.4375)


def test_measure_create_for_adopted_proposal(world: World) -> None:
    goal = GoalFactory.create(theme__plan__municipality=world.municipality)
    m = services.measure_create(
        goal=goal,
        title_fi="Kylätalon liikuntavuorot",
        responsible_association=world.association,
        actor=world.liaison,
        schedule="2026",
    )
    assert m.pk and m.created_by == world.liaison
    assert m.get_absolute_url().endswith(f"/welfare/measures/{m.pk}/")


def test_measure_progress_over_100_is_refused(world: World) -> None:
    m = MeasureFactory.create(progress=40)
    with pytest.raises(ValidationError) as error:
        services.measure_update(measure=m, progress=101)
    assert error.value.message_dict["progress"] == ["Edistyminen on prosenttiluku 0–100."]
    with pytest.raises(ValidationError) as error:
        services.measure_create(
            actor=None, goal=m.goal, title_fi="x", responsible_unit="y", progress=-1
        )
    assert "progress" in error.value.message_dict
    m.refresh_from_db()
    assert m.progress == 40


def test_measure_needs_a_responsible_unit_or_association(world: World) -> None:
    goal = GoalFactory.create(theme__plan__municipality=world.municipality)
    with pytest.raises(ValidationError) as error:
        services.measure_create(
            actor=None, goal=goal, title_fi="Kävelyryhmät", responsible_unit=" "
        )
    assert list(error.value.message_dict) == ["responsible_unit"]
    assert not Measure.objects.filter(goal=goal).exists()
    m = services.measure_create(
        actor=None, goal=goal, title_fi="Kävelyryhmät", responsible_association=world.association
    )
    with pytest.raises(ValidationError) as error:
        services.measure_update(measure=m, responsible_association=None)
    assert list(error.value.message_dict) == ["responsible_unit"]
    services.measure_update(measure=m, responsible_association=None, responsible_unit="Liikunta")
    m.refresh_from_db()
    assert (m.responsible_unit, m.responsible_association) == ("Liikunta", None)


def test_measure_association_must_be_of_the_municipality(world: World) -> None:
    goal = GoalFactory.create(theme__plan__municipality=world.other_municipality)
    with pytest.raises(ValidationError) as error:
        services.measure_create(
            actor=None, goal=goal, title_fi="Kerho", responsible_association=world.association
        )
    assert list(error.value.message_dict) == ["responsible_association"]
    m = MeasureFactory.create(goal=goal)
    with pytest.raises(ValidationError) as error:
        services.measure_update(measure=m, responsible_association=world.association)
    assert list(error.value.message_dict) == ["responsible_association"]


def test_plan_last_year_cannot_be_before_the_first(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        services.plan_create(
            municipality=world.municipality, title_fi="Suunnitelma", start_year=2028, end_year=2025
        )
    assert list(error.value.message_dict) == ["end_year"]
    plan = PlanFactory.create(start_year=2025, end_year=2028)
    with pytest.raises(ValidationError) as error:
        services.plan_update(plan=plan, end_year=2024)
    assert list(error.value.message_dict) == ["end_year"]


def test_approval_flow_and_status(world: World) -> None:
    plan = PlanFactory.create(municipality=world.municipality)
    assert plan.status == PlanStatus.DRAFT
    services.approval_stage_record(
        actor=None,
        plan=plan,
        body="working_group",
        date=dt.date(2025, 3, 1),
        decision="Valmisteltu.",
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.IN_APPROVAL
    services.approval_stage_record(
        actor=None,
        plan=plan,
        body="committee",
        body_name="Hyvinvointilautakunta",
        date=dt.date(2025, 4, 1),
        decision="Puollettu.",
    )
    # Going back to an earlier body, or back in time, is refused with a clear message.
    with pytest.raises(ValidationError) as error:
        services.approval_stage_record(
            actor=None, plan=plan, body="working_group", date=dt.date(2025, 5, 1), decision="x"
        )
    assert "body" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.approval_stage_record(
            actor=None, plan=plan, body="board", date=dt.date(2025, 3, 15), decision="x"
        )
    assert "date" in error.value.message_dict
    services.approval_stage_record(
        actor=None,
        plan=plan,
        body="board",
        date=dt.date(2025, 5, 1),
        decision="Esitetään valtuustolle.",
    )
    services.approval_stage_record(
        actor=None, plan=plan, body="council", date=dt.date(2025, 6, 10), decision="Hyväksyttiin."
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert plan.approved_on == dt.date(2025, 6, 10)
    with pytest.raises(ValidationError):
        services.approval_stage_record(
            actor=None, plan=plan, body="council", date=dt.date(2025, 7, 1), decision="Uudelleen"
        )


def test_snapshot_does_not_change_with_later_edits(world: World) -> None:
    plan = PlanFactory.create(municipality=world.municipality)
    theme = ThemeFactory.create(plan=plan, name_fi="Liikkuminen")
    measure = MeasureFactory.create(goal__theme=theme, title_fi="Kuntoportaat", progress=10)
    approve_plan(plan, dt.date(2025, 6, 10), "Hyväksyttiin.")
    plan.refresh_from_db()
    services.measure_update(measure=measure, title_fi="Kuntoportaat ja polut", progress=90)
    services.theme_update(theme=theme, name_fi="Liikunta")
    services.theme_create(plan=plan, name_fi="Uusi teema")
    plan.refresh_from_db()
    snap = plan.approved_snapshot
    assert [t["name_fi"] for t in snap["themes"]] == ["Liikkuminen"]
    approved_measure = snap["themes"][0]["goals"][0]["measures"][0]
    assert approved_measure["title_fi"] == "Kuntoportaat"
    assert approved_measure["progress"] == 10
    working = {t.theme.name_fi for t in plan_tree(plan=plan).themes}
    assert working == {"Liikunta", "Uusi teema"}


def test_platform_metrics_count_the_municipality(world: World) -> None:
    sote = Category.objects.get(slug="social-health")
    for premises in (True, True, False):
        AssociationFactory.create(
            home_municipality=world.municipality,
            categories=[sote],
            uses_municipal_premises=premises,
        )
    values = metric_values(world.municipality, ["sote_premises_share", "active_associations"])
    assert values["sote_premises_share"] == Decimal("66.7")
    assert values["active_associations"] == Decimal(4)  # three + the world's village association


def test_indicator_validation(world: World) -> None:
    theme = ThemeFactory.create()
    other_goal = GoalFactory.create()
    with pytest.raises(ValidationError) as error:
        services.indicator_create(theme=theme, name_fi="x", kind=IndicatorKind.PLATFORM)
    assert "metric" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.indicator_create(theme=theme, name_fi="x", source="Sotkanet", goal=other_goal)
    assert "goal" in error.value.message_dict
    ind = services.indicator_create(
        theme=theme, name_fi="Yksinäisyys", source="Sotkanet", source_code="5120", unit="%"
    )
    services.indicator_value_set(indicator=ind, year=2024, value=Decimal("12.5"))
    services.indicator_value_set(indicator=ind, year=2024, value=Decimal("12.0"))
    assert [(v.year, v.value) for v in ind.values.all()] == [(2024, Decimal("12.00"))]


def test_review_year_must_be_in_the_period(world: World) -> None:
    plan = PlanFactory.create(start_year=2025, end_year=2028)
    with pytest.raises(ValidationError):
        services.review_save(plan=plan, year=2030, date=dt.date(2030, 3, 1), summary_fi="x")
    services.review_save(plan=plan, year=2026, date=dt.date(2026, 3, 1), summary_fi="Eka")
    services.review_save(plan=plan, year=2026, date=dt.date(2026, 4, 1), summary_fi="Korjattu")
    assert [r.summary_fi for r in plan.reviews.all()] == ["Korjattu"]


def test_observation_hide_needs_a_reason(world: World) -> None:
    theme = ThemeFactory.create()
    o = services.observation_submit(
        theme=theme, association=world.association, actor=world.rep, text=" Havainto "
    )
    assert o.text == "Havainto"
    with pytest.raises(ValidationError):
        services.observation_hide(observation=o, actor=world.liaison, reason=" ")
    services.observation_hide(observation=o, actor=world.liaison, reason="Henkilötietoja")
    assert plan_tree(plan=theme.plan).themes[0].observations == []
    assert len(plan_tree(plan=theme.plan, include_hidden=True).themes[0].observations) == 1


def test_cycle_source_lists_stages_and_reviews(world: World) -> None:
    plan = PlanFactory.create(municipality=world.municipality)
    services.approval_stage_record(
        actor=None, plan=plan, body="committee", date=dt.date(2025, 4, 1), decision="Puollettu."
    )
    services.review_save(plan=plan, year=2026, date=dt.date(2026, 5, 1), summary_fi="Katsaus")
    items = [
        i
        for i in cycle_items(world.municipality, dt.date(2025, 1, 1), dt.date(2026, 12, 31))
        if i.kind == "plan_step"
    ]
    assert [i.start for i in items] == [dt.date(2025, 4, 1), dt.date(2026, 5, 1)]
    assert all(i.url.endswith(f"/welfare/plans/{plan.pk}/") for i in items)
