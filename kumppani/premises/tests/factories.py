"""One factory per premises model. Spaces are in Kontiolahti, the shared test world's home."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from kumppani.associations.tests.factories import AssociationFactory, UserFactory
from kumppani.geography.models import Municipality
from kumppani.premises.models import (
    Allocation,
    AllocationRound,
    Booking,
    BookingSeries,
    OpeningHours,
    PriceRule,
    SlotRequest,
    Space,
    SpacePhoto,
    UsagePrinciples,
)


def _home() -> Municipality:
    return Municipality.objects.get(code="276")


def next_weekday_at(weekday: int, hour: int, minute: int = 0, weeks: int = 1) -> dt.datetime:
    """A local time on ``weekday`` (0 Monday) at least ``weeks`` weeks from now."""
    today = timezone.localdate() + dt.timedelta(weeks=weeks)
    day = today + dt.timedelta(days=(weekday - today.weekday()) % 7)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Space

    municipality = factory.LazyFunction(_home)
    parent = None
    kind = "room"
    name_fi = factory.Sequence(lambda n: f"Kerhohuone {n}")
    name_sv = factory.Sequence(lambda n: f"Klubbrum {n}")
    name_en = factory.Sequence(lambda n: f"Club room {n}")
    address = "Keskuskatu 8, 81100 Kontiolahti"
    capacity = 30
    min_minutes = 30
    max_minutes = 480
    book_ahead_days = 365


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    space = factory.SubFactory(SpaceFactory)
    weekday = 0
    opens = dt.time(8)
    closes = dt.time(22)


class SpacePhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpacePhoto

    space = factory.SubFactory(SpaceFactory)
    image = factory.django.ImageField(width=40, height=30, format="JPEG", filename="sali.jpg")
    alt_fi = "Liikuntasali, jossa kaksi koripallokenttää"


class UsagePrinciplesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UsagePrinciples

    municipality = factory.LazyFunction(_home)
    text_fi = "Rekisteröityneet yhdistykset saavat koulujen liikuntasalit käyttöönsä maksutta."


class PriceRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriceRule

    municipality = factory.LazyFunction(_home)
    space = None
    customer_type = "association"
    price_per_hour = Decimal("10.00")


class BookingSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BookingSeries

    space = factory.SubFactory(SpaceFactory)
    organisation = factory.SubFactory(AssociationFactory)
    booked_by = factory.SubFactory(UserFactory)
    customer_type = "association"
    purpose = "Tuolijumppa"
    rrule = "FREQ=WEEKLY;COUNT=10"
    first_start = factory.LazyFunction(lambda: next_weekday_at(1, 18))
    first_end = factory.LazyAttribute(lambda o: o.first_start + dt.timedelta(hours=1))


class BookingFactory(factory.django.DjangoModelFactory):
    """A bare booking row without blocks; use the booking service for bookings that hold time."""

    class Meta:
        model = Booking

    space = factory.SubFactory(SpaceFactory)
    organisation = factory.SubFactory(AssociationFactory)
    booked_by = factory.SubFactory(UserFactory)
    customer_type = "association"
    purpose = "Hallituksen kokous"
    starts_at = factory.LazyFunction(lambda: next_weekday_at(2, 17))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))


class AllocationRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AllocationRound

    municipality = factory.LazyFunction(_home)
    name_fi = "Syyskauden vuorojako"
    name_sv = "Höstsäsongens turfördelning"
    name_en = "Autumn season allocation"
    season_starts = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=60))
    season_ends = factory.LazyAttribute(lambda o: o.season_starts + dt.timedelta(days=120))
    applications_open_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    applications_close_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=20))
    status = "open"


class SlotRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SlotRequest

    round = factory.SubFactory(AllocationRoundFactory)
    organisation = factory.SubFactory(AssociationFactory)
    space = factory.SubFactory(SpaceFactory)
    weekday = 1
    starts = dt.time(18)
    ends = dt.time(19, 30)
    priority = 1
    purpose = "Junioreiden salibandy"


class AllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Allocation

    round = factory.SubFactory(AllocationRoundFactory)
    organisation = factory.SubFactory(AssociationFactory)
    space = factory.SubFactory(SpaceFactory)
    weekday = 1
    starts = dt.time(18)
    ends = dt.time(19, 30)
