"""Dates, times, numbers and area names follow each language's conventions."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from kumppani.forums.tests.factories import ForumFactory
from kumppani.geography.models import Municipality

HELSINKI = ZoneInfo("Europe/Helsinki")

pytestmark = pytest.mark.django_db


def visible_text(client: Client, url: str) -> str:
    """The page's text as a reader sees it (no tags)."""
    return re.sub(r"<[^>]+>", "", client.get(url).content.decode())


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", "25.12.2026 klo 17.00–19.30"),
        ("sv", "25.12.2026 kl. 17.00–19.30"),
        ("en", "25 December 2026, 17:00–19:30"),
    ],
)
def test_one_day_forum_shows_its_date_once_with_a_time_range(
    client: Client, language: str, expected: str
) -> None:
    start = dt.datetime(2026, 12, 25, 17, 0, tzinfo=HELSINKI)
    forum: Any = ForumFactory.create(start=start, end=start + dt.timedelta(hours=2, minutes=30))
    html = visible_text(client, f"/{language}/forums/{forum.pk}/")
    assert expected in html


def test_forum_over_several_days_shows_both_dates(client: Client) -> None:
    start = dt.datetime(2026, 12, 25, 17, 0, tzinfo=HELSINKI)
    forum: Any = ForumFactory.create(start=start, end=start + dt.timedelta(days=1))
    html = visible_text(client, f"/en/forums/{forum.pk}/")
    assert "25 December 2026, 17:00–" in html
    assert "26 December 2026, 17:00" in html


@pytest.mark.parametrize(
    ("language", "population", "region"),
    [
        ("fi", "15\xa0060", "Pohjois-Karjala"),
        ("sv", "15\xa0060", "Norra Karelen"),
        ("en", "15,060", "North Karelia"),
    ],
)
def test_municipality_page_groups_thousands_and_names_the_region_in_the_language(
    client: Client, language: str, population: str, region: str
) -> None:
    Municipality.objects.filter(code="276").update(population=15060)
    html = client.get(f"/{language}/municipalities/276/").content.decode()
    assert f"<dd>{population}</dd>" in html
    assert region in html
    # Ids in links are never grouped.
    assert 'href="/%s/regions/12/"' % language in html


def test_euros_are_written_as_each_language_writes_them_and_never_part() -> None:
    from decimal import Decimal

    from kumppani.core.money import euros

    assert euros(Decimal("1500"), language="fi") == "1\u00a0500,00\u00a0€"
    assert euros(Decimal("15000.5"), language="sv") == "15\u00a0000,50\u00a0€"
    assert euros(Decimal("1500"), language="en") == "€1,500.00"
    assert euros(None) == ""
