"""The region page's pictures fed by the feature apps: forums per year, the map indicators."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from kumppani.cooperation.tests.factories import GuideVersionFactory, LiaisonFactory
from kumppani.forums.models import ForumStatus, ForumType
from kumppani.forums.tests.factories import ForumFactory
from kumppani.geography.models import Municipality, Region

pytestmark = pytest.mark.django_db


def _ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def _map_row(html: str, name: str) -> tuple[str, str]:
    table = html[html.index('<table class="region-map-table') :]
    found = re.search(rf">{name}</a></th><td[^>]*>([^<]*)</td><td[^>]*>([^<]*)</td>", table)
    assert found, name
    return found.group(1), found.group(2)


def _fill(html: str, code: str) -> str:
    found = re.search(
        rf'municipalities/{code}/"[^>]*><title>[^<]*</title><path[^>]*fill="([^"]+)"', html
    )
    assert found, code
    return found.group(1)


def test_forums_per_year_chart_and_its_table_agree() -> None:
    year = timezone.now().year
    joensuu = Municipality.objects.get(code="167")
    ForumFactory(start=_ago(1))  # Kontiolahti, this year (or the end of last if Jan 1st)
    ForumFactory(start=_ago(2), municipalities=[joensuu])
    ForumFactory(start=_ago(3), status=ForumStatus.CANCELLED)
    ForumFactory(start=timezone.now() + dt.timedelta(days=30))  # not held yet
    ForumFactory(  # region level
        start=_ago(400), type=ForumType.LIAISON_NETWORK, region=Region.objects.get(code="12")
    )
    ForumFactory(start=_ago(3), municipalities=[Municipality.objects.get(code="837")])  # Tampere
    html = Client().get("/en/regions/12/").content.decode()
    start = html.index('id="forums-per-year-heading"')
    section = html[start : html.index("</section>", start)]
    counts = dict(
        re.findall(r"<tr><th scope=\"row\">(\d{4})</th><td[^>]*>(\d+)</td></tr>", section)
    )
    held = {str(y): 0 for y in range(year - 4, year + 1)}
    for days in (1, 2, 400):
        held[str((timezone.now() - dt.timedelta(days=days)).year)] += 1
    assert counts == {y: str(n) for y, n in held.items()}
    svg = section[section.index("<svg") : section.index("</svg>")]
    assert 'role="img"' in svg and "<desc" in svg
    assert re.findall(r'class="chart-value">(\d+)</text>', svg) == [str(n) for n in held.values()]


def test_map_indicators_from_forums_and_cooperation() -> None:
    kontiolahti = Municipality.objects.get(code="276")
    for days in (10, 40, 70):
        ForumFactory(start=_ago(days))
    LiaisonFactory(municipality=kontiolahti)
    GuideVersionFactory(published_at=_ago(30))
    client = Client()
    html = client.get("/en/regions/12/?indicator=forums").content.decode()
    assert _map_row(html, "Kontiolahti") == ("3 forums", "3–5 forums")
    assert _map_row(html, "Joensuu") == ("0 forums", "No forums")
    assert _fill(html, "276") != _fill(html, "167")
    html = client.get("/en/regions/12/?indicator=liaison").content.decode()
    assert _map_row(html, "Kontiolahti") == ("1 named liaison", "Liaison named")
    assert _map_row(html, "Joensuu") == ("No named liaison", "No named liaison")
    html = client.get("/en/regions/12/?indicator=guide").content.decode()
    value, level = _map_row(html, "Kontiolahti")
    assert value.endswith("30 days ago") and level == "Published within a year"
    assert _map_row(html, "Joensuu") == ("No published guide", "No published guide")


def test_unknown_indicator_falls_back_to_the_first(client: Any) -> None:
    html = Client().get("/en/regions/12/?indicator=nonsense").content.decode()
    assert re.search(r'\?indicator=liaison#map-heading" aria-current="true"', html)
