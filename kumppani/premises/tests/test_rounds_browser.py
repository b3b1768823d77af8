"""The officer runs a seasonal round to confirmation in the browser, in Finnish; every page is
checked at 390 px and 1280 px (axe finds nothing, nothing overflows). One walk."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from conftest import assert_fits_and_accessible, login
from kumppani.accounts.testing import build_world
from kumppani.core.role_pages import WIDTHS
from kumppani.premises.models import Allocation, BookingSeries
from kumppani.premises.tests.factories import (
    AllocationRoundFactory,
    OpeningHoursFactory,
    SlotRequestFactory,
    SpaceFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
T = dt.time


def _fi(name: str, *args: object) -> str:
    with translation.override("fi"):
        return reverse(name, args=args)


def _check_both_widths(page: Any) -> None:
    assert_fits_and_accessible(page)


def _main(page: Any) -> str:
    return str(page.inner_text("main")).replace("\xa0", " ")


def _visit(page: Any, live_server: Any, path: str) -> None:
    response = page.goto(f"{live_server.url}{path}")
    assert response is not None and response.status == 200, path
    _check_both_widths(page)


def test_the_officer_runs_a_seasonal_round_to_confirmation(page: Any, live_server: Any) -> None:
    world = build_world()
    hall = SpaceFactory.create(name_fi="Kontiolahden palloiluhalli", kind="hall")
    for day in range(7):
        OpeningHoursFactory.create(space=hall, weekday=day, opens=T(8), closes=T(22))
    court_a = SpaceFactory.create(name_fi="Kenttä A", kind="court", parent=hall)
    court_b = SpaceFactory.create(name_fi="Kenttä B", kind="court", parent=hall)
    now = timezone.now()
    round = AllocationRoundFactory.create(
        name_fi="Syyskauden vuorojako 2027",
        applications_open_at=now - dt.timedelta(days=14),
        applications_close_at=now - dt.timedelta(hours=1),
    )
    round.spaces.set([hall, court_a, court_b])
    # Two associations compete for one slot: Tuesday 18–19.30 on court A.
    for association, rep in (
        (world.association, world.rep),
        (world.other_association, world.other_rep),
    ):
        SlotRequestFactory.create(
            round=round, organisation=association, submitted_by=rep, space=court_a,
            purpose="Salibandy",
        )  # fmt: skip
    SlotRequestFactory.create(
        round=round, organisation=world.other_association, submitted_by=world.other_rep,
        space=hall, weekday=3, starts=T(17), ends=T(19), priority=2, purpose="Kuntojumppa",
    )  # fmt: skip

    page.set_viewport_size({"width": WIDTHS[0], "height": 844})
    login(page, live_server, "liaison@example.org")
    _visit(page, live_server, _fi("premises:rounds", world.municipality.code))
    _visit(page, live_server, _fi("premises:round_create", world.municipality.code))
    _visit(page, live_server, _fi("premises:round_manage", round.pk))
    assert "Salibandy" in _main(page)

    page.click("form[action$='/propose/'] button[type=submit]")
    assert Allocation.objects.filter(round=round).count() == 2
    _check_both_widths(page)
    assert "Ylä-Kuhan kyläyhdistys ry" in _main(page)

    # The officer moves the hall slot later in the evening.
    moved = Allocation.objects.get(round=round, space=hall)
    _visit(page, live_server, _fi("premises:allocation_edit", moved.pk))
    page.fill("[name=starts]", "19:00")
    page.fill("[name=ends]", "21:00")
    page.click("form:has([name=starts]) button[type=submit]")
    moved.refresh_from_db()
    assert moved.starts == T(19) and moved.adjusted
    _check_both_widths(page)

    _visit(page, live_server, _fi("premises:round_confirm", round.pk))
    page.click("main form button[type=submit]")
    round.refresh_from_db()
    assert round.status == "confirmed"
    assert BookingSeries.objects.filter(allocation__round=round).count() == 2
    assert page.url.endswith(_fi("premises:round_manage", round.pk)), page.url
    _check_both_widths(page)

    # The representative whose request lost sees the result.
    page.context.clear_cookies()
    login(page, live_server, "other_rep@example.org")
    _visit(page, live_server, _fi("premises:round_apply", round.pk))
    assert "Kuntojumppa" in _main(page)
    _visit(page, live_server, _fi("premises:round", round.pk))
