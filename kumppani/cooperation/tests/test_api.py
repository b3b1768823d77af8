"""The API shapes other checks rely on."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from kumppani.accounts.services import api_token_create
from kumppani.accounts.testing import World
from kumppani.cooperation.models import Liaison
from kumppani.cooperation.tests.factories import (
    AgentPairingFactory,
    BodyMemberFactory,
    GuideVersionFactory,
    LiaisonFactory,
)

pytestmark = pytest.mark.django_db

PAYLOAD = {
    "name": "Kaisa Kuntalainen",
    "email": "kaisa.kuntalainen@example.org",
    "phone": "040 123 4567",
    "unit": "Hyvinvointipalvelut",
    "hours_per_month": 20,
    "role_description_fi": "Kutsuu järjestöt koolle.",
}


def _post(world: World, role: str, code: str, body: Any) -> Any:
    user = world.user(role)
    assert user is not None
    token = api_token_create(user=user)
    return Client().post(
        f"/api/v1/municipalities/{code}/liaisons",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def test_coordinator_adds_a_liaison_and_it_is_listed(world: World) -> None:
    response = _post(world, "coordinator", "276", PAYLOAD)
    assert response.status_code == 201
    new_id = response.json()["id"]
    assert Liaison.objects.get(pk=new_id).municipality == world.municipality
    AgentPairingFactory.create(liaison=Liaison.objects.get(pk=new_id), agent_name="Aatu Agentti")
    listed = Client().get("/api/v1/municipalities/276/liaisons").json()
    assert listed["count"] == 1
    first = listed["results"][0]
    assert first["id"] == new_id and first["hours_per_month"] == 20
    assert first["agents"][0]["name"] == "Aatu Agentti"


def test_liaison_post_errors(world: World) -> None:
    assert _post(world, "admin", "999", PAYLOAD).status_code == 404
    assert _post(world, "coordinator", "837", PAYLOAD).status_code == 403  # Tampere: not theirs
    assert _post(world, "liaison", "276", PAYLOAD).status_code == 403
    bad = _post(world, "admin", "276", {**PAYLOAD, "name": "", "hours_per_month": -3})
    assert bad.status_code == 422
    assert {"name", "hours_per_month"} <= set(bad.json()["detail"])
    email = _post(world, "admin", "276", {**PAYLOAD, "email": "not-an-address"})
    assert email.status_code == 422 and "email" in email.json()["detail"]
    huge = _post(world, "admin", "276", {**PAYLOAD, "role_description_fi": "x" * 50_000})
    assert huge.status_code == 422


def test_hidden_liaisons_are_not_listed(world: World) -> None:
    LiaisonFactory.create(municipality=world.municipality, is_public=False)
    assert Client().get("/api/v1/municipalities/276/liaisons").json()["count"] == 0
    assert Client().get("/api/v1/municipalities/999/liaisons").status_code == 404


def test_guide_shape(world: World) -> None:
    GuideVersionFactory.create(guide__municipality=world.municipality, number=3)
    data = Client().get("/api/v1/municipalities/276/guide").json()
    assert data["version"] == 3 and data["published_at"].startswith("2026-02-01")
    assert [s["key"] for s in data["sections"]] == [
        "strategy", "forums", "partnership", "grants", "premises",
        "wellbeing", "communication", "contacts", "annual_cycle",
    ]  # fmt: skip
    strategy = data["sections"][0]
    assert strategy["title"] and "<strong>hyvinvointi</strong>" in strategy["html"]


def test_bodies_agreements_and_practices_reads(world: World) -> None:
    member = BodyMemberFactory.create(
        body__municipality=world.municipality, association=world.association
    )
    bodies = Client().get("/api/v1/municipalities/276/bodies").json()
    assert bodies["results"][0]["members"][0]["association_id"] == world.association.pk
    assert Client().get(f"/api/v1/bodies/{member.body_id}").json()["kind"] == "advisory_council"
    assert Client().get("/api/v1/municipalities/276/agreements").json()["count"] == 0
    assert Client().get("/api/v1/practices").json()["results"] == []


def test_agreement_with_unknown_association_is_a_field_error(world: World) -> None:
    token = api_token_create(user=world.liaison)
    response = Client().post(
        "/api/v1/municipalities/276/agreements",
        json.dumps({"association_id": 999999, "title": "X", "start": "2026-01-01"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 422 and "association_id" in response.json()["detail"]
