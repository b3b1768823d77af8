"""Every role's main pages at 390 px and 1280 px: axe finds nothing, nothing overflows."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import assert_fits_and_accessible, login
from kumppani.accounts.models import Role
from kumppani.accounts.services import role_assign
from kumppani.accounts.testing import build_world
from kumppani.associations.tests.factories import UserFactory
from kumppani.core.role_pages import ROLE_PAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOGINS = {
    "representative": "rep@example.org",
    "liaison": "liaison@example.org",
    "wellbeing_group": "hyte@example.org",
    "coordinator": "coordinator@example.org",
    "admin": "admin@example.org",
}
ROLES = sorted({page.role for page in ROLE_PAGES})


@pytest.mark.parametrize("role", ROLES)
def test_main_pages_of_the_role_fit_and_are_accessible(
    page: Any, live_server: Any, role: str
) -> None:
    world = build_world()
    hyte = UserFactory.create(email="hyte@example.org", full_name="Hilla Hytönen")
    role_assign(user=hyte, role=Role.WELLBEING_GROUP, municipality=world.municipality)
    # A long unbroken word must not widen the page.
    world.association.purpose_fi = "Kylä" * 80
    world.association.save(update_fields=["purpose_fi"])
    if role in LOGINS:
        login(page, live_server, LOGINS[role])
    for spec in (p for p in ROLE_PAGES if p.role == role):
        path = spec.url(
            municipality=world.municipality.code,
            region=world.region.code,
            association=world.association.pk,
        )
        response = page.goto(f"{live_server.url}/fi{path}")
        assert response is not None and response.status == 200, path
        assert_fits_and_accessible(page)


def test_collapsed_menu_opens_without_javascript(browser: Any, live_server: Any) -> None:
    build_world()
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server.url}/fi/")
    menu_link = page.locator(".menu-panel a", has_text="Yhdistykset")
    assert not menu_link.is_visible()
    header_height = page.locator(".site-header").bounding_box()["height"]
    assert header_height < 80
    page.locator(".menu > summary").click()
    assert menu_link.is_visible()
    menu_link.click()
    page.wait_for_load_state()
    assert page.url.endswith("/fi/associations/")
    context.close()
