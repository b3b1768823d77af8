"""The booking service: the space tree blocks, buffers, rules, series with clashes, prices, and
the database refusing a double booking."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import translation

from kumppani.premises.models import Booking, BookingBlock, BookingStatus
from kumppani.premises.services.bookings import (
    BookingClash,
    booking_cancel,
    booking_create,
    series_cancel,
    series_create,
)
from kumppani.premises.services.pricing import booking_price
from kumppani.premises.tests.factories import (
    OpeningHoursFactory,
    PriceRuleFactory,
    SpaceFactory,
    next_weekday_at,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The services answer in the caller's language; these tests read the English messages."""
    with translation.override("en"):
        yield


H = dt.timedelta(hours=1)


@pytest.fixture
def hall(db):
    building = SpaceFactory(name_fi="Kontiolahden liikuntahalli", kind="building", bookable=False)
    hall = SpaceFactory(name_fi="Palloiluhalli", kind="hall", parent=building)
    hall.court_a = SpaceFactory(name_fi="Kenttä A", name_en="", kind="court", parent=hall)  # type: ignore[attr-defined]
    hall.court_b = SpaceFactory(name_fi="Kenttä B", name_en="", kind="court", parent=hall)  # type: ignore[attr-defined]
    return hall


def book(space, start, hours=1, **kwargs):
    return booking_create(
        space=space,
        starts_at=start,
        ends_at=start + hours * H,
        purpose=kwargs.pop("purpose", "Harjoitukset"),
        customer_type=kwargs.pop("customer_type", "association"),
        **kwargs,
    )


def test_a_court_blocks_its_hall_and_the_hall_blocks_both_courts(hall):
    start = next_weekday_at(1, 18)
    book(hall.court_a, start)
    book(hall.court_b, start)  # siblings do not block each other
    with pytest.raises(BookingClash) as clash:
        book(hall, start + dt.timedelta(minutes=30))
    assert {c.space_name for c in clash.value.clashes} == {"Kenttä A", "Kenttä B"}
    later = start + 3 * H
    book(hall, later)
    for court in (hall.court_a, hall.court_b):
        with pytest.raises(BookingClash):
            book(court, later)
    with pytest.raises(BookingClash):
        book(hall.court_a, start)
    assert Booking.objects.count() == 3


def test_back_to_back_is_fine_but_the_buffer_is_kept(hall):
    start = next_weekday_at(2, 10)
    book(hall.court_a, start)
    book(hall.court_a, start + H)
    hall.court_b.buffer_minutes = 15
    hall.court_b.save()
    book(hall.court_b, start)
    with pytest.raises(BookingClash):
        book(hall.court_b, start + H)
    book(hall.court_b, start + H + dt.timedelta(minutes=15))


def test_cancelling_frees_the_time_at_once(hall):
    start = next_weekday_at(3, 17)
    booking = book(hall, start)
    booking_cancel(booking=booking, by=None)
    assert not BookingBlock.objects.filter(booking=booking).exists()
    book(hall.court_a, start)


def test_rules_of_the_space_give_clear_messages(hall):
    OpeningHoursFactory(space=hall, weekday=1, opens=dt.time(8), closes=dt.time(21))
    start = next_weekday_at(1, 20)
    with pytest.raises(ValidationError, match="not open"):
        book(hall.court_a, start, hours=2)  # courts follow the hall's hours
    with pytest.raises(ValidationError, match="shortest booking"):
        booking_create(
            space=hall,
            starts_at=start,
            ends_at=start + dt.timedelta(minutes=10),
            purpose="x",
            customer_type="association",
        )
    with pytest.raises(ValidationError, match="past"):
        book(hall, next_weekday_at(1, 10, weeks=-2))
    with pytest.raises(ValidationError, match="days ahead"):
        book(hall, next_weekday_at(1, 10, weeks=60))
    building = hall.parent
    with pytest.raises(ValidationError, match="cannot be booked"):
        book(building, next_weekday_at(4, 10))
    with pytest.raises(ValidationError):
        book(hall, next_weekday_at(4, 10), purpose=" ")
    assert Booking.objects.count() == 0


def test_a_series_lists_its_clashes_before_anything_is_saved(hall):
    start = next_weekday_at(1, 18)
    book(hall, start + 2 * 7 * 24 * H, purpose="Turnaus")
    with pytest.raises(BookingClash) as clash:
        series_create(
            space=hall.court_a,
            starts_at=start,
            ends_at=start + H,
            purpose="Sähly",
            customer_type="association",
            rrule="FREQ=WEEKLY;COUNT=6",
        )
    assert [o.starts_at for o in clash.value.occurrences] == [start + 14 * 24 * H]
    assert Booking.objects.count() == 1
    result = series_create(
        space=hall.court_a,
        starts_at=start,
        ends_at=start + H,
        purpose="Sähly",
        customer_type="association",
        rrule="FREQ=WEEKLY;COUNT=6",
        skip_clashes=True,
    )
    assert len(result.bookings) == 5 and len(result.skipped) == 1
    assert result.series is not None
    cancelled = series_cancel(series=result.series, by=None)
    assert len(cancelled) == 5
    assert not BookingBlock.objects.filter(booking__series=result.series).exists()


def test_a_weekly_series_keeps_its_wall_clock_time_across_daylight_saving(hall):
    start = next_weekday_at(0, 18)
    result = series_create(
        space=hall,
        starts_at=start,
        ends_at=start + H,
        purpose="Kuoro",
        customer_type="association",
        rrule="FREQ=WEEKLY;COUNT=40",
    )
    from django.utils import timezone

    assert {timezone.localtime(b.starts_at).hour for b in result.bookings} == {18}


def test_a_bad_recurrence_rule_is_refused(hall):
    start = next_weekday_at(0, 18)
    with pytest.raises(ValidationError, match="recurrence rule"):
        series_create(
            space=hall,
            starts_at=start,
            ends_at=start + H,
            purpose="Kuoro",
            customer_type="association",
            rrule="FREQ=SOMETIMES",
        )
    with pytest.raises(ValidationError, match="at most"):
        series_create(
            space=hall,
            starts_at=start,
            ends_at=start + H,
            purpose="Kuoro",
            customer_type="association",
            rrule="FREQ=DAILY",
        )


def test_needs_approval_makes_a_pending_booking_that_still_holds_the_time(hall):
    hall.needs_approval = True
    hall.save()
    start = next_weekday_at(4, 12)
    booking = book(hall, start)
    assert booking.status == BookingStatus.PENDING
    with pytest.raises(BookingClash):
        book(hall.court_a, start)


def test_the_most_specific_price_rule_wins_per_quarter_hour(hall):
    PriceRuleFactory(customer_type="association", price_per_hour=Decimal("20"))
    PriceRuleFactory(
        space=hall,
        customer_type="association",
        price_per_hour=Decimal("12"),
        time_from=dt.time(16),
        time_to=dt.time(22),
    )
    PriceRuleFactory(space=hall, customer_type="association", price_per_hour=Decimal("8"))
    PriceRuleFactory(space=hall, customer_type="company", price_per_hour=Decimal("50"))
    start = next_weekday_at(2, 15)
    # 15–16 at the hall's all-day 8 €/h, 16–17 at its evening 12 €/h (court inherits the hall's).
    price = booking_price(
        space=hall.court_a, customer_type="association", starts_at=start, ends_at=start + 2 * H
    )
    assert price == Decimal("20.00")
    assert booking_price(
        space=hall, customer_type="company", starts_at=start, ends_at=start + H
    ) == Decimal("50.00")
    assert (
        booking_price(space=hall, customer_type="resident", starts_at=start, ends_at=start + H)
        is None
    )
    assert book(hall, start, hours=2).price_eur == Decimal("20.00")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the constraint is PostgreSQL's")
def test_postgresql_refuses_overlapping_blocks_by_itself(hall):
    start = next_weekday_at(1, 9)
    booking = book(hall.court_a, start)
    other = Booking.objects.create(
        space=hall, customer_type="association", purpose="x", starts_at=start, ends_at=start + H
    )
    with pytest.raises(IntegrityError, match="premises_no_double_booking"), transaction.atomic():
        BookingBlock.objects.create(
            booking=other, space=hall, starts_at=start, ends_at=start + H, own=other.pk
        )
    # Two courts' ancestor rows on the hall do not clash with each other.
    BookingBlock.objects.create(
        booking=other, space=hall.parent, starts_at=start, ends_at=start + H, own=0
    )
    assert booking.blocks.count() == 3


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's in-memory test database locks tables across threads; bench/premises_race.py "
    "runs the race against a SQLite file",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_attempts_at_one_slot_book_exactly_one(hall):
    start = next_weekday_at(1, 12)
    spaces = [hall, hall.court_a, hall.court_b, hall, hall.court_a, hall]
    outcomes: list[str] = []
    barrier = threading.Barrier(len(spaces))

    def attempt(space):
        try:
            barrier.wait()
            book(space, start)
            outcomes.append("booked")
        except BookingClash:
            outcomes.append("clash")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(s,)) for s in spaces]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    booked = set(Booking.objects.values_list("space__name_fi", flat=True))
    assert len(outcomes) == len(spaces)
    # Either the hall alone, or the courts (one each).
    assert booked in ({"Palloiluhalli"}, {"Kenttä A", "Kenttä B"}, {"Kenttä A"}, {"Kenttä B"})
    assert outcomes.count("booked") == Booking.objects.count()


def test_a_past_series_is_recorded_for_the_statistics_but_never_a_future_one(hall):
    from kumppani.premises.services.bookings import Occurrence, past_series_record

    past = next_weekday_at(1, 18, weeks=-3)
    weeks = [Occurrence(past + n * 7 * 24 * H, past + n * 7 * 24 * H + H) for n in range(2)]
    booked = past_series_record(
        space=hall,
        occurrences=weeks,
        organisation=None,
        customer_type="association",
        purpose="Sähly",
        rrule="FREQ=WEEKLY;COUNT=2",
    )
    assert [b.status for b in booked] == ["confirmed", "confirmed"]
    with pytest.raises(BookingClash):
        past_series_record(
            space=hall.court_a,
            occurrences=weeks[:1],
            organisation=None,
            customer_type="association",
            purpose="x",
            rrule="FREQ=WEEKLY;COUNT=1",
        )
    future = next_weekday_at(1, 18)
    with pytest.raises(ValidationError, match="already ended"):
        past_series_record(
            space=hall,
            occurrences=[Occurrence(future, future + H)],
            organisation=None,
            customer_type="association",
            purpose="x",
            rrule="FREQ=WEEKLY;COUNT=1",
        )
