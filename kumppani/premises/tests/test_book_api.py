"""The bookings API: 201 with the price and the series, 409 listing the clash, 422 for a broken
rule, 403 for someone who may not book for the association, the busy list, and 204 on cancel."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from kumppani.accounts.services import api_token_create
from kumppani.premises.models import Booking, BookingStatus
from kumppani.premises.tests.factories import PriceRuleFactory, SpaceFactory, next_weekday_at

pytestmark = pytest.mark.django_db
H = dt.timedelta(hours=1)


@pytest.fixture
def hall(world):
    hall = SpaceFactory.create(name_fi="Palloiluhalli", kind="hall")
    hall.court = SpaceFactory.create(name_fi="Kenttä A", kind="court", parent=hall)
    return hall


def _api(world, role: str) -> Client:
    token = api_token_create(user=world.user(role))
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def _post(client: Client, body: dict) -> Any:
    return client.post("/api/v1/bookings", json.dumps(body), content_type="application/json")


def _body(world, space, start, **extra) -> dict:
    return {
        "space": space.pk,
        "start": start.isoformat(),
        "end": (start + 2 * H).isoformat(),
        "organisation": world.association.pk,
        "purpose": "Salibandy",
        **extra,
    }


def test_a_representative_books_a_series_and_a_clash_is_a_409(world, hall):
    PriceRuleFactory.create(space=hall, price_per_hour=Decimal("5.00"))
    client = _api(world, "rep")
    start = next_weekday_at(1, 18)

    response = _post(client, _body(world, hall.court, start, recurrence="FREQ=WEEKLY;COUNT=4"))
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "confirmed"
    assert data["occurrences"] == 4
    assert data["price_eur"] == "40.00"
    assert data["series"] is not None
    assert Booking.objects.get(pk=data["id"]).customer_type == "association"

    # The hall contains the court: its booking clashes with the court's.
    clash = _post(client, _body(world, hall, start + H))
    assert clash.status_code == 409
    body = clash.json()
    assert body["detail"]
    assert body["clashes"] == [
        {
            "booking": data["id"],
            "space": hall.court.pk,
            "space_name": "Kenttä A",
            "start": start.isoformat(),
            "end": (start + 2 * H).isoformat(),
        }
    ]
    # With skip_clashes the free times of a series are booked.
    skipped = _post(
        client,
        _body(world, hall, start + H, recurrence="FREQ=WEEKLY;COUNT=5", skip_clashes=True),
    )
    assert skipped.status_code == 201
    assert skipped.json()["occurrences"] == 1


def test_broken_rules_are_422_and_other_associations_403(world, hall):
    client = _api(world, "rep")
    start = next_weekday_at(2, 10)
    short = _body(world, hall, start)
    short["end"] = (start + dt.timedelta(minutes=10)).isoformat()
    response = _post(client, short)
    assert response.status_code == 422
    assert "ends_at" in response.json()["detail"]
    bad_rule = _post(client, _body(world, hall, start, recurrence="FREQ=SOMETIMES"))
    assert bad_rule.status_code == 422
    naive = _body(world, hall, start)
    naive["start"] = start.replace(tzinfo=None).isoformat()
    assert _post(client, naive).status_code == 422

    other = _post(_api(world, "other_rep"), _body(world, hall, start))
    assert other.status_code == 403
    assert not Booking.objects.exists()


def test_the_busy_list_hides_the_purpose_from_others(world, hall):
    start = next_weekday_at(3, 18)
    created = _post(_api(world, "rep"), _body(world, hall.court, start)).json()
    query = f"/api/v1/bookings?space={hall.pk}&start={start.date().isoformat()}T00:00:00%2B00:00"
    public = Client().get(query)
    assert public.status_code == 200
    assert public.json() == [
        {
            "id": created["id"],
            "space": hall.court.pk,
            "start": start.isoformat(),
            "end": (start + 2 * H).isoformat(),
            "status": "confirmed",
            "organisation": None,
            "purpose": None,
        }
    ]
    mine = _api(world, "rep").get(query).json()
    assert mine[0]["purpose"] == "Salibandy"
    assert mine[0]["organisation"] == world.association.pk


def test_cancel_is_204_and_unknown_404(world, hall):
    start = next_weekday_at(4, 12)
    created = _post(_api(world, "rep"), _body(world, hall, start)).json()
    assert _api(world, "other_rep").delete(f"/api/v1/bookings/{created['id']}").status_code == 403
    assert _api(world, "liaison").delete(f"/api/v1/bookings/{created['id']}").status_code == 204
    assert Booking.objects.get().status == BookingStatus.CANCELLED
    assert _api(world, "rep").delete("/api/v1/bookings/999999").status_code == 404
    assert Client().delete(f"/api/v1/bookings/{created['id']}").status_code == 401
