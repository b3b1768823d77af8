"""A liaison writes and publishes the cooperation guide in a real browser; axe on every page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from conftest import assert_accessible, login
from kumppani.accounts.testing import build_world
from kumppani.cooperation.models import GuideTemplate
from kumppani.cooperation.tests.factories import (
    AgentPairingFactory,
    AgreementFactory,
    BodyMemberFactory,
    CycleEntryFactory,
    GoodPracticeFactory,
    GuideVersionFactory,
    LiaisonFactory,
)
from kumppani.geography.models import Municipality

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_liaison_writes_and_publishes_the_guide(page: Any, live_server: Any) -> None:
    world = build_world()
    code = world.municipality.code
    GuideTemplate.objects.create(
        name="Pohja",
        narrative={"strategy": {"fi": "Kirjoita tähän kunnan painopisteet."}},
    )
    liaison = LiaisonFactory.create(
        municipality=world.municipality, name="Kaisa Kuntalainen", user=world.liaison
    )
    AgentPairingFactory.create(liaison=liaison, agent_name="Aatu Agentti")
    BodyMemberFactory.create(
        body__municipality=world.municipality,
        body__name_fi="Kontiolahden paikallis-JANE",
        association=world.association,
    )
    AgreementFactory.create(
        municipality=world.municipality,
        association=world.association,
        title="Kylätalosopimus",
        end=dt.date.today() + dt.timedelta(days=100),
    )
    CycleEntryFactory.create(municipality=world.municipality, title_fi="Avustushaku")
    base = f"{live_server.url}/fi"
    login(page, live_server, "liaison@example.org")

    page.goto(f"{base}/municipalities/{code}/")
    assert "Kaisa Kuntalainen" in page.inner_text("main")
    assert_accessible(page)

    page.goto(f"{base}/municipalities/{code}/guide/")
    assert_accessible(page)
    page.goto(f"{base}/municipalities/{code}/guide/edit/")
    assert_accessible(page)
    page.click("main form button[type=submit]")  # start from the template
    assert page.input_value("#id_strategy_fi") == "Kirjoita tähän kunnan painopisteet."
    assert_accessible(page)
    page.fill("#id_strategy_fi", "Hyvinvointi ja **yhteisöllisyys**.")
    page.fill("#id_grants_fi", "- Avustukset haetaan helmikuussa\n- Yksi lomake")
    page.click("button[value=save]")
    assert_accessible(page)
    page.goto(f"{base}/municipalities/{code}/guide/versions/1/")
    assert "yhteisöllisyys" in page.inner_text("main")
    assert_accessible(page)
    page.goto(f"{base}/municipalities/{code}/guide/edit/")
    page.click("button[value=publish]")
    main = page.inner_text("main")
    assert "yhteisöllisyys" in main and "Kaisa Kuntalainen" in main
    assert "Kontiolahden paikallis-JANE" in main and "Kylätalosopimus" in main
    assert_accessible(page)

    # A second version, compared with the first.
    page.goto(f"{base}/municipalities/{code}/guide/edit/")
    page.fill("#id_premises_fi", "Koulujen salit ovat maksutta yhdistysten käytössä.")
    page.click("button[value=publish]")
    page.goto(f"{base}/municipalities/{code}/guide/versions/")
    assert_accessible(page)
    page.goto(f"{base}/municipalities/{code}/guide/versions/2/compare/")
    assert "Koulujen salit" in page.inner_text("main ins")
    assert_accessible(page)

    for path in (
        f"/municipalities/{code}/annual-cycle/",
        f"/municipalities/{code}/contacts/",
        f"/municipalities/{code}/contacts/manage/",
        f"/municipalities/{code}/bodies/",
        f"/municipalities/{code}/agreements/",
        f"/regions/{world.region.code}/",
        "/practices/",
    ):
        page.goto(f"{base}{path}")
        assert_accessible(page)


def test_public_cooperation_pages_are_accessible(page: Any, live_server: Any) -> None:
    world = build_world()
    practice = GoodPracticeFactory.create(
        title_fi="Kumppanuuspöytä", origin_municipality=world.other_municipality
    )
    member = BodyMemberFactory.create(body__municipality=world.municipality)
    agreement = AgreementFactory.create(
        municipality=world.municipality, association=world.association
    )
    porvoo = GuideVersionFactory.create(
        guide__municipality=Municipality.objects.get(code="638"),
        number=1,
        narrative={"strategy": {"fi": "Painopisteet", "sv": "**Prioriteringar** i Borgå"}},
    )
    GuideVersionFactory.create(
        guide=porvoo.guide,
        number=2,
        narrative={"strategy": {"fi": "Uudet painopisteet", "sv": "Nya prioriteringar"}},
    )
    for language in ("fi", "sv", "en"):
        for path in (
            "/municipalities/638/guide/",
            "/municipalities/638/guide/versions/",
            "/municipalities/638/guide/versions/2/compare/",
            f"/practices/{practice.pk}/",
            f"/bodies/{member.body_id}/",
            f"/agreements/{agreement.pk}/",
            f"/municipalities/{world.municipality.code}/annual-cycle/",
        ):
            page.goto(f"{live_server.url}/{language}{path}")
            assert_accessible(page)


def test_liaison_and_coordinator_forms_are_accessible(page: Any, live_server: Any) -> None:
    world = build_world()
    code = world.municipality.code
    practice = GoodPracticeFactory.create(
        title_fi="Kumppanuuspöytä", origin_municipality=world.other_municipality
    )
    base = f"{live_server.url}/en"
    login(page, live_server, "liaison@example.org")

    page.goto(f"{base}/municipalities/{code}/contacts/manage/")
    page.fill("#id_name", "Kaisa Kuntalainen")
    page.fill("#id_hours_per_month", "-4")
    page.click("main form[novalidate] button[type=submit]")
    assert page.locator(".errorlist").count() >= 1
    assert page.input_value("#id_name") == "Kaisa Kuntalainen"
    assert_accessible(page)
    page.fill("#id_hours_per_month", "24")
    page.click("main form[novalidate] button[type=submit]")
    page.fill("input[name=agent_name]", "Aatu Agentti")
    page.click("text=Pair the agent")
    assert "Aatu Agentti" in page.inner_text("main")
    assert_accessible(page)

    page.goto(f"{base}/municipalities/{code}/bodies/new/")
    page.select_option("#id_kind", "advisory_council")
    page.fill("#id_name_fi", "Kontiolahden paikallis-JANE")
    page.click("main form button[type=submit]")
    assert_accessible(page)  # members page
    page.fill("#id_person_name", "Maija Jäsen")
    page.fill("#id_term_start", "2026-05-01")
    page.fill("#id_term_end", "2026-01-01")
    page.click("main form button[type=submit]")
    assert page.locator(".errorlist, .message.error").count() >= 1
    assert_accessible(page)

    page.goto(f"{base}/municipalities/{code}/agreements/new/")
    page.fill("#id_title", "Kylätalon käyttö")
    page.click("main form button[type=submit]")
    assert page.input_value("#id_title") == "Kylätalon käyttö"
    assert_accessible(page)

    page.goto(f"{base}/municipalities/{code}/annual-cycle/new/")
    page.fill("#id_title_fi", "Avustushaku")
    page.fill("#id_month", "4")
    page.fill("#id_day", "31")
    page.click("main form button[type=submit]")
    assert "That month has no such day." in page.inner_text("main")
    assert_accessible(page)

    page.goto(f"{base}/practices/{practice.pk}/adopt/")
    assert_accessible(page)
    page.select_option("#id_municipality", str(world.municipality.pk))
    page.click("main form button[type=submit]")
    assert "Kontiolahti" in page.inner_text("main")
    assert_accessible(page)

    page.context.clear_cookies()
    login(page, live_server, "coordinator@example.org")
    for path in ("/guide-template/", "/practices/new/", f"/practices/{practice.pk}/edit/"):
        page.goto(f"{base}{path}")
        assert_accessible(page)
