from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from kumppani.accounts.models import ApiToken, User
from kumppani.accounts.services import api_token_create
from kumppani.accounts.testing import World
from kumppani.associations.models import Association

pytestmark = pytest.mark.django_db


def bearer(token: str) -> dict[str, Any]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def post(client: Client, url: str, body: Any, **headers: Any) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json", **headers)


def test_municipalities_all_on_one_page() -> None:
    data = Client().get("/api/v1/municipalities").json()
    assert data["count"] == 308 and len(data["results"]) == 308
    kontiolahti = next(m for m in data["results"] if m["code"] == "276")
    assert kontiolahti["name_fi"] == "Kontiolahti"
    assert kontiolahti["name_sv"] == "Kontiolax"
    assert kontiolahti["region_code"] == "12"
    assert kontiolahti["wellbeing_county_code"] == "14"


def test_openapi_document_lists_the_api() -> None:
    doc = Client().get("/api/v1/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    assert {"/api/v1/municipalities", "/api/v1/organisations"} <= set(doc["paths"])


def test_organisations_search_ranked_filtered_paginated(world: World) -> None:
    data = Client().get("/api/v1/organisations", {"q": "kyläyhdistyksille"}).json()
    assert data["count"] == 1 and data["next"] is None
    first = data["results"][0]
    assert first["name_fi"] == "Ylä-Kuhan kyläyhdistys ry"
    assert first["municipality"] == "276"
    assert first["categories"] == ["residents-village"]
    by_municipality = Client().get("/api/v1/organisations", {"municipality": "167"}).json()
    assert [r["name_fi"] for r in by_municipality["results"]] == ["Joensuun Sydänyhdistys ry"]


def test_pagination_has_next_link(world: World) -> None:
    from kumppani.associations.tests.factories import AssociationFactory

    AssociationFactory.create_batch(55)
    data = Client().get("/api/v1/organisations", {"page": 1}).json()
    assert data["count"] == 57 and len(data["results"]) == 50
    assert data["next"].endswith("page=2")
    assert len(Client().get(data["next"]).json()["results"]) == 7


def test_create_with_token_makes_creator_representative(world: World) -> None:
    token = api_token_create(user=world.other_rep)
    response = post(
        Client(),
        "/api/v1/organisations",
        {
            "name_fi": "Liperin Lukupiiri ry",
            "municipality": "426",
            "categories": ["culture"],
            "description_fi": "Luemme kirjoja yhdessä.",
        },
        **bearer(token),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["municipality"] == "426" and body["description_fi"] == "Luemme kirjoja yhdessä."
    association = Association.objects.get(pk=body["id"])
    assert association.role_assignments.filter(user=world.other_rep).exists()
    found = Client().get("/api/v1/organisations", {"q": "lukupiirille"}).json()
    assert [r["id"] for r in found["results"]] == [body["id"]]


@pytest.mark.parametrize(
    ("payload", "status", "field"),
    [
        ({"name_fi": "X", "municipality": "999", "categories": ["culture"]}, 422, "municipality"),
        ({"name_fi": "X", "municipality": "276", "categories": ["nope"]}, 422, "categories"),
        ({"municipality": "276", "categories": ["culture"]}, 422, "name_fi"),
        ({"name_fi": "X", "municipality": "276", "categories": []}, 422, "categories"),
        (
            {"name_fi": "X", "municipality": "276", "categories": ["culture"], "email": "nope"},
            422,
            "email",
        ),
    ],
)
def test_bad_input_gets_field_messages(
    world: World, payload: dict[str, Any], status: int, field: str
) -> None:
    token = api_token_create(user=world.rep)
    response = post(Client(), "/api/v1/organisations", payload, **bearer(token))
    assert response.status_code == status
    assert field in response.json()["detail"]


def test_malformed_and_oversize_bodies_are_4xx(world: World) -> None:
    token = api_token_create(user=world.rep)
    client = Client()
    response = client.post(
        "/api/v1/organisations", "{not json", content_type="application/json", **bearer(token)
    )
    assert response.status_code == 400  # a body that is not JSON is a bad request
    huge = {"name_fi": "X", "municipality": "276", "categories": ["culture"]}
    huge["description_fi"] = "a" * 30_000
    assert post(client, "/api/v1/organisations", huge, **bearer(token)).status_code == 422


def test_messages_follow_accept_language(world: World) -> None:
    token = api_token_create(user=world.rep)
    response = post(
        Client(),
        "/api/v1/organisations",
        {"name_fi": "X", "municipality": "999", "categories": ["culture"]},
        HTTP_ACCEPT_LANGUAGE="sv",
        **bearer(token),
    )
    assert response.json()["detail"]["municipality"] == ["Okänd kommunkod."]


def test_patch_only_by_representative_or_admin(world: World) -> None:
    url = f"/api/v1/organisations/{world.association.pk}"
    client = Client()
    body = json.dumps({"member_count": 77})
    response = client.patch(
        url, body, content_type="application/json", **bearer(api_token_create(user=world.other_rep))
    )
    assert response.status_code == 403
    response = client.patch(url, body, content_type="application/json")
    assert response.status_code == 401
    response = client.patch(
        url, body, content_type="application/json", **bearer(api_token_create(user=world.rep))
    )
    assert response.status_code == 200 and response.json()["member_count"] == 77


def test_create_api_token_command_prints_token_last_and_stores_hash() -> None:
    out = io.StringIO()
    call_command("create_api_token", "uusi@example.org", "--admin", stdout=out)
    token = out.getvalue().strip().splitlines()[-1]
    user = User.objects.get(email="uusi@example.org")
    assert user.roles.filter(role="admin").exists()
    stored = ApiToken.objects.get(user=user)
    assert token not in stored.key_hash and len(stored.key_hash) == 64
    response = Client().get("/api/v1/organisations", **bearer(token))
    assert response.status_code == 200


def test_nul_characters_and_huge_page_numbers_are_4xx(world: World) -> None:
    token = api_token_create(user=world.rep)
    body = {"name_fi": "Testi\u0000 ry", "municipality": "276", "categories": ["culture"]}
    assert post(Client(), "/api/v1/organisations", body, **bearer(token)).status_code == 400
    huge = "99999999999999999999"
    response = Client().get("/api/v1/organisations", {"page": huge})
    assert response.status_code == 200 and response.json()["results"] == []
    assert Client().get("/fi/associations/", {"page": huge}).status_code == 200


def test_duplicate_register_number_gets_a_readable_message(world: World) -> None:
    token = api_token_create(user=world.other_rep)
    body = {
        "name_fi": "Toinen ry",
        "registration_number": "123.456",
        "municipality": "276",
        "categories": ["culture"],
    }
    response = post(
        Client(), "/api/v1/organisations", body, HTTP_ACCEPT_LANGUAGE="en", **bearer(token)
    )
    assert response.status_code == 422
    assert "already registered" in str(response.json()["detail"])
