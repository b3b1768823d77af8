"""Premises management in the browser, in Finnish at 390 px and 1280 px: axe finds nothing and
nothing overflows; one walk over every officer page, adding a space through the real form."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from conftest import assert_fits_and_accessible, login
from kumppani.accounts.testing import build_world
from kumppani.premises.models import Space
from kumppani.premises.services.bookings import booking_create
from kumppani.premises.tests.factories import (
    OpeningHoursFactory,
    PriceRuleFactory,
    SpaceFactory,
    SpacePhotoFactory,
    UsagePrinciplesFactory,
    next_weekday_at,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_NAME = "Monitoimi" * 16  # 144 of the 150 characters of a name


def _fi(name: str, *args: object) -> str:
    with translation.override("fi"):
        return reverse(name, args=args)


def _visit(page: Any, live_server: Any, path: str, expect: str) -> None:
    """The page loads and shows ``expect``; at both widths it fits and axe finds nothing."""
    response = page.goto(f"{live_server.url}{path}")
    assert response is not None and response.status == 200, path
    assert expect in page.inner_text("main"), path
    assert_fits_and_accessible(page)


def test_officer_pages_at_both_widths(
    page: Any, live_server: Any, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    hall = SpaceFactory.create(name_fi="Urheiluhalli", kind="hall", capacity=200, step_free=True)
    court = SpaceFactory.create(name_fi=LONG_NAME, kind="court", parent=hall, needs_approval=True)
    OpeningHoursFactory.create(space=hall, weekday=2, opens=dt.time(8), closes=dt.time(22))
    SpacePhotoFactory.create(space=hall, alt_fi="Sali, jossa kaksi koripallokenttää")
    UsagePrinciplesFactory.create(text_fi="# Periaatteet\n\n**Maksutta** yhdistyksille.")
    PriceRuleFactory.create(price_per_hour=Decimal("0"))
    PriceRuleFactory.create(
        customer_type="company", space=hall, weekdays="01", time_from=dt.time(17),
        time_to=dt.time(22), price_per_hour=Decimal("35"),
    )  # fmt: skip
    start = next_weekday_at(2, 17)
    booking = booking_create(
        space=court,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        purpose="Junioreiden salibandy",
        customer_type="association",
        organisation=world.association,
        booked_by=world.rep,
    )
    login(page, live_server, "liaison@example.org")
    code = world.municipality.code

    _visit(page, live_server, _fi("premises:manage", code), "Urheiluhalli")
    _visit(page, live_server, _fi("premises:space_create", code) + f"?parent={hall.pk}", "")
    page.fill("input[name=name_fi]", "Kuntosali")
    page.fill("input[name=capacity]", "25")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert Space.objects.get(name_fi="Kuntosali").parent_id == hall.pk
    assert "Kuntosali" in page.inner_text("main")

    _visit(page, live_server, _fi("premises:space_edit", court.pk), LONG_NAME[:20])
    _visit(page, live_server, _fi("premises:space_hours", hall.pk), "Urheiluhalli")
    _visit(page, live_server, _fi("premises:space_photos", hall.pk), "koripallokenttää")
    _visit(page, live_server, _fi("premises:principles", code), "Markdown")
    prices = _fi("premises:prices", code)
    query = (
        f"?space={hall.pk}&customer_type=company"
        f"&starts_at={next_weekday_at(0, 18):%Y-%m-%dT%H:%M}"
        f"&ends_at={next_weekday_at(0, 20):%Y-%m-%dT%H:%M}"
    )
    _visit(page, live_server, prices + query, "70,00")
    _visit(page, live_server, _fi("premises:price_create", code), "")
    _visit(page, live_server, _fi("premises:approvals", code), "Junioreiden salibandy")
    _visit(page, live_server, _fi("premises:booking_decide", booking.pk), "Junioreiden salibandy")
    _visit(page, live_server, _fi("premises:space_delete", hall.pk), "")
