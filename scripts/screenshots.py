"""Screenshots of every role's main page at 390 px and 1280 px into var/screenshots/.

Uses the demo database (``make demo`` or ``manage.py seed_demo`` first; this script seeds it if
it is empty), starts a server on a free port, logs in as each demo role with Playwright and
Debian's Chromium, and writes ``var/screenshots/<role>-<page>-<width>.png`` (full page). For each
page it prints its weight with its CSS, JS and icons, gzip-compressed (the budget is 100 KB),
and whether it is wider than the window.
"""

from __future__ import annotations

import gzip
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kumppani.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from kumppani.accounts.models import Role, RoleAssignment  # noqa: E402
from kumppani.core.role_pages import ROLE_PAGES, WIDTHS  # noqa: E402

PASSWORD = "kumppani-demo"  # noqa: S105 (the documented demo password)
LOGINS = {
    "representative": "edustaja@example.org",
    "liaison": "yhdyshenkilo.kontiolahti@example.org",
    "wellbeing_group": "hyte.nurmes@example.org",
    "coordinator": "koordinaattori.pk@example.org",
    "admin": "admin@example.org",
}


# Stylesheets, scripts and the icon sprite the page loaded from our own server (fragments removed).
_SAME_ORIGIN_RESOURCES = """[...new Set(performance.getEntriesByType('resource')
  .map(e => e.name.split('#')[0]).filter(u => u.startsWith(location.origin)))]"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (our own http URL)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server at {url} did not start")


def main() -> None:
    call_command("migrate", "--noinput", verbosity=0)  # a fresh machine has no tables yet
    if not RoleAssignment.objects.filter(user__email=LOGINS["representative"]).exists():
        call_command("seed_demo")
    call_command("build_assets")
    representation = RoleAssignment.objects.get(
        user__email=LOGINS["representative"], role=Role.REPRESENTATIVE
    )
    association = representation.association
    assert association is not None
    out = ROOT / "var" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PUBLIC_PAGE_CACHE_SECONDS": "0", "DEBUG": "false"}
    server = subprocess.Popen(  # noqa: S603 (fixed arguments)
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"{base}/healthz")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--headless"]
            )
            for width in WIDTHS:
                contexts = {}
                for page_spec in ROLE_PAGES:
                    context = contexts.get(page_spec.role)
                    if context is None:
                        context = browser.new_context(viewport={"width": width, "height": 844})
                        contexts[page_spec.role] = context
                        if page_spec.role in LOGINS:
                            page = context.new_page()
                            page.goto(f"{base}/fi/accounts/login/")
                            page.fill("input[name=login]", LOGINS[page_spec.role])
                            page.fill("input[name=password]", PASSWORD)
                            page.click("form button[type=submit]")
                            page.wait_for_load_state()
                            page.close()
                    municipality = "541" if page_spec.role == "wellbeing_group" else "276"
                    path = page_spec.url(
                        municipality=municipality, region="12", association=association.pk
                    )
                    page = context.new_page()
                    response = page.goto(f"{base}/fi{path}")
                    assert response is not None
                    weight = len(gzip.compress(response.body())) + sum(
                        len(gzip.compress(urllib.request.urlopen(url).read()))  # noqa: S310
                        for url in page.evaluate(_SAME_ORIGIN_RESOURCES)
                    )
                    target = out / f"{page_spec.role}-{page_spec.name}-{width}.png"
                    page.screenshot(path=str(target), full_page=True)
                    overflow = page.evaluate(
                        "document.documentElement.scrollWidth - window.innerWidth"
                    )
                    note = f"  OVERFLOWS by {overflow} px" if overflow > 0 else ""
                    print(f"{target.relative_to(ROOT)}  {weight / 1024:.1f} KB{note}")
                    page.close()
                for context in contexts.values():
                    context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
