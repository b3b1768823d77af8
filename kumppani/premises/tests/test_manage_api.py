"""POST and GET /api/v1/premises in the shape the issue gives, and the length limit of free text
refused with the same message in the form and the API."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kumppani.accounts.models import Role, User
from kumppani.accounts.services import api_token_create, role_assign
from kumppani.accounts.testing import World
from kumppani.associations.tests.factories import UserFactory
from kumppani.core.limits import SHORT_TEXT
from kumppani.premises.models import Space
from kumppani.premises.tests.factories import SpaceFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/premises"


def auth(user: User) -> dict[str, Any]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)}"}


def post(client: Client, body: dict[str, Any], user: User | None) -> Any:
    headers: dict[str, Any] = auth(user) if user is not None else {}
    return client.post(URL, json.dumps(body), content_type="application/json", **headers)


def officer(world: World) -> User:
    user: User = UserFactory.create()
    role_assign(user=user, role=Role.OFFICER, municipality=world.municipality)
    return user


def test_officer_creates_a_hall_and_its_court(world: World, client: Client) -> None:
    person = officer(world)
    response = post(
        client,
        {"municipality": "276", "name_fi": "Urheiluhalli", "parent": None, "capacity": 200},
        person,
    )
    assert response.status_code == 201, response.content
    hall_id = response.json()["id"]
    response = post(
        client,
        {"municipality": "276", "name_fi": "Kenttä A", "parent": hall_id, "capacity": 40,
         "kind": "court", "needs_approval": True, "min_minutes": 60, "max_minutes": 180,
         "buffer_minutes": 15, "name_sv": "Plan A"},
        person,
    )  # fmt: skip
    assert response.status_code == 201, response.content
    court = Space.objects.get(pk=response.json()["id"])
    assert court.parent_id == hall_id and court.needs_approval and court.max_minutes == 180
    assert response.json()["municipality"] == "276" and response.json()["parent"] == hall_id
    # The municipality as a number is read as its code.
    assert post(client, {"municipality": 276, "name_fi": "Kerhohuone"}, person).status_code == 201


def test_a_rep_or_no_token_is_refused(world: World, client: Client) -> None:
    body = {"municipality": "276", "name_fi": "Sali", "parent": None, "capacity": 10}
    assert post(client, body, world.rep).status_code == 403
    assert post(client, body, world.other_liaison).status_code == 403
    assert post(client, body, None).status_code == 401
    assert post(client, body, world.admin).status_code == 201
    assert Space.objects.count() == 1


def test_a_parent_in_another_municipality_is_422(world: World, client: Client) -> None:
    elsewhere = SpaceFactory.create(municipality=world.other_municipality)
    body = {"municipality": "276", "name_fi": "Sali", "parent": elsewhere.pk, "capacity": 10}
    response = post(client, body, world.liaison)
    assert response.status_code == 422
    assert "parent" in response.json()["detail"]
    response = post(client, {**body, "parent": 999999}, world.liaison)
    assert response.status_code == 422 and "parent" in response.json()["detail"]
    response = post(client, {**body, "parent": None, "municipality": "000"}, world.liaison)
    assert response.status_code == 422 and "municipality" in response.json()["detail"]
    response = post(client, {**body, "parent": None, "capacity": -1}, world.liaison)
    assert response.status_code == 422
    assert not Space.objects.filter(name_fi="Sali").exists()


def test_the_public_list_filters_by_municipality(world: World, client: Client) -> None:
    hall = SpaceFactory.create(name_fi="Urheiluhalli", step_free=True)
    SpaceFactory.create(name_fi="Kenttä", parent=hall)
    SpaceFactory.create(name_fi="Varasto", for_associations=False)
    SpaceFactory.create(name_fi="Joensuun sali", municipality=world.other_municipality)
    body = client.get(URL, {"municipality": "276"}).json()
    assert body["count"] == 2
    names = {row["name_fi"]: row for row in body["results"]}
    assert set(names) == {"Urheiluhalli", "Kenttä"}
    assert names["Kenttä"]["parent"] == hall.pk and names["Urheiluhalli"]["step_free"]
    assert client.get(URL).json()["count"] == 3
    detail = client.get(f"{URL}/{hall.pk}").json()
    assert detail["name_fi"] == "Urheiluhalli" and detail["municipality"] == "276"
    hidden = Space.objects.get(name_fi="Varasto")
    assert client.get(f"{URL}/{hidden.pk}").status_code == 404


def too_long_fi(limit: int, length: int) -> str:
    return f"Tämän arvon tulee olla enintään {limit} merkkiä pitkä (tällä hetkellä {length})."


def test_an_over_long_description_is_refused_alike_in_form_and_api(
    world: World, client: Client, client_for: Any
) -> None:
    text = "h" * (SHORT_TEXT + 1)
    expected = too_long_fi(SHORT_TEXT, SHORT_TEXT + 1)
    response = post(
        client, {"municipality": "276", "name_fi": "Sali", "description_fi": text}, world.liaison
    )
    assert response.status_code == 422
    assert response.json()["detail"]["description_fi"] == [expected]
    form = client_for("liaison").post(
        reverse("premises:space_create", args=["276"]),
        {"kind": "room", "name_fi": "Sali", "description_fi": text, "min_minutes": "30",
         "max_minutes": "480", "book_ahead_days": "180", "buffer_minutes": "0",
         "cancel_hours": "24"},
    )  # fmt: skip
    assert form.status_code == 200
    assert expected in form.content.decode()
    assert not Space.objects.exists()
