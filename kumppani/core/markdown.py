"""Markdown written by people (forum minutes, the cooperation guide), rendered and sanitised.

One policy for the whole platform: the tags and attributes below, links only to http(s),
mailto and tel, every link ``rel="noopener noreferrer"``. The text always sits under a page
section's ``<h2>``, so its headings are moved down two levels (``#`` becomes ``<h3>``).
"""

from __future__ import annotations

import re

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "h5", "h6",
    "blockquote", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
_HEADING = re.compile(r"<(/?)h([1-6])\b")


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


def render_markdown(text: str) -> SafeString:
    """Markdown → HTML, headings moved under the section's h2, sanitised."""
    html = markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")
    html = _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 2, 6)}", html)
    return sanitise_html(html)
