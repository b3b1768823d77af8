from __future__ import annotations

import datetime as dt

import factory

from kumppani.geography.models import Municipality
from kumppani.welfare.models import Goal, Indicator, IndicatorKind, Measure, Plan, Theme


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    municipality = factory.LazyFunction(lambda: Municipality.objects.get(code="276"))
    title_fi = "Hyvinvointisuunnitelma"
    title_sv = "Välfärdsplan"
    title_en = "Welfare plan"
    start_year = 2025
    end_year = 2028


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    plan = factory.SubFactory(PlanFactory)
    name_fi = factory.Sequence(lambda n: f"Teema {n}")
    name_sv = factory.Sequence(lambda n: f"Tema {n}")
    name_en = factory.Sequence(lambda n: f"Theme {n}")
    order = factory.Sequence(lambda n: n)


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    theme = factory.SubFactory(ThemeFactory)
    title_fi = factory.Sequence(lambda n: f"Tavoite {n}")


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    goal = factory.SubFactory(GoalFactory)
    title_fi = factory.Sequence(lambda n: f"Toimenpide {n}")
    responsible_unit = "Hyvinvointipalvelut"


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    theme = factory.SubFactory(ThemeFactory)
    name_fi = factory.Sequence(lambda n: f"Indikaattori {n}")
    kind = IndicatorKind.STATISTICAL
    source = "Sotkanet"
    source_code = "123"
    unit = "%"


def approve_plan(plan: Plan, on: dt.date, decision: str = "Hyväksyttiin.") -> None:
    """Take a plan through the committee, the board and the council, which approves it ``on``."""
    from kumppani.welfare.services import approval_stage_record

    for body in ("committee", "board", "council"):
        approval_stage_record(actor=None, plan=plan, body=body, date=on, decision=decision)
