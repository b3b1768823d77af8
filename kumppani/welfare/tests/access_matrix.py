"""Who may open each welfare-plan page and API operation (see kumppani.core.tests.matrix)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kumppani.accounts.testing import World
from kumppani.core.tests.matrix import (
    CREATED,
    LIAISON,
    OK,
    Case,
    api_only,
    api_public,
    only,
    public,
    roles_expect,
)
from kumppani.welfare.models import Observation
from kumppani.welfare.tests.factories import (
    GoalFactory,
    IndicatorFactory,
    MeasureFactory,
    PlanFactory,
    ThemeFactory,
    approve_plan,
)


def _plan(w: World) -> dict[str, int]:
    return {"pk": PlanFactory.create(municipality=w.municipality).pk}


def _approved_plan(w: World) -> dict[str, int]:
    plan = PlanFactory.create(municipality=w.municipality)
    MeasureFactory.create(goal__theme__plan=plan, title_fi="=SUM(A1)")
    approve_plan(plan, dt.date(2025, 6, 1), "Hyväksyttiin.")
    return {"pk": plan.pk}


def _theme(w: World) -> dict[str, int]:
    return {"pk": ThemeFactory.create(plan__municipality=w.municipality).pk}


def _goal(w: World) -> dict[str, int]:
    return {"pk": GoalFactory.create(theme__plan__municipality=w.municipality).pk}


def _measure(w: World) -> dict[str, int]:
    return {"pk": MeasureFactory.create(goal__theme__plan__municipality=w.municipality).pk}


def _indicator(w: World) -> dict[str, int]:
    return {"pk": IndicatorFactory.create(theme__plan__municipality=w.municipality).pk}


def _observation(w: World) -> dict[str, int]:
    theme = ThemeFactory.create(plan__municipality=w.municipality)
    o = Observation.objects.create(
        theme=theme, association=w.association, text="Havainto", observed_on=dt.date(2025, 3, 1)
    )
    return {"pk": o.pk}


def _code(w: World) -> dict[str, Any]:
    return {"code": w.municipality.code}


EDIT = LIAISON  # liaison of the municipality, coordinator of its region, admin (+ wellbeing group)
REPS_HERE = ("rep", "admin")  # represents an association of the municipality

PAGES = {
    "welfare:plan_current": public(kwargs=_code),
    "welfare:plan": public(kwargs=_plan),
    "welfare:plan_approved": public(kwargs=_approved_plan),
    "welfare:plan_pdf": public(kwargs=_approved_plan),
    "welfare:plan_xlsx": public(kwargs=_approved_plan),
    "welfare:theme": public(kwargs=_theme),
    "welfare:measure": public(kwargs=_measure),
    "welfare:plan_create": only(*EDIT, kwargs=_code),
    "welfare:plan_edit": only(*EDIT, kwargs=_plan),
    "welfare:theme_create": only(*EDIT, kwargs=_plan),
    "welfare:approvals": only(*EDIT, kwargs=_plan),
    "welfare:reviews": only(*EDIT, kwargs=_plan),
    "welfare:theme_edit": only(*EDIT, kwargs=_theme),
    "welfare:goal_create": only(*EDIT, kwargs=_theme),
    "welfare:indicator_create": only(*EDIT, kwargs=_theme),
    "welfare:goal_edit": only(*EDIT, kwargs=_goal),
    "welfare:measure_create": only(*EDIT, kwargs=_goal),
    "welfare:measure_edit": only(*EDIT, kwargs=_measure),
    "welfare:indicator_edit": only(*EDIT, kwargs=_indicator),
    "welfare:indicator_values": only(*EDIT, kwargs=_indicator),
    # Representatives of an association of the municipality (other_rep's is in Joensuu).
    "welfare:observation_create": only(*REPS_HERE, kwargs=_theme),
    "welfare:observation_hide": only(
        *EDIT,
        ok=OK,
        method="post",
        kwargs=_observation,
        data=lambda w: {"hidden_reason": "Asiaton"},
    ),
    "welfare:observation_restore": only(*EDIT, ok=OK, method="post", kwargs=_observation),
}

API = {
    "GET /api/v1/themes": api_public(query="?municipality=276"),
    "GET /api/v1/plans": api_public(query="?municipality=276"),
    "GET /api/v1/plans/{pk}": api_public(kwargs=_plan),
    "GET /api/v1/measures/{pk}": api_public(kwargs=_measure),
    "POST /api/v1/plans/{pk}/themes": api_only(
        *EDIT, ok=CREATED, kwargs=_plan, data=lambda w: {"name_fi": "Osallisuus"}
    ),
    "POST /api/v1/goals/{pk}/measures": api_only(
        *EDIT,
        ok=CREATED,
        kwargs=_goal,
        data=lambda w: {"title_fi": "Uusi toimenpide", "responsible_unit": "Liikuntapalvelut"},
    ),
    "PATCH /api/v1/measures/{pk}": api_only(
        *EDIT, ok=200, kwargs=_measure, data=lambda w: {"progress": 40, "status": "ongoing"}
    ),
    "POST /api/v1/themes/{pk}/observations": Case(
        expect=roles_expect(set(REPS_HERE), ok=CREATED, anonymous=401),
        kwargs=_theme,
        data=lambda w: {"association": w.association.pk, "text": "Kävijämäärät kasvoivat."},
    ),
}
