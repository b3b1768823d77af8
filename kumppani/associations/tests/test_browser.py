"""A resident and a representative in a real browser; axe on every page they meet."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from conftest import assert_accessible, login
from kumppani.accounts.testing import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_resident_finds_village_association_with_inflected_word(
    page: Any, live_server: Any
) -> None:
    build_world()
    page.goto(f"{live_server.url}/fi/")
    assert_accessible(page)
    page.fill("#home-q", "kyläyhdistyksille")
    page.click("form[role=search] button")
    expect(page.locator("main")).to_contain_text("Ylä-Kuhan kyläyhdistys ry")
    assert page.locator("mark").first.inner_text().lower().startswith("kyläyhdistys")
    assert_accessible(page)
    page.click("text=Ylä-Kuhan kyläyhdistys ry")
    expect(page.locator("h1")).to_contain_text("Ylä-Kuhan kyläyhdistys ry")
    assert_accessible(page)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_public_pages_are_accessible_in_every_language(
    page: Any, live_server: Any, language: str
) -> None:
    world = build_world()
    for path in (
        "/",
        "/municipalities/",
        "/municipalities/?by=county",
        f"/municipalities/{world.municipality.code}/",
        f"/regions/{world.region.code}/",
        f"/wellbeing-counties/{world.municipality.wellbeing_county.code}/",
        "/associations/",
        f"/associations/{world.association.pk}/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
    ):
        page.goto(f"{live_server.url}/{language}{path}")
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)


def test_representative_edits_profile_and_invites(page: Any, live_server: Any) -> None:
    world = build_world()
    login(page, live_server, "rep@example.org")
    page.goto(f"{live_server.url}/fi/me/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/fi/associations/{world.association.pk}/edit/")
    assert_accessible(page)
    page.fill("#id_member_count", "-5")
    page.click("main form button[type=submit]")
    expect(page.locator(".errorlist").first).to_be_visible()
    assert page.input_value("#id_name_fi") == "Ylä-Kuhan kyläyhdistys ry"
    assert_accessible(page)
    page.fill("#id_member_count", "57")
    page.fill("#id_purpose_fi", "Kylätalon kunnostus ja kesäjuhlat.")
    page.click("main form button[type=submit]")
    expect(page.locator("main")).to_contain_text("57")
    page.goto(f"{live_server.url}/fi/associations/{world.association.pk}/representatives/")
    assert_accessible(page)
    page.fill("#id_email", "uusi.edustaja@example.org")
    page.click("#invite-form button[type=submit]")
    expect(page.locator("main")).to_contain_text("uusi.edustaja@example.org")


def test_admin_assigns_a_role(page: Any, live_server: Any) -> None:
    world = build_world()
    login(page, live_server, "admin@example.org")
    page.goto(f"{live_server.url}/en/people/roles/")
    assert_accessible(page)
    page.fill("#id_email", "other_rep@example.org")
    page.select_option("#id_role", "liaison")
    page.select_option("#id_municipality", str(world.other_municipality.pk))
    page.click("main form[method=post] button[type=submit]")
    row = page.locator("main table tr", has_text="other_rep@example.org").filter(has_text="Liaison")
    expect(row).to_contain_text(world.other_municipality.name_fi)
