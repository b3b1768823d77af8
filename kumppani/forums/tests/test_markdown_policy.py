"""Forum minutes and the cooperation guide render Markdown with the same policy."""

from __future__ import annotations

from typing import Any

import pytest

from kumppani.accounts.testing import World
from kumppani.cooperation import services as cooperation
from kumppani.cooperation.guide_render import guide_sections
from kumppani.forums.services.forums import forum_record_outcome
from kumppani.forums.tests.factories import ForumFactory

pytestmark = pytest.mark.django_db

TEXT = (
    "# Sovittiin\n\n<table><tr><td>kahvit</td></tr></table>\n\n"
    "[Soita](tel:+358401234567) <script>alert(1)</script> [x](javascript:alert(1))\n"
)
EXPECTED = (
    "<h3>Sovittiin</h3>",
    '<a href="tel:+358401234567" rel="noopener noreferrer">Soita</a>',
)


def test_minutes_and_guide_follow_one_markdown_policy(world: World, client: Any) -> None:
    forum = ForumFactory.create(municipalities=[world.municipality])
    forum_record_outcome(forum=forum, minutes=TEXT, outcomes="")
    minutes = client.get(forum.get_absolute_url()).content.decode()
    version = cooperation.guide_start(municipality=world.municipality, actor=world.liaison)
    version = cooperation.guide_draft_save(version=version, narrative={"strategy": {"fi": TEXT}})
    guide = next(
        s.narrative_html
        for s in guide_sections(municipality=world.municipality, version=version, language="fi")
        if s.key == "strategy"
    )
    for html in (minutes, guide):
        for fragment in EXPECTED:
            assert fragment in html
        assert "<td>kahvit</td>" in html
        assert "<script>alert" not in html and "javascript:" not in html
