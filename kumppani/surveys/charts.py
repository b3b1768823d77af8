"""Charts of survey results: one question's answers, a municipality beside its whole region."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from kumppani.core.charts import Chart, Series, bar_chart
from kumppani.core.i18n import localized
from kumppani.geography.models import Municipality
from kumppani.surveys.results import Distribution, QuestionResult


def _series(name: str, dist: Distribution) -> Series:
    return Series(
        name=name,
        values=[bar.percent for bar in dist.bars],
        texts=[
            _("%(percent)s %% (%(count)s)") % {"percent": bar.percent, "count": bar.count}
            for bar in dist.bars
        ],
    )


def question_chart(result: QuestionResult, *, municipality: Municipality | None) -> Chart:
    """Shares of the answers in per cent; with a municipality, paired bars against the region."""
    question = localized(result.question, "text")
    if municipality is not None and result.region is not None:
        series = [
            _series(str(municipality), result.main),
            _series(_("Whole region"), result.region),
        ]
        description = _(
            "Paired bar chart: the share of each answer in %(municipality)s "
            "(%(answered)s answered, plain bars) and in the whole region (%(region_answered)s "
            "answered, striped bars), in per cent. The table beside it has the same numbers."
        ) % {
            "municipality": municipality,
            "answered": result.main.answered,
            "region_answered": result.region.answered,
        }
    else:
        series = [_series(_("All answers"), result.main)]
        description = _(
            "Bar chart: the share of each answer, in per cent of the %(answered)s who "
            "answered. The table beside it has the same numbers."
        ) % {"answered": result.main.answered}
    return bar_chart(
        title=question,
        description=description,
        labels=[bar.label for bar in result.main.bars],
        series=series,
        label_heading=_("Answer"),
        maximum=100,
    )


def attach_charts(
    sections: list[tuple[Any, list[QuestionResult]]], *, municipality: Municipality | None
) -> None:
    """Give every question with bars its chart (``result.chart``), for the results page."""
    for _section, rows in sections:
        for row in rows:
            if row.has_bars:
                row.chart = question_chart(row, municipality=municipality)
