"""The public premises pages: a municipality's premises, a space's week view (busy times from
the space tree, a constant number of queries), and the busy-times feed without personal data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext
from icalendar import Calendar

from kumppani.premises.selectors_public import iso_week
from kumppani.premises.services.bookings import booking_create, series_create
from kumppani.premises.tests.factories import (
    OpeningHoursFactory,
    PriceRuleFactory,
    SpaceFactory,
    SpacePhotoFactory,
    UsagePrinciplesFactory,
    next_weekday_at,
)

pytestmark = pytest.mark.django_db
H = dt.timedelta(hours=1)


@pytest.fixture
def hall(world):
    building = SpaceFactory.create(name_fi="Liikuntahalli", kind="building", bookable=False)
    hall = SpaceFactory.create(
        name_fi="Palloiluhalli", kind="hall", parent=building, book_ahead_days=2000
    )
    hall.court_a = SpaceFactory.create(name_fi="Kenttä A", kind="court", parent=hall)
    hall.court_b = SpaceFactory.create(name_fi="Kenttä B", kind="court", parent=hall)
    return hall


def _book(space, start, world, purpose="Sählyvuoro", hours=1.5):
    return booking_create(
        space=space,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=hours),
        purpose=purpose,
        customer_type="association",
        organisation=world.association,
        booked_by=world.rep,
    )


def _span(start: str, end: str, *, busy: bool) -> str:
    """A line of the week list as the page writes it in the active language (Finnish)."""
    text = "%(start)s–%(end)s booked" if busy else "%(start)s–%(end)s free"
    return escape(gettext(text) % {"start": start, "end": end})


def _week(start: dt.datetime) -> str:
    return iso_week(timezone.localtime(start).date())


def test_the_municipality_page_lists_spaces_for_associations_as_a_tree(client, world, hall):
    SpaceFactory.create(name_fi="Kaupungintalon arkisto", for_associations=False)
    SpacePhotoFactory.create(space=hall, alt_fi="Palloiluhalli ja kaksi kenttää")
    UsagePrinciplesFactory.create(text_fi="Yhdistykset saavat **maksutta** koulujen salit.")
    PriceRuleFactory.create(space=hall, price_per_hour=Decimal("0"))
    PriceRuleFactory.create(space=None, price_per_hour=Decimal("12.50"))
    hall.step_free = True
    hall.save()

    response = client.get(reverse("premises:municipality", args=["276"]))

    text = response.content.decode()
    assert response.status_code == 200
    assert "Kaupungintalon arkisto" not in text
    for name in ("Liikuntahalli", "Palloiluhalli", "Kenttä A", "Kenttä B"):
        assert name in text
    assert reverse("premises:space", args=[hall.court_a.pk]) in text
    assert 'alt="Palloiluhalli ja kaksi kenttää"' in text
    assert "<strong>maksutta</strong>" in text
    assert gettext("Free of charge") in text
    assert "12,50" in text


def test_the_week_view_shows_the_space_tree_s_bookings_and_free_gaps(client, world, hall):
    OpeningHoursFactory.create(space=hall.parent, weekday=1, opens=dt.time(8), closes=dt.time(22))
    start = next_weekday_at(1, 18)
    _book(hall.court_a, start, world, purpose="Salainen harjoitus")  # inside the hall

    response = client.get(
        reverse("premises:space", args=[hall.court_b.pk]) + f"?week={_week(start)}"
    )
    text = response.content.decode()
    # Court B: the court A booking does not block it (siblings), so the day is all free.
    assert "18.00–19.30" not in text

    response = client.get(reverse("premises:space", args=[hall.pk]) + f"?week={_week(start)}")
    text = response.content.decode()
    assert response.status_code == 200
    assert _span("18.00", "19.30", busy=True) in text
    assert _span("8.00", "18.00", busy=False) in text
    assert _span("19.30", "22.00", busy=False) in text
    assert "Salainen harjoitus" not in text  # the purpose is not public
    assert "Rep" not in text


def test_a_parent_booking_blocks_the_court(client, world, hall):
    start = next_weekday_at(3, 17)
    _book(hall, start, world)
    response = client.get(
        reverse("premises:space", args=[hall.court_a.pk]) + f"?week={_week(start)}"
    )
    assert _span("17.00", "18.30", busy=True) in response.content.decode()


def test_the_purpose_is_shown_to_those_who_can_handle_the_booking(client_for, world, hall):
    start = next_weekday_at(2, 10)
    _book(hall, start, world, purpose="Kevätnäytöksen harjoitus")
    url = reverse("premises:space", args=[hall.pk]) + f"?week={_week(start)}"
    assert "Kevätnäytöksen harjoitus" in client_for("rep").get(url).content.decode()
    assert "Kevätnäytöksen harjoitus" in client_for("liaison").get(url).content.decode()
    assert "Kevätnäytöksen harjoitus" not in client_for("other_rep").get(url).content.decode()


def test_week_links_go_back_and_forth(client, world, hall):
    response = client.get(reverse("premises:space", args=[hall.pk]) + "?week=2026-W50")
    text = response.content.decode()
    assert "?week=2026-W49" in text and "?week=2026-W51" in text
    assert "7.12.2026" in text  # the Monday of week 50


def test_the_week_view_runs_a_constant_number_of_queries(
    client, world, hall, django_assert_max_num_queries
):
    first = next_weekday_at(1, 18)
    url = reverse("premises:space", args=[hall.court_a.pk]) + f"?week={_week(first)}"
    with django_assert_max_num_queries(20) as short:
        client.get(url)
    # Five years of weekly bookings of the hall (blocking its courts).
    result = series_create(
        space=hall,
        starts_at=first,
        ends_at=first + 1.5 * H,
        purpose="Viiden vuoden vuoro",
        customer_type="association",
        rrule="FREQ=WEEKLY;COUNT=260",
        organisation=world.association,
        booked_by=world.rep,
        as_officer=True,
    )
    assert len(result.bookings) == 260
    with django_assert_max_num_queries(len(short.captured_queries)):
        response = client.get(url)
    assert _span("18.00", "19.30", busy=True) in response.content.decode()


def test_the_busy_feed_has_no_personal_data(client, world, hall):
    start = next_weekday_at(4, 12)
    _book(hall.court_a, start, world, purpose="Salainen tarkoitus")
    for url in (
        reverse("premises:busy_ics", args=[hall.pk]),
        f"/api/v1/premises/{hall.pk}/busy.ics",
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        body = response.content.decode()
        assert "Salainen tarkoitus" not in body
        assert world.association.name_fi not in body
        assert world.rep.email not in body
        events = Calendar.from_ical(response.content).walk("VEVENT")
        assert len(events) == 1
        assert str(events[0]["SUMMARY"]) in ("Varattu", "Busy")
        assert events[0].decoded("DTSTART") == start


def test_a_space_not_for_associations_is_not_public(client, client_for, world):
    hidden = SpaceFactory.create(for_associations=False)
    assert client.get(reverse("premises:space", args=[hidden.pk])).status_code == 404
    assert client_for("liaison").get(reverse("premises:space", args=[hidden.pk])).status_code == 200


def test_a_space_photo_is_served_as_an_image_and_a_missing_one_is_404(client) -> None:
    from kumppani.premises.tests.factories import SpacePhotoFactory

    photo = SpacePhotoFactory.create()
    response = client.get(reverse("premises:photo", args=[photo.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"
    assert client.get(reverse("premises:photo", args=[photo.pk + 1000])).status_code == 404


def test_a_visitor_is_offered_to_log_in_to_book(client, world, hall):
    response = client.get(reverse("premises:space", args=[hall.pk]))
    book = reverse("premises:book", args=[hall.pk])
    assert f'?next={book}"' in response.content.decode()
