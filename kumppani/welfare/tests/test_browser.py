"""The wellbeing group builds the plan, a representative adds experiential knowledge, residents
see both; axe on every page."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import assert_accessible, login
from kumppani.accounts.models import Role
from kumppani.accounts.services import role_assign
from kumppani.accounts.testing import build_world
from kumppani.associations.tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _submit(page: Any) -> None:
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def test_plan_measure_approval_and_experiential_knowledge(page: Any, live_server: Any) -> None:
    world = build_world()
    member = UserFactory.create(email="hyte@example.org")
    role_assign(user=member, role=Role.WELLBEING_GROUP, municipality=world.municipality)
    base = f"{live_server.url}/fi"

    # The wellbeing working group member starts the plan and records a measure.
    login(page, live_server, "hyte@example.org")
    page.goto(f"{base}/municipalities/{world.municipality.code}/welfare-plan/")
    assert_accessible(page)
    page.click("main a[href$='/welfare-plan/new/']")
    assert_accessible(page)
    page.fill("#id_title_fi", "Kontiolahden hyvinvointisuunnitelma")
    page.fill("#id_start_year", "2025")
    page.fill("#id_end_year", "2028")
    page.check("input[name=rollup][value=weighted]")
    _submit(page)
    assert "Kontiolahden hyvinvointisuunnitelma" in page.inner_text("h1")
    assert_accessible(page)
    page.click("main a[href$='/themes/new/']")
    page.fill("#id_name_fi", "Osallisuus ja yksinäisyyden ehkäisy")
    _submit(page)
    assert "Osallisuus ja yksinäisyyden ehkäisy" in page.inner_text("h1")
    assert_accessible(page)
    page.click("main a[href$='/goals/new/']")
    assert_accessible(page)
    page.fill("#id_title_fi", "Jokaisella on kohtaamispaikka lähellä")
    _submit(page)
    page.click("main a[href$='/measures/new/']")
    assert_accessible(page)
    page.fill("#id_title_fi", "Kylätalon avoimet kahvilat")
    page.select_option("#id_responsible_association", str(world.association.pk))
    page.fill("#id_schedule", "2025–2028")
    page.select_option("#id_status", "ongoing")
    page.fill("#id_progress", "140")
    _submit(page)
    assert page.locator(".errorlist").count() >= 1
    assert page.input_value("#id_title_fi") == "Kylätalon avoimet kahvilat"
    assert_accessible(page)
    page.fill("#id_progress", "40")
    _submit(page)
    assert "Kylätalon avoimet kahvilat" in page.inner_text("h1")
    assert "40 %" in page.inner_text("main")
    assert_accessible(page)

    # ... and the working group's decision.
    page.click("main a[href*='/welfare/plans/']")
    page.click("main a[href$='/approvals/']")
    assert_accessible(page)
    page.select_option("#id_body", "working_group")
    page.fill("#id_body_name", "Hyte-työryhmä")
    page.fill("#id_date", "2025-03-12")
    page.fill("#id_decision", "Työryhmä valitsi toimenpiteet.")
    _submit(page)
    assert "Työryhmä valitsi toimenpiteet." in page.inner_text("main")
    assert_accessible(page)
    page.context.clear_cookies()

    # A representative of the village association submits experiential knowledge.
    login(page, live_server, "rep@example.org")
    page.goto(f"{base}/municipalities/{world.municipality.code}/welfare-plan/")
    page.click("main h3 a")
    assert_accessible(page)
    page.goto(f"{base}/me/")
    assert_accessible(page)
    page.click("main a[href$='/observations/new/']")
    assert_accessible(page)
    page.select_option("#id_association", str(world.association.pk))
    page.fill("#id_text", "Kahvilaan tulee joka kerta parikymmentä kyläläistä.")
    page.fill("#id_observed_on", "2025-04-02")
    _submit(page)
    assert "parikymmentä kyläläistä" in page.inner_text("main")
    assert_accessible(page)
    page.context.clear_cookies()

    # A resident sees the plan: status, measure with its responsible association, progress and
    # the experiential knowledge beside the indicators.
    page.goto(f"{base}/municipalities/{world.municipality.code}/welfare-plan/")
    main = page.inner_text("main")
    assert "Kylätalon avoimet kahvilat" in main
    assert "Ylä-Kuhan kyläyhdistys ry" in main
    assert "parikymmentä kyläläistä" in main and "2.4.2025" in main
    assert page.locator("progress").first.get_attribute("value") == "40"
    assert_accessible(page)
    page.click("main a[href*='/welfare/measures/']")
    assert_accessible(page)
    page.goto(f"{base}/municipalities/{world.municipality.code}/")
    assert "40 %" in page.inner_text("main")
    assert_accessible(page)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_welfare_page_is_accessible(page: Any, live_server: Any, language: str) -> None:
    import datetime as dt
    from decimal import Decimal

    from kumppani.welfare import services
    from kumppani.welfare.models import IndicatorKind
    from kumppani.welfare.tests.factories import (
        GoalFactory,
        IndicatorFactory,
        MeasureFactory,
        PlanFactory,
        ThemeFactory,
        approve_plan,
    )

    world = build_world()
    plan = PlanFactory.create(municipality=world.municipality)
    theme = ThemeFactory.create(plan=plan, description_fi="Kuvaus")
    goal = GoalFactory.create(theme=theme)
    measure = MeasureFactory.create(
        goal=goal, progress=30, responsible_association=world.association
    )
    indicator = IndicatorFactory.create(
        theme=theme, goal=goal, baseline_value=10, baseline_year=2023
    )
    services.indicator_value_set(indicator=indicator, year=2025, value=Decimal("9.5"))
    services.indicator_create(
        theme=theme,
        name_fi="Sote-yhdistykset tiloissa",
        kind=IndicatorKind.PLATFORM,
        metric="sote_premises_share",
        unit="%",
    )
    services.observation_submit(
        theme=theme, association=world.association, actor=world.rep, text="Havainto"
    )
    hidden = services.observation_submit(
        theme=theme, association=world.association, actor=world.rep, text="Piilotettava"
    )
    services.observation_hide(observation=hidden, actor=world.liaison, reason="Asiaton")
    services.review_save(plan=plan, year=2025, date=dt.date(2026, 3, 1), summary_fi="Katsaus")
    approve_plan(plan, dt.date(2025, 6, 1), "Hyväksyttiin.")
    login(page, live_server, "liaison@example.org")
    for path in (
        f"/welfare/plans/{plan.pk}/",
        f"/welfare/plans/{plan.pk}/approved/",
        f"/welfare/plans/{plan.pk}/edit/",
        f"/welfare/plans/{plan.pk}/approvals/",
        f"/welfare/plans/{plan.pk}/reviews/",
        f"/welfare/themes/{theme.pk}/",
        f"/welfare/themes/{theme.pk}/edit/",
        f"/welfare/themes/{theme.pk}/indicators/new/",
        f"/welfare/goals/{goal.pk}/edit/",
        f"/welfare/measures/{measure.pk}/",
        f"/welfare/measures/{measure.pk}/edit/",
        f"/welfare/indicators/{indicator.pk}/edit/",
        f"/welfare/indicators/{indicator.pk}/values/",
        f"/municipalities/{world.other_municipality.code}/welfare-plan/",
    ):
        page.goto(f"{live_server.url}/{language}{path}")
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)
