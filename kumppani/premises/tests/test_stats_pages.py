"""The P22 statistics: hours of associations' bookings by category, space and municipality,
free versus paid, beside the survey's premises share; a constant number of queries; the CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from kumppani.accounts.testing import World
from kumppani.associations.models import Category
from kumppani.associations.tests.factories import AssociationFactory
from kumppani.premises.models import BookingStatus
from kumppani.premises.plug_stats import PREMISES_HOURS
from kumppani.premises.selectors_stats import municipality_stats, period_for, region_stats
from kumppani.premises.tests.factories import BookingFactory, SpaceFactory

pytestmark = pytest.mark.django_db


def _ago(days: int, hour: int = 18) -> dt.datetime:
    day = timezone.localdate() - dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _book(space: Any, organisation: Any, days: int, hours: float, price: str | None, **kw: Any):
    start = _ago(days)
    return BookingFactory.create(
        space=space,
        organisation=organisation,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=hours),
        price_eur=None if price is None else Decimal(price),
        status=kw.pop("status", BookingStatus.CONFIRMED),
        **kw,
    )


@pytest.fixture
def used(world: World) -> dict[str, Any]:
    """Kontiolahti: a hall with a court; the village association (residents-village) books the
    court free for 2 h and the hall paid for 1.5 h, a sports club the court for 3 h with no price
    known. Left out: a cancelled booking, a pending one, one of a resident (no association), one
    14 months ago. Joensuu: the heart association 4 h free."""
    sports = Category.objects.get(slug="sports")
    club = AssociationFactory.create(
        name_fi="Kontiolahden Palloseura ry",
        home_municipality=world.municipality,
        categories=[sports],
    )
    hall = SpaceFactory.create(name_fi="Palloiluhalli", kind="hall")
    court = SpaceFactory.create(name_fi="Kenttä 1", kind="court", parent=hall)
    SpaceFactory.create(name_fi="Kerhohuone", kind="room")
    _book(court, world.association, 10, 2, "0.00")
    _book(hall, world.association, 20, 1.5, "12.00")
    _book(court, club, 30, 3, None)
    _book(court, club, 40, 5, "0.00", status=BookingStatus.CANCELLED)
    _book(court, club, 41, 5, "0.00", status=BookingStatus.PENDING)
    _book(court, None, 42, 5, "35.00", customer_type="resident")
    _book(court, club, 430, 5, "0.00")
    joensuu_room = SpaceFactory.create(municipality=world.other_municipality, name_fi="Sali")
    _book(joensuu_room, world.other_association, 5, 4, "0.00")
    return {"hall": hall, "court": court, "club": club}


def test_municipality_figures_by_category_space_and_price(world: World, used: Any) -> None:
    stats = municipality_stats(municipality=world.municipality, period=period_for(None))
    assert (stats.total.associations, stats.total.bookings) == (2, 3)
    assert stats.total.hours == Decimal("6.5")
    assert (stats.total.free_hours, stats.total.paid_hours, stats.total.unknown_hours) == (
        Decimal("2.0"),
        Decimal("1.5"),
        Decimal("3.0"),
    )
    assert stats.total.free_share == 31  # 2 / 6.5 = 30.8 %
    by_category = {row.label: row for row in stats.categories}
    village = by_category[str(Category.objects.get(slug="residents-village"))]
    assert (village.associations, village.hours) == (1, Decimal("3.5"))
    sports = by_category[str(Category.objects.get(slug="sports"))]
    assert (sports.associations, sports.hours, sports.unknown_hours) == (1, Decimal("3.0"), 3)
    assert by_category[str(Category.objects.get(slug="social-health"))].hours == 0
    spaces = [(row.label, row.hours) for row in stats.spaces]
    assert spaces == [
        ("Kerhohuone", Decimal("0.0")),
        ("Palloiluhalli", Decimal("1.5")),
        ("Palloiluhalli › Kenttä 1", Decimal("5.0")),
    ]


def test_a_calendar_year_is_chosen_with_year(world: World, used: Any) -> None:
    long_ago = timezone.localdate() - dt.timedelta(days=430)
    stats = municipality_stats(municipality=world.municipality, period=period_for(long_ago.year))
    assert stats.total.hours >= Decimal("5.0")
    client_page = reverse("premises:stats_municipality", args=["276"])
    from django.test import Client

    html = Client().get(f"{client_page}?year={long_ago.year}").content.decode()
    assert f'<option value="{long_ago.year}" selected>' in html
    bad = Client().get(f"{client_page}?year=1800").content.decode()
    assert 'class="errorlist' in bad and gettext("The last 12 months") in bad


def test_region_figures_by_municipality(world: World, used: Any) -> None:
    stats = region_stats(region=world.region, period=period_for(None))
    rows = {row.code: row for row in stats.municipalities}
    assert set(rows) == {"276", "167"}  # municipalities with premises in the service
    assert rows["276"].hours == Decimal("6.5")
    assert (rows["167"].hours, rows["167"].free_hours) == (Decimal("4.0"), Decimal("4.0"))
    assert stats.total.hours == Decimal("10.5")
    assert stats.total.associations == 3
    # the survey's and registry's share of the same region, beside the bookings
    assert stats.share.region == world.region
    assert {row.municipality.code for row in stats.share.rows if row.municipality} >= {"276"}


def test_pages_show_figures_in_the_language_and_never_a_name(
    client: Any, world: World, used: Any
) -> None:
    page = client.get(
        reverse("premises:stats_municipality", args=["276"]), HTTP_ACCEPT_LANGUAGE="fi"
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "6,5" in html and "Kenttä 1" in html
    assert "Palloseura" not in html and "Ylä-Kuhan" not in html
    assert 'data-label="' in html and 'class="stack"' in html
    assert "uses municipal premises" in html or "käyttää kunnan tiloja" in html or "profile" in html
    region = client.get(reverse("premises:stats_region", args=[world.region.code]))
    html = region.content.decode()
    assert region.status_code == 200
    assert "10.5" in html or "10,5" in html
    assert reverse("premises:stats_region_csv", args=[world.region.code]) in html
    assert "Palloseura" not in html


def test_pages_run_a_constant_number_of_queries(
    client: Any, world: World, used: Any, django_assert_max_num_queries: Any
) -> None:
    municipality_url = reverse("premises:stats_municipality", args=["276"])
    region_url = reverse("premises:stats_region", args=[world.region.code])
    with django_assert_max_num_queries(12) as before:
        client.get(municipality_url)
    with django_assert_max_num_queries(12):
        client.get(region_url)
    for n in range(15):  # more spaces, associations, categories and bookings
        club = AssociationFactory.create(
            home_municipality=world.municipality,
            categories=[Category.objects.order_by("?").first()],
        )
        space = SpaceFactory.create(parent=used["hall"])
        _book(space, club, 3 + n, 1, "8.00")
        other = SpaceFactory.create(municipality=world.other_municipality)
        _book(other, club, 3 + n, 1, "0.00")
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(municipality_url)
    with django_assert_max_num_queries(12):
        client.get(region_url)


def test_region_csv_is_formula_safe(client: Any, world: World, used: Any) -> None:
    used["hall"].municipality.name_fi  # noqa: B018 (Kontiolahti)
    from kumppani.geography.models import Municipality

    Municipality.objects.filter(code="167").update(name_fi="=HYPERLINK(1)", name_en="=HYPERLINK(1)")
    response = client.get(reverse("premises:stats_region_csv", args=[world.region.code]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["municipality_code", "municipality"]
    by_code = {row[0]: row for row in rows[1:]}
    assert by_code["276"][6] == "6.5"
    assert by_code["167"][1] == "'=HYPERLINK(1)"
    assert rows[-1][0] == "" and rows[-1][6] == "10.5"  # the region's total last
    bad = client.get(reverse("premises:stats_region_csv", args=[world.region.code]) + "?year=x")
    assert bad.status_code == 400


def test_region_map_indicator(world: World, used: Any) -> None:
    readings = PREMISES_HOURS.read(world.region)
    assert set(readings) == {"276", "167"}
    assert readings["276"].level == 0
    assert "6.5" in readings["276"].text or "6,5" in readings["276"].text
    assert "837" not in readings


def test_unknown_places_are_404(client: Any, world: World) -> None:
    assert client.get(reverse("premises:stats_municipality", args=["999"])).status_code == 404
    assert client.get(reverse("premises:stats_region", args=["99"])).status_code == 404
