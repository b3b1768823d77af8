"""Fixtures shared by every app's tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from kumppani.accounts.testing import World, build_world, reference_data_ensure

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        reference_data_ensure()
    yield


@pytest.fixture(autouse=True)
def _reference_data(request: pytest.FixtureRequest) -> None:
    """Transactional tests (live server) flush the database; put the reference data back."""
    marker = request.node.get_closest_marker("django_db")
    marked = marker is not None and bool(
        marker.kwargs.get("transaction") or (marker.args and marker.args[0])
    )
    if (
        marked
        or "transactional_db" in request.fixturenames
        or "live_server" in request.fixturenames
    ):
        request.getfixturevalue("transactional_db")
        reference_data_ensure()


@pytest.fixture(autouse=True)
def _test_settings(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Query-count and content tests need every request to run; test_page_cache turns it on.
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """A request to /en/ or /sv/ leaves its language active in the thread; start each test in
    the default language, whatever the test before it requested."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def client_for(world: World) -> Any:
    """``client_for("liaison")``: a test client logged in as that role of the world."""

    def make(role: str) -> Client:
        client = Client()
        user = world.user(role)
        if user is not None:
            client.force_login(user)
        return client

    return make


# --- browser tests (Playwright driving Debian's Chromium) ------------------------------------

CHROMIUM = "/usr/bin/chromium"
AXE_JS = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # axe-core is injected as an inline script, which the site's CSP rightly forbids.
    return {**browser_context_args, "bypass_csp": True, "locale": "fi-FI"}


@pytest.fixture
def page(page: Any) -> Any:
    """Playwright's page, whose click also waits for the page it leads to to load.

    Most clicks here submit forms; asserting on the next page right after the click could
    otherwise read the old page on a slow machine.
    """
    original_click = page.click

    def click(*args: Any, **kwargs: Any) -> None:
        original_click(*args, **kwargs)
        page.wait_for_load_state("load")

    page.click = click
    return page


# axe reads the page's HTML and CSS, which do not depend on the database engine: `make test` runs
# it in the SQLite pass and sets KUMPPANI_AXE=0 for the PostgreSQL pass, whose browser walks check
# everything else (status, content, fit) against PostgreSQL.
AXE_ENABLED = os.environ.get("KUMPPANI_AXE", "1") != "0"


def assert_accessible(page: Any) -> None:
    """Run axe-core (WCAG 2.1 A/AA rules) on the page; fail listing every violation.

    Waits for a navigation a preceding click may have started, and retries once if the page
    changed under the script (a form submission committing late on a loaded machine).
    """
    if not AXE_ENABLED:
        page.wait_for_load_state("load")
        return
    script = AXE_JS.read_text(encoding="utf-8")
    rules = """async () => await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
            resultTypes: ['violations']})"""
    for attempt in range(3):
        page.wait_for_load_state("load")
        try:
            page.add_script_tag(content=script)
            result = page.evaluate(rules)
            break
        except Exception as error:  # Playwright: "Execution context was destroyed"
            if attempt == 2 or "context" not in str(error).lower():
                raise
            page.wait_for_timeout(200)
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:5])
        for v in result["violations"]
    ]
    assert not violations, f"axe violations on {page.url}:\n" + "\n".join(violations)


def assert_fits_horizontally(page: Any) -> None:
    """Nothing on the page is wider than the viewport (no sideways scrolling of the page)."""
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow} px wider than the viewport"


PHONE, DESKTOP = 390, 1280


def assert_fits_and_accessible(page: Any) -> None:
    """The page as it is, at the desktop's width and then the phone's: nothing overflows and axe
    finds nothing. One visit checks both widths (the layout is CSS; the page is the same), and
    the walk goes on at the phone's width."""
    for width in (DESKTOP, PHONE):
        page.set_viewport_size({"width": width, "height": 844})
        assert_fits_horizontally(page)
        assert_accessible(page)


def login(page: Any, live_server: Any, email: str, password: str = "secret-pass-123") -> None:
    page.goto(f"{live_server.url}/fi/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
    page.wait_for_load_state()
