"""The premises statistics in the browser, in Finnish at 390 px and 1280 px: axe finds nothing,
nothing overflows, the period is chosen without JavaScript. One walk for both widths."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from conftest import assert_accessible, assert_fits_horizontally
from kumppani.accounts.testing import build_world
from kumppani.core.role_pages import WIDTHS
from kumppani.premises.models import BookingStatus
from kumppani.premises.tests.factories import BookingFactory, SpaceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fi(name: str, *args: object) -> str:
    with translation.override("fi"):
        return reverse(name, args=args)


def test_statistics_pages_at_both_widths(page: Any, live_server: Any) -> None:
    world = build_world()
    hall = SpaceFactory.create(name_fi="Palloiluhalli" + "lli" * 20, kind="hall")
    court = SpaceFactory.create(name_fi="Kenttä 1", kind="court", parent=hall)
    for days, space, price in ((10, court, "0.00"), (20, hall, "24.00"), (400, court, "8.00")):
        start = timezone.now() - dt.timedelta(days=days)
        BookingFactory.create(
            space=space,
            organisation=world.association,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            status=BookingStatus.CONFIRMED,
            price_eur=Decimal(price),
        )
    municipality = _fi("premises:stats_municipality", world.municipality.code)
    region = _fi("premises:stats_region", world.region.code)
    last_year = timezone.localdate().year - 1
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 844})
        for path, expect in ((municipality, "Kenttä 1"), (region, "Kontiolahti")):
            response = page.goto(f"{live_server.url}{path}")
            assert response is not None and response.status == 200
            assert expect in page.inner_text("main")
            assert world.association.name_fi not in page.inner_text("main")
            assert_fits_horizontally(page)
            assert_accessible(page)
        page.select_option("select[name=year]", str(last_year))
        page.click("form.filters button[type=submit]")
        page.wait_for_load_state()
        assert f"year={last_year}" in page.url
        assert str(last_year) in page.inner_text("main h1 + p")
        assert_fits_horizontally(page)
        assert_accessible(page)
