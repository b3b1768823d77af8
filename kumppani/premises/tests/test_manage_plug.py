"""The guide's live premises section (usage principles and spaces for associations)."""

from __future__ import annotations

from typing import Any

import pytest

from kumppani.accounts.testing import World
from kumppani.cooperation.guide_render import guide_sections
from kumppani.cooperation.tests.factories import GuideVersionFactory
from kumppani.premises.plug_manage import guide_premises
from kumppani.premises.tests.factories import SpaceFactory, UsagePrinciplesFactory

pytestmark = pytest.mark.django_db


def test_guide_shows_principles_and_spaces_live(world: World) -> None:
    version = GuideVersionFactory.create(guide__municipality=world.municipality)
    UsagePrinciplesFactory.create(
        text_fi="Yhdistykset saavat **koulujen salit** maksutta.", text_sv="Föreningar gratis."
    )
    hall = SpaceFactory.create(name_fi="Urheiluhalli", capacity=150, step_free=True)
    SpaceFactory.create(name_fi="Kenttä A", parent=hall, induction_loop=True)
    SpaceFactory.create(name_fi="Henkilökunnan tila", for_associations=False)
    SpaceFactory.create(name_fi="Joensuun sali", municipality=world.other_municipality)
    sections = {
        s.key: s
        for s in guide_sections(municipality=world.municipality, version=version, language="fi")
    }
    live = str(sections["premises"].live_html)
    assert "<strong>koulujen salit</strong>" in live
    assert "Urheiluhalli" in live and "Kenttä A" in live and "150" in live
    assert "Henkilökunnan tila" not in live and "Joensuun sali" not in live
    swedish = str(guide_premises(world.municipality, "sv"))
    assert "Föreningar gratis." in swedish


def test_guide_section_runs_few_queries(world: World, django_assert_max_num_queries: Any) -> None:
    UsagePrinciplesFactory.create()
    for _i in range(5):
        SpaceFactory.create_batch(2, parent=SpaceFactory.create())
    with django_assert_max_num_queries(2):
        guide_premises(world.municipality, "fi")


def test_guide_without_principles_says_so(world: World) -> None:
    html = str(guide_premises(world.municipality, "en"))
    assert "has not published usage principles" in html
