"""The regional view of how harmonised each municipality's grant periods are."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kumppani.accounts.testing import World
from kumppani.grants.plug_public import GRANT_PERIODS_HARMONISED
from kumppani.grants.selectors_public import harmonisation_by_municipality
from kumppani.grants.tests.factories import ApplicationPeriodFactory, ProgrammeFactory


def _at(days: float) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=days)


def _two_municipalities(world: World) -> None:
    """Kontiolahti: three branches close together with the spring period (and one closed last
    autumn with it too). Joensuu: culture alone on one day, sports and youth on another, no
    common period; one programme closed two years ago does not count."""
    spring = ApplicationPeriodFactory.create(
        municipality=world.municipality, opens_at=_at(-5), closes_at=_at(20)
    )
    autumn = ApplicationPeriodFactory.create(
        municipality=world.municipality, opens_at=_at(-120), closes_at=_at(-90)
    )
    for branch in ("culture", "sports", "youth"):
        ProgrammeFactory.create(
            municipality=world.municipality,
            branch=branch,
            period=spring,
            opens_at=spring.opens_at,
            closes_at=spring.closes_at,
        )
    ProgrammeFactory.create(
        municipality=world.municipality,
        branch="culture",
        period=autumn,
        opens_at=autumn.opens_at,
        closes_at=autumn.closes_at,
    )
    ProgrammeFactory.create(published=False, municipality=world.municipality, branch="technical")
    joensuu = world.other_municipality
    ProgrammeFactory.create(municipality=joensuu, branch="culture", closes_at=_at(10))
    ProgrammeFactory.create(municipality=joensuu, branch="sports", closes_at=_at(30))
    ProgrammeFactory.create(municipality=joensuu, branch="youth", closes_at=_at(30.01))
    ProgrammeFactory.create(
        municipality=joensuu, branch="youth", opens_at=_at(-800), closes_at=_at(-700)
    )
    # Tampere is in another region
    ProgrammeFactory.create(municipality=world.far_municipality, closes_at=_at(5))


def test_harmonisation_figures_of_two_municipalities(world: World) -> None:
    _two_municipalities(world)
    figures = harmonisation_by_municipality(world.region)
    assert world.far_municipality.code not in figures
    kontiolahti = figures[world.municipality.code]
    assert (kontiolahti.recent, kontiolahti.upcoming) == (1, 3)
    assert kontiolahti.closing_dates == 2 and kontiolahti.branches == 3
    assert kontiolahti.in_period == 100 and kontiolahti.score == 100
    joensuu = figures[world.other_municipality.code]
    assert (joensuu.recent, joensuu.upcoming) == (0, 3)
    assert joensuu.closing_dates == 2 and joensuu.branches == 3
    assert joensuu.in_period == 0
    assert joensuu.score == 67  # sports and youth close together; culture alone
    # a municipality without programmes has no score
    others = [h for code, h in figures.items() if code not in ("276", "167")]
    assert others and all(h.score is None and h.total == 0 for h in others)


def test_region_view_is_an_accessible_sorted_table(world: World, client: Client) -> None:
    _two_municipalities(world)
    url = reverse("grants:region", args=[world.region.code])
    html = client.get(url).content.decode()
    assert "<caption>" in html and '<th scope="col">' in html and '<th scope="row">' in html
    assert html.index("Kontiolahti") < html.index("Joensuu")  # 100 % before 67 %
    assert "100 %" in html and "67 %" in html
    # the rule is stated on the page
    assert "100 %" in html[html.index('id="rule-heading"') : html.index('id="table-heading"')]
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    ProgrammeFactory.create_batch(5, municipality=world.other_municipality, closes_at=_at(50))
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after.captured_queries) == len(before.captured_queries)


def test_region_map_indicator(world: World, client: Client) -> None:
    _two_municipalities(world)
    readings = GRANT_PERIODS_HARMONISED.read(world.region)
    assert readings[world.municipality.code].level == 3
    assert readings[world.other_municipality.code].level == 2
    assert "67" in readings[world.other_municipality.code].text
    assert len(readings) == 2  # the others have no data
    response = client.get(f"/fi/regions/{world.region.code}/?indicator=grant-periods")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Avustusten hakuajat yhtenäistetty" in html
    assert "100 % avustuslajeista päättyy yhdessä" in html


def test_unknown_region_is_404(world: World, client: Client) -> None:
    assert client.get(reverse("grants:region", args=["99"])).status_code == 404
