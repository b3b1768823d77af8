from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from kumppani.accounts.services import api_token_create
from kumppani.accounts.testing import World
from kumppani.welfare import services
from kumppani.welfare.models import IndicatorKind
from kumppani.welfare.tests.factories import (
    GoalFactory,
    IndicatorFactory,
    MeasureFactory,
    PlanFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def _auth(user: Any) -> dict[str, Any]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)}"}


def test_themes_list_is_stable(world: World, client: Client) -> None:
    plan = PlanFactory.create(municipality=world.municipality)
    theme = ThemeFactory.create(plan=plan, name_fi="Liikunta", name_sv="Motion", name_en="Exercise")
    ThemeFactory.create(plan__municipality=world.other_municipality)
    data = client.get("/api/v1/themes?municipality=276").json()
    assert data["count"] == 1 and data["next"] is None
    item = data["results"][0]
    assert {k: item[k] for k in ("id", "plan", "name_fi", "name_sv", "name_en", "order")} == {
        "id": theme.pk,
        "plan": plan.pk,
        "name_fi": "Liikunta",
        "name_sv": "Motion",
        "name_en": "Exercise",
        "order": theme.order,
    }


def test_plan_detail_nested_with_progress(world: World, client: Client) -> None:
    plan = PlanFactory.create(municipality=world.municipality)
    goal = GoalFactory.create(theme__plan=plan)
    MeasureFactory.create(goal=goal, progress=20)
    MeasureFactory.create(goal=goal, progress=60)
    ind = IndicatorFactory.create(theme=goal.theme, goal=goal)
    services.indicator_value_set(indicator=ind, year=2025, value=Decimal(7))
    services.indicator_create(
        theme=goal.theme,
        name_fi="Aktiiviset yhdistykset",
        kind=IndicatorKind.PLATFORM,
        metric="active_associations",
    )
    assert client.get("/api/v1/plans?municipality=276").json()["results"][0]["id"] == plan.pk
    data = client.get(f"/api/v1/plans/{plan.pk}").json()
    assert data["progress"] == 40
    theme = data["themes"][0]
    assert theme["progress"] == 40
    g = theme["goals"][0]
    assert [m["progress"] for m in g["measures"]] == [20, 60]
    assert g["indicators"][0]["values"] == [{"year": 2025, "value": "7.00"}]
    assert theme["indicators"][0]["current_value"] == "1"  # the world's one active association


def test_measure_patch_and_validation(world: World, client: Client) -> None:
    m = MeasureFactory.create(goal__theme__plan__municipality=world.municipality)
    headers = _auth(world.liaison)
    response = client.patch(
        f"/api/v1/measures/{m.pk}",
        json.dumps({"progress": 55, "status": "ongoing"}),
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 200 and response.json()["progress"] == 55
    response = client.patch(
        f"/api/v1/measures/{m.pk}",
        json.dumps({"progress": 555}),
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 422
    response = client.patch(
        f"/api/v1/measures/{m.pk}", "{not json", content_type="application/json", **headers
    )
    assert response.status_code == 400  # the body is not JSON
    assert client.get(f"/api/v1/measures/{m.pk}").json()["status"] == "ongoing"


def test_theme_and_measure_create(world: World, client: Client) -> None:
    plan = PlanFactory.create(municipality=world.municipality)
    headers = _auth(world.liaison)
    response = client.post(
        f"/api/v1/plans/{plan.pk}/themes",
        json.dumps({"name_fi": "Turvallisuus"}),
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201
    theme_id = response.json()["id"]
    goal = GoalFactory.create(theme_id=theme_id)
    response = client.post(
        f"/api/v1/goals/{goal.pk}/measures",
        json.dumps(
            {"title_fi": "Turvakävelyt", "responsible_association": world.other_association.pk}
        ),
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 422  # an association of another municipality
    response = client.post(
        f"/api/v1/goals/{goal.pk}/measures",
        json.dumps({"title_fi": "Turvakävelyt", "responsible_association": world.association.pk}),
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201
    assert response.json()["responsible_association_name"] == "Ylä-Kuhan kyläyhdistys ry"


def test_observation_api(world: World, client: Client) -> None:
    theme = ThemeFactory.create(plan__municipality=world.municipality)
    body = {"association": world.association.pk, "text": "Havainto", "observed_on": "2025-02-01"}
    response = client.post(
        f"/api/v1/themes/{theme.pk}/observations",
        json.dumps(body),
        content_type="application/json",
        **_auth(world.rep),
    )
    assert response.status_code == 201
    assert response.json()["observed_on"] == dt.date(2025, 2, 1).isoformat()
