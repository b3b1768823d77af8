"""Rendering the cooperation guide: sanitised Markdown narrative plus live platform data.

Live sections (contacts, forums, partnership, annual cycle) are rendered from the current data
every time, so the guide never repeats a date or a phone number that could go stale.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from kumppani.cooperation import selectors
from kumppani.cooperation.models import SECTION_KEYS, GuideVersion
from kumppani.core.cycle import CycleItem, cycle_items
from kumppani.core.guide_live import guide_live_html
from kumppani.core.markdown import render_markdown
from kumppani.geography.models import Municipality

SECTION_TITLES: dict[str, Promise] = {
    "strategy": _("Strategy priorities"),
    "forums": _("Forums and advisory bodies"),
    "partnership": _("Partnership principles"),
    "grants": _("Grants and their criteria"),
    "premises": _("Premises and their principles"),
    "wellbeing": _("Associations in wellbeing work"),
    "communication": _("Communication principles"),
    "contacts": _("Contacts"),
    "annual_cycle": _("Annual cycle"),
}
LIVE_SECTIONS = ("forums", "partnership", "contacts", "annual_cycle")


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    narrative_html: SafeString
    narrative_language: str
    live_html: SafeString

    @property
    def html(self) -> SafeString:
        return mark_safe(self.narrative_html + self.live_html)


def narrative_language(version: GuideVersion, key: str, language: str) -> str:
    """Swedish text when asked for and written; otherwise the Finnish text."""
    if language == "sv" and version.text(key, "sv").strip():
        return "sv"
    return "fi"


def live_context(*, municipality: Municipality, today: dt.date | None = None) -> dict[str, Any]:
    """The platform data the guide shows; a constant number of queries."""
    today = today or timezone.localdate()
    items: list[CycleItem] = cycle_items(municipality, today, today + dt.timedelta(days=365))
    return {
        "municipality": municipality,
        "liaisons": list(selectors.liaisons_of(municipality=municipality)),
        "bodies": list(selectors.bodies_of(municipality=municipality)),
        "agreements": list(selectors.agreements_of(municipality=municipality)),
        "forums": [item for item in items if item.kind == "forum"],
        "cycle": items,
    }


def guide_sections(
    *,
    municipality: Municipality,
    version: GuideVersion,
    language: str,
    request: HttpRequest | None = None,
    live: dict[str, Any] | None = None,
) -> list[Section]:
    live = live if live is not None else live_context(municipality=municipality)
    sections = []
    for key in SECTION_KEYS:
        lang = narrative_language(version, key, language)
        live_html = (
            render_to_string(f"cooperation/guide/live_{key}.html", live, request=request)
            if key in LIVE_SECTIONS
            else ""
        )
        # Other apps' live parts (e.g. grants and their criteria), registered in core.
        live_html += guide_live_html(key, municipality, language)
        sections.append(
            Section(
                key=key,
                title=str(SECTION_TITLES[key]),
                narrative_html=render_markdown(version.text(key, lang)),
                narrative_language=lang,
                live_html=mark_safe(live_html),
            )
        )
    return sections


@dataclass(frozen=True)
class DiffLine:
    op: str  # "same", "added", "removed"
    text: str
    html: SafeString


@dataclass(frozen=True)
class SectionDiff:
    key: str
    title: str
    language: str
    lines: list[DiffLine]

    @property
    def changed(self) -> bool:
        return any(line.op != "same" for line in self.lines)


_BLANK_LINES = re.compile(r"\n\s*\n")


def _blocks(text: str) -> list[str]:
    """The Markdown's blocks (paragraphs, lists, headings), separated by blank lines."""
    return [block.strip() for block in _BLANK_LINES.split(text.strip()) if block.strip()]


def narrative_diff(old: GuideVersion | None, new: GuideVersion) -> list[SectionDiff]:
    """Differences of the narrative per section and language, block by rendered block.

    Each changed paragraph, list or heading is shown as it reads on the guide page (sanitised
    HTML), not as Markdown source.
    """
    diffs = []
    for key in SECTION_KEYS:
        for language in ("fi", "sv"):
            before = _blocks(old.text(key, language)) if old else []
            after = _blocks(new.text(key, language))
            if not before and not after:
                continue
            lines = []
            for row in difflib.ndiff(before, after):
                code, text = row[:2], row[2:]
                if code == "? ":
                    continue
                op = {"  ": "same", "+ ": "added", "- ": "removed"}[code]
                lines.append(DiffLine(op=op, text=text, html=render_markdown(text)))
            diffs.append(
                SectionDiff(key=key, title=str(SECTION_TITLES[key]), language=language, lines=lines)
            )
    return diffs
