"""Tables fit a phone: data tables stack row by row with each cell under its column name, and a
table written in Markdown scrolls inside its own box instead of widening the page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from conftest import assert_accessible, assert_fits_horizontally, login
from kumppani.accounts.testing import build_world
from kumppani.core.markdown import render_markdown

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(
    path for path in ROOT.glob("*/templates/**/*.html") if "<table" in path.read_text()
)


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_the_apps_have_data_tables() -> None:
    assert len(TEMPLATES) > 30


@pytest.mark.parametrize("path", TEMPLATES, ids=_name)
def test_every_data_table_stacks_and_labels_its_cells(path: Path) -> None:
    html = path.read_text()
    for table in re.findall(r"<table\b[^>]*>", html):
        classes = re.search(r'class="([^"]*)"', table)
        assert classes and "stack" in classes.group(1).split(), f"{table} has no class stack"
    for cell in re.findall(r"<td\b(?:[^>{]|\{[^}]*\})*>", html):
        if "colspan=" in cell:  # a message spanning the whole row ("No events.")
            continue
        label = re.search(r'data-label="((?:[^"{]|\{[^}]*\})*)"', cell)
        assert label and label.group(1).strip(), f"{_name(path)}: {cell} has no data-label"


def test_markdown_table_scrolls_inside_a_labelled_box() -> None:
    html = render_markdown(
        "Ennen\n\n<table><tr><td>a<table><tr><td>b</td></tr></table></td></tr></table>\n\nJälkeen"
    )
    assert html.count('<div class="table-scroll" role="region" tabindex="0"') == 1
    assert html.index("table-scroll") < html.index("<table>")
    assert html.index("</table></div>") > html.rindex("<td>b</td>")
    assert "<p>Jälkeen</p>" in html and "aria-label=" in html
    assert "table-scroll" not in render_markdown("Ei taulukkoa | vaan putki")


# --- in a browser at phone width ---------------------------------------------------------------


def test_a_pipe_table_written_in_markdown_becomes_a_table_in_its_box() -> None:
    html = str(render_markdown("| Vuosi | Foorumit |\n|---|---:|\n| 2025 | 4 |\n| 2026 | 6 |"))
    assert html.startswith('<div class="table-scroll"')
    assert "<th>Vuosi</th>" in html and "<td>6</td>" in html
    assert "style=" not in html  # alignment styles are dropped by the sanitiser


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_tables_fit_a_phone(page: Any, live_server: Any) -> None:
    world = build_world()
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server, "admin@example.org")
    page.goto(f"{live_server.url}/fi/people/roles/")
    assert_fits_horizontally(page)
    assert_accessible(page)
    cell = page.locator("table.stack tbody td").first
    assert cell.evaluate("td => getComputedStyle(td).display") == "block"
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert "Henkilö" in label  # the column's name ("Person") above the value
    # The column headers stay in the page for screen readers, out of sight.
    head = page.locator("table.stack thead").first
    assert head.evaluate("thead => thead.getBoundingClientRect().width") <= 1
    assert head.evaluate("thead => getComputedStyle(thead).display") != "none"

    # A wide table in forum minutes scrolls in its own box; the page does not.
    from kumppani.forums.services.forums import forum_record_outcome
    from kumppani.forums.tests.factories import ForumFactory

    forum = ForumFactory.create(municipalities=[world.municipality])
    wide = "<table><tr>" + "".join(f"<td>Sarake{n}Pitkäsanainen</td>" for n in range(12))
    forum_record_outcome(forum=forum, minutes=wide + "</tr></table>", outcomes="")
    page.goto(f"{live_server.url}{forum.get_absolute_url()}")
    box = page.locator(".table-scroll").first
    assert box.evaluate("box => box.scrollWidth > box.clientWidth")
    assert_fits_horizontally(page)
    assert_accessible(page)

    # On a wide screen the table is an ordinary table with its header row.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/fi/people/roles/")
    assert page.locator("table.stack thead th").first.is_visible()
    assert cell.evaluate("td => getComputedStyle(td).display") == "table-cell"
