"""Markdown written by people (forum minutes, the cooperation guide), rendered and sanitised.

One policy for the whole platform: the tags and attributes below, links only to http(s),
mailto and tel, every link ``rel="noopener noreferrer"``. The text always sits under a page
section's ``<h2>``, so its headings are moved down two levels (``#`` becomes ``<h3>``). A table
is put in a ``<div class="table-scroll">``, so a wide one scrolls inside itself on a phone
instead of widening the page.
"""

from __future__ import annotations

import re

import markdown
import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "h5", "h6",
    "blockquote", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
_HEADING = re.compile(r"<(/?)h([1-6])\b")
_TABLE_TAG = re.compile(r"<(/?)table\b[^>]*>")


def sanitise_html(html: str) -> SafeString:
    """HTML reduced to the platform's policy."""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)


def wrap_tables(html: str) -> str:
    """Each outermost ``<table>`` of sanitised HTML inside a focusable box that scrolls."""
    label = escape(gettext("Table, scrolls sideways"))
    opening = f'<div class="table-scroll" role="region" tabindex="0" aria-label="{label}">'
    parts: list[str] = []
    depth = position = 0
    for tag in _TABLE_TAG.finditer(html):
        closing = tag.group(1) == "/"
        if not closing and depth == 0:
            parts += [html[position : tag.start()], opening]
            position = tag.start()
        depth = max(depth - 1, 0) if closing else depth + 1
        if closing and depth == 0:
            parts += [html[position : tag.end()], "</div>"]
            position = tag.end()
    if depth:  # an unclosed table (sanitised HTML has none): close the box at the end
        parts += [html[position:], "</div>"]
        position = len(html)
    parts.append(html[position:])
    return "".join(parts)


def render_markdown(text: str) -> SafeString:
    """Markdown → HTML, headings moved under the section's h2, sanitised, tables in a box
    that scrolls."""
    html = markdown.markdown(text or "", extensions=["sane_lists", "tables"], output_format="html")
    html = _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 2, 6)}", html)
    return mark_safe(wrap_tables(sanitise_html(html)))
