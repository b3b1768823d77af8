"""POST and GET /api/v1/grant-programmes, in the shape the issue gives."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from kumppani.accounts.models import Role, User
from kumppani.accounts.services import api_token_create, role_assign
from kumppani.accounts.testing import World
from kumppani.associations.tests.factories import UserFactory
from kumppani.grants.models import Programme
from kumppani.grants.tests.factories import (
    ApplicationPeriodFactory,
    CriterionFactory,
    ProgrammeFactory,
)
from kumppani.welfare.tests.factories import PlanFactory, ThemeFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/grant-programmes"


def auth(user: User) -> dict[str, Any]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)}"}


def post(client: Client, body: dict[str, Any], user: User | None) -> Any:
    headers: dict[str, Any] = auth(user) if user is not None else {}
    return client.post(URL, json.dumps(body), content_type="application/json", **headers)


def officer(world: World) -> User:
    user: User = UserFactory.create()
    role_assign(user=user, role=Role.OFFICER, municipality=world.municipality)
    return user


def body(theme_id: int | None) -> dict[str, Any]:
    return {
        "municipality": "276",
        "branch": "youth",
        "title_fi": "Nuorisotyön avustus",
        "kind": "operating",
        "budget_eur": 15000,
        "opens_at": "2026-03-01T09:00:00+02:00",
        "closes_at": "2026-03-31T16:00:00+03:00",
        "criteria": [
            {"name_fi": "Toiminnan laajuus", "kind": "weighted", "weight": 2, "max_points": 5,
             "welfare_theme": None},
            {"name_fi": "Hyvinvointisuunnitelma", "kind": "bonus", "weight": 1, "max_points": 3,
             "welfare_theme": theme_id},
        ],
        "questions": [
            {"kind": "single", "text_fi": "Ikäryhmä", "required": True,
             "choices": ["Alle 13", "13–17", {"fi": "18–29", "sv": "18–29"}]},
        ],
    }  # fmt: skip


def test_officer_creates_a_programme_with_criteria(world: World, client: Client) -> None:
    theme = ThemeFactory.create(plan=PlanFactory.create(municipality=world.municipality))
    response = post(client, body(theme.pk), officer(world))
    assert response.status_code == 201, response.content
    data = response.json()
    programme = Programme.objects.get(pk=data["id"])
    assert programme.title_fi == "Nuorisotyön avustus"
    assert programme.closes_at == dt.datetime(2026, 3, 31, 13, tzinfo=dt.UTC)
    assert [c["name_fi"] for c in data["criteria"]] == [
        "Toiminnan laajuus",
        "Hyvinvointisuunnitelma",
    ]
    assert all(isinstance(c["id"], int) for c in data["criteria"])
    assert {c["id"] for c in data["criteria"]} == set(
        programme.criteria.values_list("pk", flat=True)
    )
    assert data["criteria"][1]["kind"] == "bonus"
    assert data["criteria"][1]["welfare_theme"] == theme.pk
    assert data["questions"][0]["choices"][2] == {"fi": "18–29", "sv": "18–29", "en": ""}
    assert data["municipality"] == "276" and data["branch"] == "youth"


def test_liaison_and_admin_may_create_a_representative_may_not(
    world: World, client: Client
) -> None:
    theme = ThemeFactory.create(plan=PlanFactory.create(municipality=world.municipality))
    assert post(client, body(theme.pk), world.liaison).status_code == 201
    assert post(client, body(theme.pk), world.admin).status_code == 201
    assert post(client, body(theme.pk), world.rep).status_code == 403
    assert post(client, body(theme.pk), world.other_liaison).status_code == 403
    assert post(client, body(theme.pk), None).status_code == 401


def test_bad_input_is_422_and_creates_nothing(world: World, client: Client) -> None:
    user = officer(world)
    foreign = ThemeFactory.create(plan=PlanFactory.create(municipality=world.other_municipality))
    response = post(client, body(foreign.pk), user)
    assert response.status_code == 422
    assert "criteria.1.welfare_theme" in response.json()["detail"]
    assert not Programme.objects.exists()  # the weighted criterion's programme is rolled back

    naive = {**body(None), "opens_at": "2026-03-01T09:00:00", "criteria": []}
    response = post(client, naive, user)
    assert response.status_code == 422
    assert "opens_at" in response.json()["detail"]

    for bad in (
        {"branch": "navy"},
        {"kind": "loan"},
        {"budget_eur": -5},
        {"closes_at": "2026-02-01T00:00:00+02:00"},
        {"municipality": "999"},
        {"criteria": [{"name_fi": "X", "kind": "bonus", "weight": 1, "max_points": 3,
                       "welfare_theme": None}]},
        {"criteria": [{"name_fi": "X", "kind": "weighted", "weight": 1, "max_points": 0,
                       "welfare_theme": None}]},
        {"questions": [{"kind": "proposals", "text_fi": "Ehdotukset"}]},
        {"period": 123456},
    ):  # fmt: skip
        response = post(client, {**body(None), "criteria": [], **bad}, user)
        assert response.status_code == 422, bad
        assert response.json()["detail"], bad
    assert not Programme.objects.exists()


def test_programme_in_a_period_takes_its_times(world: World, client: Client) -> None:
    period = ApplicationPeriodFactory.create(municipality=world.municipality)
    data = {**body(None), "criteria": [], "period": period.pk}
    del data["opens_at"], data["closes_at"]
    response = post(client, data, officer(world))
    assert response.status_code == 201, response.content
    programme = Programme.objects.get(pk=response.json()["id"])
    assert programme.closes_at == period.closes_at
    assert response.json()["period"] == period.pk


def test_public_list_of_open_programmes(
    world: World, client: Client, django_assert_max_num_queries: Any
) -> None:
    now = timezone.now()
    open_one = ProgrammeFactory.create(title_fi="Avoin")
    CriterionFactory.create_batch(2, programme=open_one)
    ProgrammeFactory.create(
        title_fi="Tuleva", opens_at=now + dt.timedelta(days=5), closes_at=now + dt.timedelta(days=9)
    )
    ProgrammeFactory.create(title_fi="Piilossa", published=False)
    ProgrammeFactory.create(title_fi="Joensuun", municipality=world.other_municipality)
    for _ in range(4):
        CriterionFactory.create(programme=ProgrammeFactory.create())
    with django_assert_max_num_queries(5):
        response = client.get(URL, {"municipality": "276", "open": "true"})
    assert response.status_code == 200
    data = response.json()
    titles = [p["title_fi"] for p in data["results"]]
    assert "Avoin" in titles and "Tuleva" not in titles and "Piilossa" not in titles
    assert "Joensuun" not in titles
    item = next(p for p in data["results"] if p["title_fi"] == "Avoin")
    assert item["open"] is True and item["branch"] == "culture" and item["kind"] == "operating"
    assert len(item["criteria"]) == 2 and item["criteria"][0]["id"]
    assert dt.datetime.fromisoformat(item["closes_at"]).utcoffset() is not None
    assert "url" in item
    everything = client.get(URL, {"municipality": "276"}).json()
    assert "Tuleva" in [p["title_fi"] for p in everything["results"]]
