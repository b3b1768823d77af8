"""The annual cycle shows a public round's application window and its deadline."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kumppani.core.cycle import cycle_items
from kumppani.premises.tests.factories import AllocationRoundFactory

pytestmark = pytest.mark.django_db


def test_the_cycle_shows_the_window_and_the_deadline_of_public_rounds(world):
    now = timezone.now()
    AllocationRoundFactory.create(
        name_fi="Kevätkauden vuorojako",
        applications_open_at=now + dt.timedelta(days=2),
        applications_close_at=now + dt.timedelta(days=20),
    )
    AllocationRoundFactory.create(name_fi="Luonnos", status="draft")
    today = timezone.localdate()
    items = [
        i
        for i in cycle_items(world.municipality, today, today + dt.timedelta(days=40))
        if i.kind.startswith("premises_round")
    ]
    assert [i.kind for i in items] == ["premises_round", "premises_round_deadline"]
    assert all("Kevätkauden vuorojako" in i.title for i in items)
    assert items[0].end == items[1].start
    assert items[0].url.endswith(f"/rounds/{items[0].uid.split('-')[-1].split('@')[0]}/")
