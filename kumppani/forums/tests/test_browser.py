"""The liaison's path in a real browser: create a forum, invite every association, a
representative registers, then attendance, minutes and a cooperation plan; axe on every page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from conftest import assert_accessible, login
from kumppani.accounts.testing import build_world
from kumppani.forums.models import CooperationPlan, Forum

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _logout(page: Any) -> None:
    page.context.clear_cookies()


def test_liaison_runs_a_forum_from_invitation_to_plan(page: Any, live_server: Any) -> None:
    world = build_world()
    base = f"{live_server.url}/fi"
    page.goto(f"{base}/forums/")
    assert_accessible(page)

    login(page, live_server, "liaison@example.org")
    page.goto(f"{base}/forums/new/")
    assert_accessible(page)
    page.select_option("#id_type", "wellbeing_meetup")
    page.fill("#id_title_fi", "Hyvinvointihytinä")
    page.select_option("#id_municipalities", str(world.municipality.pk))
    page.fill("#id_start", "2030-03-12T17:00")
    page.fill("#id_end", "2030-03-12T16:00")  # before the start: refused, input kept
    page.fill("#id_place", "Kotiseutukeskus")
    page.fill("#id_capacity", "40")
    page.click("main form button[type=submit]")
    assert page.locator(".errorlist").count() >= 1
    assert page.input_value("#id_place") == "Kotiseutukeskus"
    assert_accessible(page)
    page.fill("#id_end", "2030-03-12T20:00")
    page.click("main form button[type=submit]")
    assert page.locator("h1").inner_text() == "Hyvinvointihytinä"
    assert_accessible(page)
    forum = Forum.objects.get()

    page.click("text=Kutsu yhdistykset")
    assert_accessible(page)
    page.click("#invite-form button[type=submit]")
    assert "Lähetetty" in page.inner_text("main table")
    assert_accessible(page)
    assert [m.to for m in mail.outbox] == [["rep@example.org"]]

    _logout(page)
    login(page, live_server, "rep@example.org")
    page.goto(f"{base}/forums/{forum.pk}/")
    assert_accessible(page)
    page.select_option("#id_reg-association", str(world.association.pk))
    page.fill("#id_reg-participants", "3")
    page.fill("#id_reg-dietary_needs", "gluteeniton")
    page.click("#registration-form button[type=submit]")
    assert "Olet ilmoittautunut" in page.inner_text("main")
    assert_accessible(page)
    page.goto(f"{base}/me/")
    assert "Hyvinvointihytinä" in page.inner_text("main")
    assert_accessible(page)

    # The evening is held.
    start = timezone.now() - dt.timedelta(days=1)
    Forum.objects.filter(pk=forum.pk).update(start=start, end=start + dt.timedelta(hours=3))
    _logout(page)
    login(page, live_server, "liaison@example.org")
    page.goto(f"{base}/forums/{forum.pk}/registrations/")
    assert "gluteeniton" in page.inner_text("main table")
    assert_accessible(page)
    page.goto(f"{base}/forums/{forum.pk}/attendance/")
    assert_accessible(page)
    page.check("text=Ylä-Kuhan kyläyhdistys ry")
    page.click("main form button[type=submit]")
    assert "1 yhdistys oli paikalla" in page.inner_text("main")
    page.click("text=Muistio ja tulokset")
    assert_accessible(page)
    page.fill("#id_minutes", "**Sovittiin** kumppanuuspöydästä.")
    page.fill("#id_outcomes", "Kumppanuuspöytä syksyllä")
    page.click("main form button[type=submit]")
    assert page.locator("main strong", has_text="Sovittiin").count() == 1
    assert_accessible(page)
    page.click("text=Uusi yhteistyösuunnitelma")
    assert_accessible(page)
    page.fill("#id_title", "Kumppanuuspöytä")
    page.fill("#id_goal", "Kumppanuuspöytä säännölliseksi")
    page.click("main form button[type=submit]")
    assert_accessible(page)
    page.fill("#id_step-title", "Ensimmäinen kumppanuuspöytä")
    page.fill("#id_step-deadline", "2030-09-15")
    page.click("#step-form button[type=submit]")
    page.fill("#id_team-name", "Tiina Tiimiläinen")
    page.select_option("#id_team-association", str(world.association.pk))
    page.click("#team-form button[type=submit]")
    assert "Tiina Tiimiläinen, Ylä-Kuhan kyläyhdistys ry" in page.inner_text("#team")
    assert "Ensimmäinen kumppanuuspöytä" in page.inner_text("main table")
    assert_accessible(page)
    assert CooperationPlan.objects.get().steps.count() == 1

    page.goto(f"{base}/municipalities/{world.municipality.code}/")
    assert "Viimeisten 12 kuukauden aikana pidetyt foorumit: 1" in page.inner_text("main")
    assert_accessible(page)
    page.goto(f"{base}/forums/target/{world.municipality.code}/")
    assert_accessible(page)


def test_coordinator_sees_regularity_and_runs_the_network(page: Any, live_server: Any) -> None:
    world = build_world()
    login(page, live_server, "coordinator@example.org")
    base = f"{live_server.url}/fi"
    page.goto(f"{base}/regions/{world.region.code}/")
    assert "Alle tavoitteen" in page.inner_text("main")
    assert_accessible(page)
    page.goto(f"{base}/forums/network/{world.region.code}/")
    assert_accessible(page)
    page.fill("#id_material-title", "Muistio")
    page.fill("#id_material-url", "https://example.org/muistio")
    page.click("main form button[type=submit]")
    assert "Muistio" in page.inner_text("#materials")
    assert_accessible(page)
    page.goto(f"{base}/me/")
    assert_accessible(page)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_public_forum_pages_are_accessible(page: Any, live_server: Any, language: str) -> None:
    from kumppani.forums.models import Attendance, PlanStep, TeamMember
    from kumppani.forums.tests.factories import ForumFactory, PlanFactory

    world = build_world()
    start = timezone.now() - dt.timedelta(days=3)
    forum = ForumFactory.create(
        municipalities=[world.municipality, world.other_municipality],
        start=start,
        end=start + dt.timedelta(hours=3),
        status="held",
        themes="Avustukset\nTilat",
        minutes="**Sovittiin**\n\n- ohje\n- vuosikello",
        outcomes="Kumppanuuspöytä",
        capacity=40,
    )
    Attendance.objects.create(forum=forum, association=world.association)
    plan = PlanFactory.create(forum=forum)
    PlanStep.objects.create(plan=plan, title="Ensimmäinen pöytä", deadline=dt.date(2030, 9, 1))
    TeamMember.objects.create(plan=plan, name="Tiina", association=world.association)
    base = f"{live_server.url}/{language}"
    for path in (
        "/forums/",
        f"/forums/?municipality={world.municipality.code}&type=wellbeing_meetup",
        f"/forums/{forum.pk}/",
        f"/forums/plans/{plan.pk}/",
    ):
        page.goto(base + path)
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)
