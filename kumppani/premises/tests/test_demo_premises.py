"""The premises demo: Joutsa's Hyvinvointitupa free for associations, Kontiolahti's hall with two
courts and association prices, bookings through the service, last season for the statistics,
an open seasonal round with competing applications; seeding twice changes nothing.

Cheap on purpose: only the shared world and five associations, no other app's demo."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.utils import timezone

from kumppani.accounts.testing import World
from kumppani.associations.models import Category
from kumppani.associations.tests.factories import AssociationFactory
from kumppani.geography.models import Municipality
from kumppani.premises import demo
from kumppani.premises.models import (
    AllocationRound,
    Booking,
    BookingBlock,
    BookingSeries,
    PriceRule,
    SlotRequest,
    Space,
    UsagePrinciples,
)
from kumppani.premises.selectors_stats import municipality_stats, period_for
from kumppani.premises.services.pricing import booking_price

pytestmark = pytest.mark.django_db


def _clubs(world: World) -> Municipality:
    joutsa = Municipality.objects.get(code="172")
    for slug, name in (
        ("sports", "Kontiolahden Urheiluseura ry"),
        ("youth", "Kontiolahden Nuorisoseura ry"),
        ("seniors", "Kontiolahden Eläkeläiset ry"),
    ):
        AssociationFactory.create(
            home_municipality=world.municipality,
            name_fi=name,
            categories=[Category.objects.get(slug=slug)],
        )
    AssociationFactory.create(
        home_municipality=joutsa,
        name_fi="Joutsan Sydänyhdistys ry",
        categories=[Category.objects.get(slug="social-health")],
    )
    AssociationFactory.create(
        home_municipality=joutsa,
        name_fi="Joutsan Kotiseutuyhdistys ry",
        categories=[Category.objects.get(slug="culture")],
    )
    return joutsa


def test_demo_premises_seed_once_with_every_piece(world: World) -> None:
    joutsa = _clubs(world)
    demo.seed(random.Random(2026))
    counts = [m.objects.count() for m in (Space, Booking, BookingSeries, PriceRule, SlotRequest)]
    demo.seed(random.Random(2026))
    assert [
        m.objects.count() for m in (Space, Booking, BookingSeries, PriceRule, SlotRequest)
    ] == counts

    # Joutsa: a building with a meeting room and a kitchen, free of charge for associations
    tupa = Space.objects.get(municipality=joutsa, name_fi="Hyvinvointitupa")
    assert {s.kind for s in tupa.children.all()} == {"meeting_room", "kitchen"}
    room = tupa.children.get(kind="meeting_room")
    monday = timezone.make_aware(dt.datetime(2027, 3, 1, 13))
    assert booking_price(
        space=room,
        customer_type="association",
        starts_at=monday,
        ends_at=monday + dt.timedelta(hours=2),
    ) == Decimal("0.00")
    assert "maksutta" in UsagePrinciples.objects.get(municipality=joutsa).text_fi

    # Kontiolahti: the sports house, its hall and two courts; association 8 €/h, evenings dearer
    hall = Space.objects.get(municipality=world.municipality, name_fi="Palloiluhalli")
    assert hall.parent and hall.parent.name_fi == "Kontiolahden urheilutalo"
    courts = sorted(c.name_fi for c in hall.children.all())
    assert courts == ["Kenttä 1", "Kenttä 2"]
    court = hall.children.get(name_fi="Kenttä 2")
    morning = timezone.make_aware(dt.datetime(2027, 3, 2, 10))
    evening = timezone.make_aware(dt.datetime(2027, 3, 2, 18))
    hour = dt.timedelta(hours=1)
    price = {
        (who, at): booking_price(space=court, customer_type=who, starts_at=at, ends_at=at + hour)
        for who in ("association", "resident", "company")
        for at in (morning, evening)
    }
    assert price[("association", morning)] == Decimal("8.00")
    assert price[("association", evening)] == Decimal("10.00")
    assert price[("resident", morning)] == Decimal("15.00")
    assert price[("company", morning)] == Decimal("35.00")

    # the demo representative's weekly series, booked through the service (blocks in the tree)
    series = BookingSeries.objects.get(organisation=world.association)
    assert series.bookings.count() == 12
    assert series.booked_by == world.rep
    first = series.bookings.order_by("starts_at").first()
    assert first is not None and first.starts_at > timezone.now()
    assert first.language == "fi"
    assert BookingBlock.objects.filter(booking=first).count() == 3  # court, hall, building
    assert Booking.objects.filter(series__isnull=True, space__municipality=joutsa).exists()

    # an open round for the hall and both courts, competing for Tuesday and Thursday evenings
    allocation_round = AllocationRound.objects.get(municipality=world.municipality)
    assert allocation_round.status == "open"
    assert set(allocation_round.spaces.values_list("name_fi", flat=True)) == {
        "Palloiluhalli",
        "Kenttä 1",
        "Kenttä 2",
    }
    requests = list(allocation_round.requests.all())
    assert len({r.organisation_id for r in requests}) == 3
    tuesday_court = [r for r in requests if r.weekday == 1 and r.space.name_fi == "Kenttä 1"]
    assert len({r.organisation_id for r in tuesday_court}) == 2  # the same court, overlapping
    assert max(r.starts for r in tuesday_court) < min(r.ends for r in tuesday_court)

    # last season shows in the statistics: paid hours in Kontiolahti, free in Joutsa
    stats = municipality_stats(municipality=world.municipality, period=period_for(None))
    assert stats.total.paid_hours > 0
    joutsa_stats = municipality_stats(municipality=joutsa, period=period_for(None))
    assert joutsa_stats.total.free_hours == Decimal("40.0")  # 20 weeks × 2 h
