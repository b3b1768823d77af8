"""Booking in the browser, in Finnish: a representative books a weekly series with one clash.

One walk: log in, open the space, fill the form, see the clash in the preview, book without
it, see the series in "my bookings". Each page is checked at 390 px and 1280 px: axe finds
nothing and nothing overflows.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from conftest import assert_accessible, assert_fits_horizontally, login
from kumppani.accounts.testing import build_world
from kumppani.core.role_pages import WIDTHS
from kumppani.premises.models import Booking
from kumppani.premises.services.bookings import booking_create
from kumppani.premises.tests.factories import (
    OpeningHoursFactory,
    PriceRuleFactory,
    SpaceFactory,
    next_weekday_at,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True),
]


def _fi(name: str, *args: object) -> str:
    with translation.override("fi"):
        return reverse(name, args=args)


def _check_both_widths(page: Any) -> None:
    for width in sorted(WIDTHS, reverse=True):
        page.set_viewport_size({"width": width, "height": 844})
        assert_fits_horizontally(page)
        assert_accessible(page)


def _main(page: Any) -> str:
    return str(page.inner_text("main")).replace("\xa0", " ").replace("\u202f", " ")


def test_a_representative_books_a_weekly_series_without_its_clash(
    page: Any, live_server: Any
) -> None:
    world = build_world()
    hall = SpaceFactory.create(name_fi="Kontiolahden liikuntahalli", kind="building")
    room = SpaceFactory.create(name_fi="Peilisali", kind="hall", parent=hall, capacity=40)
    for weekday in range(7):
        OpeningHoursFactory.create(
            space=hall, weekday=weekday, opens=dt.time(8), closes=dt.time(22)
        )
    PriceRuleFactory.create(space=room, price_per_hour=Decimal("8.00"))
    first = next_weekday_at(1, 18)
    booking_create(
        space=room,
        starts_at=first + dt.timedelta(weeks=1),
        ends_at=first + dt.timedelta(weeks=1, hours=1),
        purpose="Toisen yhdistyksen kokous",
        customer_type="association",
        organisation=world.other_association,
        booked_by=world.other_rep,
    )

    login(page, live_server, world.rep.email)
    week = timezone.localtime(first).date().isocalendar()
    page.goto(f"{live_server.url}{_fi('premises:space', room.pk)}?week={week[0]}-W{week[1]:02d}")
    assert "Peilisali" in _main(page)
    _check_both_widths(page)

    page.click(f"a[href='{_fi('premises:book', room.pk)}']")
    _check_both_widths(page)
    local = timezone.localtime(first)
    page.fill("[name=date]", local.date().isoformat())
    page.fill("[name=start]", "18:00")
    page.fill("[name=end]", "19:30")
    page.fill("[name=purpose]", "Tuolijumppa")
    page.fill("[name=until]", (local.date() + dt.timedelta(weeks=3)).isoformat())
    page.click("button[value=check]")
    text = _main(page)
    assert "Tuolijumppa" in text
    assert Booking.objects.count() == 1  # nothing saved yet
    assert "12,00" in text  # 1.5 h × 8 €
    assert page.locator("button[value=book_without]").count() == 1  # one time clashes
    _check_both_widths(page)

    page.click("button[value=book_without]")
    assert page.url.endswith(_fi("premises:booking", Booking.objects.order_by("pk")[1].pk))
    _check_both_widths(page)
    assert Booking.objects.filter(organisation=world.association).count() == 3

    page.goto(f"{live_server.url}{_fi('premises:my_bookings')}")
    assert "Tuolijumppa" in _main(page)
    _check_both_widths(page)
