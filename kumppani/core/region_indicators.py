"""Figures per municipality that feature apps offer for the region map.

An app registers an indicator in its ``AppConfig.ready()``; geography draws the map without
knowing the apps. ``read(region)`` returns ``{municipality code: Reading}`` with a constant number
of queries; a municipality missing from the result is shown as "no data".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class Reading:
    level: int  # index into RegionIndicator.levels (0 = the lightest class)
    text: str  # the value in words, e.g. "3 forums held"


@dataclass(frozen=True)
class RegionIndicator:
    key: str  # in the page address: ?indicator=<key>
    label: str | Promise
    levels: tuple[str | Promise, ...]  # legend text of each class, lightest first (at most 4)
    read: Callable[[Any], dict[str, Reading]]
    order: int = 100


_indicators: dict[str, RegionIndicator] = {}


def register_indicator(indicator: RegionIndicator) -> None:
    if len(indicator.levels) > 4:
        raise ValueError("A map indicator has at most four classes.")
    _indicators[indicator.key] = indicator


def region_indicators() -> list[RegionIndicator]:
    return sorted(_indicators.values(), key=lambda i: (i.order, i.key))
