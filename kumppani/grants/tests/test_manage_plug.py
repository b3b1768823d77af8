"""Programmes in the annual cycle and, live, in the cooperation guide's grants section."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kumppani.accounts.testing import World
from kumppani.cooperation.guide_render import guide_sections
from kumppani.cooperation.tests.factories import GuideVersionFactory
from kumppani.core.cycle import cycle_items
from kumppani.grants.plug_manage import grant_cycle_source
from kumppani.grants.tests.factories import CriterionFactory, ProgrammeFactory
from kumppani.welfare.tests.factories import PlanFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_cycle_lists_openings_and_deadlines(world: World) -> None:
    now = timezone.now()
    programme = ProgrammeFactory.create(
        title_fi="Kevään kulttuuriavustus",
        opens_at=now + dt.timedelta(days=10),
        closes_at=now + dt.timedelta(days=40),
    )
    ProgrammeFactory.create(title_fi="Luonnos", published=False)
    ProgrammeFactory.create(title_fi="Joensuun", municipality=world.other_municipality)
    today = timezone.localdate()
    items = cycle_items(world.municipality, today, today + dt.timedelta(days=365))
    grants = {item.uid: item for item in items if item.kind.startswith("grant_")}
    assert grants[f"grant-close-{programme.pk}@kumppani"].kind == "grant_deadline"
    assert grants[f"grant-close-{programme.pk}@kumppani"].start == programme.closes_at
    opening = grants[f"grant-open-{programme.pk}@kumppani"]
    assert opening.kind == "grant_period" and opening.end == programme.closes_at
    assert "Kevään kulttuuriavustus" in opening.title
    assert not any("Luonnos" in i.title or "Joensuun" in i.title for i in grants.values())


def test_cycle_source_runs_one_query(world: World, django_assert_num_queries: Any) -> None:
    ProgrammeFactory.create_batch(6)
    today = timezone.localdate()
    with django_assert_num_queries(1):
        items = grant_cycle_source(
            world.municipality, today - dt.timedelta(days=30), today + dt.timedelta(days=60)
        )
    assert len(items) == 12


def test_cycle_page_shows_the_deadline(world: World, client: Client) -> None:
    ProgrammeFactory.create(
        title_fi="Nuorisoavustus", closes_at=timezone.now() + dt.timedelta(days=3)
    )
    page = client.get(reverse("cooperation:cycle", args=["276"])).content.decode()
    assert "Nuorisoavustus" in page


def test_guide_shows_programmes_and_criteria_live(world: World, client: Client) -> None:
    version = GuideVersionFactory.create(guide__municipality=world.municipality)
    theme = ThemeFactory.create(
        plan=PlanFactory.create(municipality=world.municipality),
        name_fi="Yksinäisyyden vähentäminen",
    )
    programme = ProgrammeFactory.create(title_fi="Järjestöjen toiminta-avustus")
    CriterionFactory.create(programme=programme, name_fi="Toiminnan vaikuttavuus")
    CriterionFactory.create(
        programme=programme, kind="bonus", name_fi="Porkkana", welfare_theme=theme, max_points=3
    )
    ProgrammeFactory.create(title_fi="Joensuun avustus", municipality=world.other_municipality)
    sections = {
        s.key: s
        for s in guide_sections(municipality=world.municipality, version=version, language="fi")
    }
    live = str(sections["grants"].live_html)
    assert "Järjestöjen toiminta-avustus" in live
    assert "Toiminnan vaikuttavuus" in live
    assert "Porkkana" in live and "Yksinäisyyden vähentäminen" in live
    assert "Joensuun avustus" not in live
    assert "Järjestöjen toiminta-avustus" not in str(sections["strategy"].live_html)
    # The published guide page shows it too, with the newest data.
    programme.title_fi = "Uusi nimi"
    programme.save()
    page = client.get(reverse("cooperation:guide", args=["276"])).content.decode()
    assert "Uusi nimi" in page and "Porkkana" in page


def test_guide_grants_constant_queries(world: World, django_assert_max_num_queries: Any) -> None:
    from kumppani.grants.plug_manage import guide_grants

    for _ in range(5):
        CriterionFactory.create_batch(3, programme=ProgrammeFactory.create())
    with django_assert_max_num_queries(2):
        html = guide_grants(world.municipality, "sv")
    assert html.count("<h4>") == 5
