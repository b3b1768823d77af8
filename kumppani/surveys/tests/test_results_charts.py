"""Results page: paired bars beside their table, a municipality that was not surveyed, the
premises figure from regional surveys only, one rounding rule."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest

from kumppani.accounts.testing import World
from kumppani.core.rounding import mean, percent
from kumppani.surveys.models import Invitation, Scope
from kumppani.surveys.results import latest_premises_survey, results_for
from kumppani.surveys.selectors import survey_structure
from kumppani.surveys.services import invitations_for_associations, response_save, response_submit
from kumppani.surveys.tests.factories import Built, build_survey

pytestmark = pytest.mark.django_db


def _answer(built: Built, invitation: Invitation, yes: str, scale: str) -> None:
    values = {built.text.pk: "Vastaus", built.yes_no.pk: yes, built.scale.pk: scale}
    response_save(invitation=invitation, values=values)
    response_submit(invitation=invitation)


def _regional(world: World) -> Built:
    built = build_survey(
        scope=Scope.REGION, municipality=None, region=world.region, results_published=True
    )
    invitations_for_associations(survey=built.survey)
    mine = Invitation.objects.get(survey=built.survey, association=world.association)
    theirs = Invitation.objects.get(survey=built.survey, association=world.other_association)
    _answer(built, mine, "yes", "5")
    _answer(built, theirs, "no", "2")
    return built


def _figure(html: str, question: str) -> str:
    """The chart figure (SVG and table) of one question."""
    start = html.index(f">{question}</h3>")
    return html[html.index("<figure", start) : html.index("</figure>", start)]


def test_municipality_beside_its_region_as_paired_bars_with_a_table(
    world: World, client_for: Any
) -> None:
    built = _regional(world)
    html = (
        client_for("coordinator")
        .get(f"/en/surveys/{built.survey.pk}/results/?municipality=276")
        .content.decode()
    )
    figure = _figure(html, "Toimiiko yhdistys kunnan tiloissa?")
    svg = figure[: figure.index("</svg>")]
    table = figure[figure.index("<table") :]
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    # Two series told apart by colour and pattern, named in the legend and the table head.
    assert svg.count('class="chart-bar chart-series-0"') == 2  # yes, no for Kontiolahti
    assert svg.count('class="chart-bar chart-series-1"') == 2  # yes, no for the region
    assert "<pattern" in svg and "Kontiolahti" in svg and "Whole region" in svg
    assert re.search(r"<th[^>]*>Kontiolahti</th>\s*<th[^>]*>Whole region</th>", table)
    # The same numbers in the picture and the table: Kontiolahti 1 of 1 yes, region 1 of 2.
    assert re.search(r"Yes</th><td[^>]*>100 % \(1\)</td><td[^>]*>50 % \(1\)</td>", table)
    for text in ("100 % (1)", "0 % (0)", "50 % (1)"):
        assert f">{text}</text>" in svg
    # Bar lengths follow the shares: 100 % is twice 50 %.
    widths = [float(w) for w in re.findall(r'width="([\d.]+)" height="16"', svg)]
    assert widths[0] == 2 * widths[1]


def test_whole_region_is_one_series(world: World, client_for: Any) -> None:
    built = _regional(world)
    html = client_for("coordinator").get(f"/en/surveys/{built.survey.pk}/results/").content
    figure = _figure(html.decode(), "Toimiiko yhdistys kunnan tiloissa?")
    assert "chart-series-1" not in figure and "50 % (1)" in figure


def test_choosing_a_municipality_that_was_not_surveyed_says_so(
    world: World, client_for: Any
) -> None:
    built = _regional(world)
    client = client_for("coordinator")
    # Outokumpu (309) is in the region, but nobody there was invited.
    response = client.get(f"/en/surveys/{built.survey.pk}/results/?municipality=309")
    html = response.content.decode()
    assert "Outokumpu was not surveyed" in html
    assert response.context["municipality"] is None  # the whole region is shown instead
    assert "chart-series-1" not in html
    response = client.get(f"/en/surveys/{built.survey.pk}/results/?municipality=837")
    assert "no municipality with that code" in response.content.decode()
    response = client.get(f"/en/surveys/{built.survey.pk}/results/?municipality=276")
    assert "not surveyed" not in response.content.decode()


def test_one_rounding_rule_halves_up() -> None:
    assert percent(1, 8) == 13  # 12.5 (Python's round() gives 12)
    assert percent(3, 8) == 38  # 37.5
    assert percent(0, 0) == 0
    assert mean(Decimal("2.25")) == Decimal("2.3")  # banker's rounding gives 2.2
    assert mean(3.35) == Decimal("3.4")


def test_survey_means_are_shown_with_one_decimal(world: World, client_for: Any) -> None:
    built = _regional(world)  # scale answers 5 and 2
    data = results_for(survey=survey_structure(survey_id=built.survey.pk), use_cache=False)
    scale = next(r for _s, rows in data.sections for r in rows if r.question == built.scale)
    assert str(scale.main.mean) == "3.5"  # not 3.50
    html = client_for("coordinator").get(f"/fi/surveys/{built.survey.pk}/results/").content
    assert "Keskiarvo 3,5 (pienin" in html.decode()


def test_premises_figure_of_a_region_comes_from_regional_surveys_only(
    world: World, client_for: Any
) -> None:
    municipal = build_survey(results_published=True)  # Kontiolahti's own survey
    assert municipal.survey.region_id == world.region.pk
    assert latest_premises_survey(region=world.region, published_only=True) is None
    html = client_for("anonymous").get(f"/en/regions/{world.region.code}/").content.decode()
    assert "come from the association registry only" in html
    assert municipal.survey.title_en not in html
    regional = _regional(world)
    assert latest_premises_survey(region=world.region, published_only=True) == regional.survey
    html = client_for("anonymous").get(f"/en/regions/{world.region.code}/").content.decode()
    assert f'href="/en/surveys/{regional.survey.pk}/results/"' in html
    assert "come from the regional survey" in html


def test_a_municipal_survey_gives_no_region_wide_premises_figure(
    world: World, client_for: Any
) -> None:
    built = build_survey(results_published=True)
    invitation = Invitation.objects.get(pk=invitations_for_associations(survey=built.survey)[0].pk)
    _answer(built, invitation, "yes", "4")
    html = client_for("liaison").get(f"/en/surveys/{built.survey.pk}/results/").content.decode()
    premises = html[html.index("Premises:") : html.index("</table>", html.index("Premises:"))]
    assert "Kontiolahti only" in premises
    assert "Whole region" not in premises and "Joensuu" not in premises
