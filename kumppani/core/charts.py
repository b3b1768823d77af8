"""Server-rendered bar charts: horizontal bars, one series or paired (two series side by side).

``bar_chart()`` lays the chart out once in Python (coordinates in SVG user units); the include
``core/includes/chart.html`` draws it as inline SVG and, beside it, a table with the same
numbers, which is the accessible equivalent (the SVG is one image with a title and a
description). Series are told apart by colour, by pattern and by the legend's text.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from django.utils.functional import Promise

WIDTH = 360
LABEL_HEIGHT = 20  # the text line above each group of bars
BAR_HEIGHT = 16
BAR_GAP = 3
GROUP_GAP = 12
LEGEND_LINE = 20
VALUE_ROOM = 90  # room right of the longest bar for its value text
LABEL_CHARS = 46  # longer labels are shortened in the picture (the table has them whole)

_ids = itertools.count(1)


@dataclass(frozen=True)
class Series:
    name: str | Promise
    values: list[float]  # one per group; drawn length
    texts: list[str]  # one per group; the value as shown (in the bars and the table)


@dataclass(frozen=True)
class DrawnBar:
    series: int
    x: float
    y: float
    width: float
    text: str
    text_x: float
    text_y: float


@dataclass(frozen=True)
class DrawnGroup:
    label: str
    short_label: str
    label_y: float
    bars: list[DrawnBar]


@dataclass(frozen=True)
class LegendItem:
    series: int
    name: str
    y: float  # top of the swatch; one line per series
    text_y: float


@dataclass
class Chart:
    uid: str
    title: str
    description: str
    label_heading: str  # heading of the table's first column
    series: list[Series]
    groups: list[DrawnGroup] = field(default_factory=list)
    legend: list[LegendItem] = field(default_factory=list)
    width: int = WIDTH
    height: float = 0
    bar_height: int = BAR_HEIGHT

    @property
    def rows(self) -> list[tuple[str, list[str]]]:
        """The table: each group's label with the value text of every series."""
        return [
            (group.label, [series.texts[i] for series in self.series])
            for i, group in enumerate(self.groups)
        ]

    @property
    def table_rows(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """``rows`` with each value's series name, the label of its cell on a phone."""
        return [
            (label, list(zip([str(s.name) for s in self.series], texts, strict=True)))
            for label, texts in self.rows
        ]

    @property
    def paired(self) -> bool:
        return len(self.series) > 1


def _shorten(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def bar_chart(
    *,
    title: str,
    description: str,
    labels: list[str],
    series: list[Series],
    label_heading: str,
    maximum: float | None = None,
) -> Chart:
    """Lay out horizontal bars: one group per label, one bar per series (one or two series).

    ``maximum`` is the value of a full-length bar (e.g. 100 for percentages); by default the
    largest value.
    """
    if not 1 <= len(series) <= 2:
        raise ValueError("A chart has one or two series.")
    top = max((v for s in series for v in s.values), default=0)
    scale_max = maximum if maximum else top
    room = WIDTH - VALUE_ROOM
    chart = Chart(
        uid=f"chart-{next(_ids)}",
        title=title,
        description=description,
        label_heading=label_heading,
        series=series,
    )
    y: float = 0
    if len(series) > 1:
        for index, s in enumerate(series):
            chart.legend.append(LegendItem(index, _shorten(str(s.name)), y, y + 12))
            y += LEGEND_LINE
        y += 6
    for i, label in enumerate(labels):
        label_y = y + LABEL_HEIGHT - 5
        y += LABEL_HEIGHT
        bars = []
        for index, s in enumerate(series):
            value = s.values[i]
            width = room * value / scale_max if scale_max else 0
            bars.append(
                DrawnBar(
                    series=index,
                    x=0,
                    y=y,
                    width=round(max(width, 0), 1),
                    text=s.texts[i],
                    text_x=round(max(width, 0) + 5, 1),
                    text_y=y + BAR_HEIGHT - 4,
                )
            )
            y += BAR_HEIGHT + BAR_GAP
        chart.groups.append(DrawnGroup(label, _shorten(label), label_y, bars))
        y += GROUP_GAP
    chart.height = max(y - GROUP_GAP + 2, 1)
    return chart
