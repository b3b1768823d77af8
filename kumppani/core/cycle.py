"""Dated items that feed a municipality's annual cycle (vuosikello).

Apps register a source in ``AppConfig.ready()``; the cooperation app renders the cycle and its
iCalendar feed from all sources, so no date is ever typed twice. A source runs a constant number
of queries for a municipality and a period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from kumppani.geography.models import Municipality


@dataclass(frozen=True)
class CycleItem:
    uid: str  # stable and unique across sources, e.g. "forum-12@kumppani"
    kind: str  # "forum", "body_meeting", "agreement_expiry", "survey_period", "plan_step", ...
    title: str
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime | None = None
    url: str = ""
    description: str = ""


CycleSource = Callable[[Municipality, dt.date, dt.date], list[CycleItem]]
_sources: list[CycleSource] = []


def register_cycle_source(source: CycleSource) -> None:
    if source not in _sources:
        _sources.append(source)


def cycle_items(municipality: Municipality, start: dt.date, end: dt.date) -> list[CycleItem]:
    """Every dated item of the municipality between start and end (inclusive), by date."""
    items = [item for source in _sources for item in source(municipality, start, end)]

    def key(item: CycleItem) -> dt.datetime:
        value = item.start
        if isinstance(value, dt.datetime):
            return value.replace(tzinfo=None)
        return dt.datetime.combine(value, dt.time())

    return sorted(items, key=key)
