"""The forums API: list shape, filters, creation with a token, iCalendar."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from kumppani.accounts.services import api_token_create
from kumppani.accounts.testing import World
from kumppani.forums.models import Forum, ForumType
from kumppani.forums.tests.factories import ForumFactory

pytestmark = pytest.mark.django_db


def _post(world: World, role: str, payload: dict[str, Any]) -> Any:
    user = world.user(role)
    assert user is not None
    token = api_token_create(user=user)
    return Client().post(
        "/api/v1/forums",
        json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def _payload(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "type": "wellbeing_meetup",
        "title_fi": "Hyvinvointihytinä",
        "start": "2030-03-12T17:00:00+02:00",
        "end": "2030-03-12T20:00:00+02:00",
        "place": "Kotiseutukeskus",
        "municipality": "276",
    }
    data.update(extra)
    return data


def test_list_shape_and_filters(world: World, django_assert_max_num_queries: Any) -> None:
    march = timezone.make_aware(dt.datetime(2030, 3, 12, 17))
    ForumFactory.create(municipalities=[world.municipality], start=march)
    ForumFactory.create(municipalities=[world.far_municipality], type=ForumType.VITALITY_WORKSHOP)
    body = Client().get("/api/v1/forums?municipality=276").json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 1
    item = body["results"][0]
    assert {"id", "type", "title_fi", "start", "end", "place", "municipalities"} <= set(item)
    assert item["municipalities"] == ["276"] and item["type"] == "wellbeing_meetup"
    assert Client().get("/api/v1/forums?type=vitality_workshop").json()["count"] == 1
    assert Client().get("/api/v1/forums?from=2030-03-13").json()["count"] == 0
    assert Client().get("/api/v1/forums?from=2030-03-01&to=2030-03-31").json()["count"] == 1
    assert Client().get("/api/v1/forums?type=nonsense").status_code == 422
    assert Client().get("/api/v1/forums?from=yesterday").status_code == 422
    for _n in range(20):
        ForumFactory.create(municipalities=[world.municipality, world.other_municipality])
    with django_assert_max_num_queries(4):
        Client().get("/api/v1/forums")


def test_liaison_creates_forum(world: World) -> None:
    response = _post(world, "liaison", _payload())
    assert response.status_code == 201
    forum = Forum.objects.get(pk=response.json()["id"])
    assert [m.code for m in forum.municipalities.all()] == ["276"]
    detail = Client().get(f"/api/v1/forums/{forum.pk}").json()
    assert detail["title_fi"] == "Hyvinvointihytinä"


def test_bad_input_is_4xx_with_field_messages(world: World) -> None:
    unknown = _post(world, "liaison", _payload(municipality="999"))
    assert unknown.status_code == 422
    assert "municipality" in unknown.json()["detail"]
    backwards = _post(world, "liaison", _payload(end="2030-03-11T20:00:00+02:00"))
    assert backwards.status_code == 422
    assert "end" in backwards.json()["detail"]
    bad_type = _post(world, "liaison", _payload(type="picnic"))
    assert bad_type.status_code == 422
    assert "type" in bad_type.json()["detail"]
    assert _post(world, "other_liaison", _payload()).status_code == 403
    assert not Forum.objects.exists()


def test_coordinator_creates_region_level_network_meeting(world: World) -> None:
    payload = _payload(type="liaison_network", municipality=None, region=world.region.code)
    response = _post(world, "coordinator", payload)
    assert response.status_code == 201
    assert _post(world, "liaison", payload).status_code == 403


def test_ics_is_valid_icalendar(world: World) -> None:
    forum = ForumFactory.create(municipalities=[world.municipality], title_fi="Hytinä")
    response = Client().get(f"/api/v1/forums/{forum.pk}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    assert str(events[0]["SUMMARY"]) == "Hytinä"
    assert events[0].decoded("DTSTART") == forum.start.replace(microsecond=0)
    assert Client().get("/api/v1/forums/999999.ics").status_code == 404


def test_operations_in_openapi() -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/forums", "/api/v1/forums/{pk}", "/api/v1/forums/{pk}.ics"} <= set(paths)


def test_a_start_with_an_unusual_utc_offset_is_stored_as_the_same_instant(world: World) -> None:
    response = _post(
        world,
        "liaison",
        _payload(start="2027-03-01T23:34:00+21:54", end="2027-03-02T06:00:00+00:00"),
    )
    assert response.status_code == 201, response.content
    forum = Forum.objects.get(pk=response.json()["id"])
    assert forum.start == dt.datetime(2027, 3, 1, 1, 40, tzinfo=dt.UTC)
