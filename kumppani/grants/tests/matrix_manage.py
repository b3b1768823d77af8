"""Permission-matrix entries of programme management (officers) and common periods (liaisons).

The shared world has no officer: Kontiolahti's liaison runs its grants (and sets its periods);
the officer's own rights are checked in test_manage_permissions.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from kumppani.accounts.testing import World
from kumppani.core.tests.matrix import Case, api_only, api_public, only
from kumppani.grants.tests.factories import (
    ApplicationPeriodFactory,
    CriterionFactory,
    ProgrammeFactory,
    ProgrammeReviewerFactory,
    QuestionFactory,
)

RUNS = ("liaison", "admin")


def _code(w: World) -> dict[str, Any]:
    return {"code": w.municipality.code}


def _programme(w: World) -> dict[str, Any]:
    return {"pk": ProgrammeFactory.create(municipality=w.municipality).pk}


def _question(w: World) -> dict[str, Any]:
    q = QuestionFactory.create(programme__municipality=w.municipality)
    return {"pk": q.programme_id, "question_pk": q.pk}


def _criterion(w: World) -> dict[str, Any]:
    c = CriterionFactory.create(programme__municipality=w.municipality)
    return {"pk": c.programme_id, "criterion_pk": c.pk}


def _reviewer(w: World) -> dict[str, Any]:
    r = ProgrammeReviewerFactory.create(programme__municipality=w.municipality)
    return {"pk": r.programme_id, "reviewer_pk": r.pk}


def _period(w: World) -> dict[str, Any]:
    return {"pk": ApplicationPeriodFactory.create(municipality=w.municipality).pk}


def _new_programme(w: World) -> dict[str, Any]:
    now = timezone.localtime()
    return {
        "municipality": w.municipality.code,
        "branch": "culture",
        "title_fi": "Kulttuuriavustus",
        "kind": "project",
        "budget_eur": "5000.00",
        "opens_at": now.isoformat(),
        "closes_at": (now + dt.timedelta(days=30)).isoformat(),
        "criteria": [
            {"name_fi": "Laatu", "kind": "weighted", "weight": 2, "max_points": 5,
             "welfare_theme": None},
        ],
    }  # fmt: skip


PAGES = {
    "grants:manage": only(*RUNS, kwargs=_code),
    "grants:programme_new": only(*RUNS, kwargs=_code),
    "grants:programme_edit": only(*RUNS, kwargs=_programme),
    "grants:questions": only(*RUNS, kwargs=_programme),
    "grants:question_edit": only(*RUNS, kwargs=_question),
    "grants:question_delete": only(*RUNS, kwargs=_question),
    "grants:criteria": only(*RUNS, kwargs=_programme),
    "grants:criterion_edit": only(*RUNS, kwargs=_criterion),
    "grants:criterion_delete": only(*RUNS, kwargs=_criterion),
    "grants:reviewers": only(*RUNS, kwargs=_programme),
    "grants:reviewer_remove": only(*RUNS, ok=302, kwargs=_reviewer, method="post"),
    "grants:periods": only(*RUNS, kwargs=_code),
    "grants:period_edit": only(*RUNS, kwargs=_period),
    "grants:period_delete": only(*RUNS, kwargs=_period),
}

API: dict[str, Case] = {
    "GET /api/v1/grant-programmes": api_public(query="?municipality=276&open=true"),
    "POST /api/v1/grant-programmes": api_only(*RUNS, ok=201, data=_new_programme),
}
