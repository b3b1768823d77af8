"""The region map: municipal boundaries as inline SVG paths, coloured by a chosen indicator.

The boundaries (National Land Survey of Finland, 2023, generalised) are read once per process;
each region's projected path strings are cached in memory, so drawing a map costs no queries
beyond the indicator's own. Projection: equirectangular around the region's middle latitude
(longitudes scaled by its cosine), which is close enough for a thematic map of one region.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kumppani.core.region_indicators import Reading, RegionIndicator, region_indicators
from kumppani.geography.models import Municipality, Region

BOUNDARIES = Path(__file__).parent / "data" / "municipalities-2023.geojson"
# Municipalities merged since the boundary data: old code -> code it is now part of.
MERGED = {"588": "507"}  # Pertunmaa joined Mäntyharju on 1 January 2026
MAP_WIDTH = 600
ATTRIBUTION = gettext_lazy(
    "Contains data from the National Land Survey of Finland, Division into administrative "
    "areas 2023 (CC BY 4.0)."
)

Ring = list[tuple[float, float]]


@lru_cache(maxsize=1)
def _rings() -> dict[str, list[Ring]]:
    """Every municipality's outer and inner rings in longitude/latitude, by 2026 code."""
    data = json.loads(BOUNDARIES.read_text(encoding="utf-8"))
    rings: dict[str, list[Ring]] = {}
    for feature in data["features"]:
        code = MERGED.get(feature["properties"]["NATCODE"], feature["properties"]["NATCODE"])
        geometry = feature["geometry"]
        polygons = (
            geometry["coordinates"]
            if geometry["type"] == "MultiPolygon"
            else [geometry["coordinates"]]
        )
        for polygon in polygons:
            for ring in polygon:
                rings.setdefault(code, []).append([(float(x), float(y)) for x, y in ring])
    return rings


@dataclass(frozen=True)
class Shapes:
    view_box: str
    paths: dict[str, str]  # municipality code -> SVG path data


@lru_cache(maxsize=64)
def region_shapes(codes: tuple[str, ...]) -> Shapes:
    """Projected, rounded path strings of the given municipalities (cached per set of codes)."""
    rings = _rings()
    found = {code: rings[code] for code in codes if code in rings}
    points = [p for code_rings in found.values() for ring in code_rings for p in ring]
    if not points:
        return Shapes("0 0 1 1", {})
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    factor = math.cos(math.radians((min(lats) + max(lats)) / 2))
    west, east = min(lons) * factor, max(lons) * factor
    scale = MAP_WIDTH / ((east - west) or 1)
    north = max(lats)
    height = (north - min(lats)) * scale
    paths = {}
    for code, code_rings in found.items():
        parts = []
        for ring in code_rings:
            projected: list[tuple[float, float]] = []
            for lon, lat in ring:
                point = (round((lon * factor - west) * scale, 1), round((north - lat) * scale, 1))
                if not projected or projected[-1] != point:
                    projected.append(point)
            if len(projected) > 1 and projected[0] == projected[-1]:
                projected.pop()
            if len(projected) >= 3:
                parts.append("M" + "L".join(f"{x:g} {y:g}" for x, y in projected) + "Z")
        paths[code] = "".join(parts)
    return Shapes(f"-2 -2 {MAP_WIDTH + 4} {math.ceil(height) + 4}", paths)


# Each class has a fill and a pattern (geography/includes/map_patterns.html, lightest first) and
# a text label in the legend and the table.
NO_DATA = -1


@dataclass(frozen=True)
class MapShape:
    municipality: Municipality
    path: str
    level: int
    text: str
    level_label: str


@dataclass(frozen=True)
class LegendEntry:
    level: int
    label: str
    count: int


@dataclass(frozen=True)
class RegionMap:
    view_box: str
    indicator: RegionIndicator
    indicators: list[RegionIndicator]
    shapes: list[MapShape]
    legend: list[LegendEntry]
    missing: list[Municipality]  # municipalities without a boundary (not drawn)
    attribution: str


def region_map(
    *, region: Region, municipalities: list[Municipality], indicator_key: str = ""
) -> RegionMap | None:
    """The map of these municipalities coloured by the indicator (the first one by default).

    Runs the indicator's queries only. None when no indicator is registered or there are no
    municipalities.
    """
    indicators = region_indicators()
    if not indicators or not municipalities:
        return None
    indicator = next((i for i in indicators if i.key == indicator_key), indicators[0])
    readings: dict[str, Reading] = indicator.read(region)
    shapes_of = region_shapes(tuple(sorted(m.code for m in municipalities)))
    levels = [str(label) for label in indicator.levels]
    shapes, missing = [], []
    counts = dict.fromkeys([*range(len(levels)), NO_DATA], 0)
    for m in municipalities:
        reading = readings.get(m.code)
        level = reading.level if reading is not None else NO_DATA
        counts[level] += 1
        if m.code not in shapes_of.paths:
            missing.append(m)
            continue
        shapes.append(
            MapShape(
                municipality=m,
                path=shapes_of.paths[m.code],
                level=level,
                text=reading.text if reading is not None else _("No data"),
                level_label=levels[level] if level != NO_DATA else _("No data"),
            )
        )
    legend = [LegendEntry(i, label, counts[i]) for i, label in enumerate(levels)]
    if counts[NO_DATA]:
        legend.append(LegendEntry(NO_DATA, _("No data"), counts[NO_DATA]))
    return RegionMap(
        view_box=shapes_of.view_box,
        indicator=indicator,
        indicators=indicators,
        shapes=shapes,
        legend=legend,
        missing=missing,
        attribution=str(ATTRIBUTION),
    )
