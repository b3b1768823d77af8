"""The region map: projected shapes, the indicator registry, legend, table and attribution."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from kumppani.core import region_indicators
from kumppani.core.region_indicators import Reading, RegionIndicator
from kumppani.geography.maps import region_shapes
from kumppani.geography.models import Municipality, Region

pytestmark = pytest.mark.django_db


def _even_odd(region: Any) -> dict[str, Reading]:
    """Even codes in the dark class, odd codes light; Juuka (176) has no data."""
    return {
        m.code: Reading(int(m.code) % 2, f"value {m.code}")
        for m in Municipality.objects.filter(region=region)
        if m.code != "176"
    }


def _all_light(region: Any) -> dict[str, Reading]:
    return {m.code: Reading(0, "light") for m in Municipality.objects.filter(region=region)}


@pytest.fixture
def test_indicators() -> Iterator[None]:
    saved = dict(region_indicators._indicators)
    region_indicators._indicators.clear()
    region_indicators.register_indicator(
        RegionIndicator("parity", "Parity", ("Even code", "Odd code"), _even_odd, order=1)
    )
    region_indicators.register_indicator(
        RegionIndicator("light", "All light", ("Light",), _all_light, order=2)
    )
    yield
    region_indicators._indicators.clear()
    region_indicators._indicators.update(saved)


def _svg(html: str) -> str:
    start = html.index('<svg class="region-map-svg"')
    return html[start : html.index("</svg>", start)]


def test_map_has_one_linked_named_shape_per_municipality(test_indicators: None) -> None:
    region = Region.objects.get(code="12")  # Pohjois-Karjala: 13 municipalities
    html = Client().get("/en/regions/12/").content.decode()
    svg = _svg(html)
    codes = re.findall(r'<a href="/en/municipalities/(\d+)/" aria-label="([^"]+)">', svg)
    expected = set(region.municipalities.values_list("code", flat=True))
    assert {code for code, _label in codes} == expected and len(codes) == len(expected)
    assert svg.count('class="map-shape') == len(expected)
    assert 'aria-label="Joensuu: value 167"' in svg
    assert "<title>Joensuu: value 167</title>" in svg
    # Legend in words with the count of each class; the no-data class is shown too.
    legend = html[
        html.index('<ul class="map-legend">') : html.index("</ul>", html.index("map-legend"))
    ]
    assert (
        "Odd code (" in legend and "Even code (" in legend and "No data (1 municipality)" in legend
    )
    assert "National Land Survey of Finland" in html
    # The table beside the map has the same values.
    table = html[html.index('<table class="region-map-table') :]
    assert re.search(r">Joensuu</a></th><td[^>]*>value 167</td><td[^>]*>Odd code</td>", table)
    assert re.search(r">Juuka</a></th><td[^>]*>No data</td><td[^>]*>No data</td>", table)


def test_switching_the_indicator_changes_colours_and_values(test_indicators: None) -> None:
    first = _svg(Client().get("/en/regions/12/").content.decode())
    second = _svg(Client().get("/en/regions/12/?indicator=light").content.decode())
    assert set(re.findall(r'fill="url\(#map-l(\w)\)"', first)) == {"0", "1", "x"}
    assert set(re.findall(r'fill="url\(#map-l(\w)\)"', second)) == {"0"}
    assert 'aria-label="Joensuu: light"' in second
    html = Client().get("/en/regions/12/?indicator=light").content.decode()
    assert re.search(r'href="\?indicator=light#map-heading" aria-current="true"', html)


def test_mantyharju_includes_pertunmaa_and_paths_are_cached() -> None:
    shapes = region_shapes(("491", "507"))
    alone = region_shapes(("507",))
    # Pertunmaa (588, merged in 2026) is drawn as part of Mäntyharju: two outer rings.
    assert shapes.paths["507"].count("M") == 2
    assert region_shapes(("491", "507")) is shapes
    assert alone.view_box != shapes.view_box


def test_region_page_runs_the_same_number_of_queries_for_any_region(
    django_assert_num_queries: Any,
) -> None:
    """Pohjois-Karjala (13 municipalities) and Lappi (21): the page's queries do not grow."""
    client = Client()
    client.get("/fi/regions/12/")  # warm the per-process caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get("/fi/regions/12/?indicator=forums").status_code == 200
    with django_assert_num_queries(len(small)):
        assert client.get("/fi/regions/19/?indicator=forums").status_code == 200
    for key in ("liaison", "guide"):
        with django_assert_num_queries(len(small)):
            assert client.get(f"/fi/regions/19/?indicator={key}").status_code == 200
