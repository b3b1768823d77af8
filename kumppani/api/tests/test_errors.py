"""The API's shared mechanisms: lookups that 404, and service rules answered as 422."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory
from django.urls import reverse

from kumppani.accounts.services import api_token_create
from kumppani.accounts.testing import World
from kumppani.api.api import django_validation_error
from kumppani.welfare.tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name",
    ["geography:municipality", "welfare:plan_current", "proposals:outcomes", "cooperation:guide"],
)
def test_unknown_municipality_code_is_a_404_page(world: World, client: Client, name: str) -> None:
    assert client.get(reverse(name, kwargs={"code": "999"})).status_code == 404
    assert client.get(reverse(name, kwargs={"code": "276"})).status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/municipalities/{}", "/api/v1/municipalities/{}/bodies"])
def test_unknown_municipality_code_is_a_json_404_in_the_api(world: World, path: str) -> None:
    client = Client()
    response = client.get(path.format("999"))
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}
    assert client.get(path.format("276")).status_code == 200


def test_a_rule_of_the_service_is_a_422_with_its_field_message(world: World) -> None:
    measure = MeasureFactory.create(goal__theme__plan__municipality=world.municipality, progress=10)
    response = Client().patch(
        f"/api/v1/measures/{measure.pk}",
        json.dumps({"progress": 101}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
        HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=world.liaison)}",
    )
    assert response.status_code == 422
    assert response.json() == {"detail": {"progress": ["Progress is a percentage from 0 to 100."]}}
    measure.refresh_from_db()
    assert measure.progress == 10


def test_an_error_without_a_field_is_reported_under_all() -> None:
    request = RequestFactory().get("/api/v1/plans")
    response = django_validation_error(request, ValidationError("The plan is locked."))
    assert response.status_code == 422
    assert json.loads(response.content) == {"detail": {"__all__": ["The plan is locked."]}}


def test_a_database_still_locked_after_the_wait_is_a_503_to_retry() -> None:
    from django.db import OperationalError

    from kumppani.api.api import database_busy

    request = RequestFactory().post("/api/v1/bookings")
    response = database_busy(request, OperationalError("database is locked"))
    assert response.status_code == 503
    assert response["Retry-After"] == "2"
    with pytest.raises(OperationalError, match="no such table"):
        database_busy(request, OperationalError("no such table: x"))
