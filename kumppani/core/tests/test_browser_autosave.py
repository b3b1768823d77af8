"""The one autosave script (core/autosave.js) keeps a grant application's draft while typing."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import login
from kumppani.accounts.testing import build_world
from kumppani.grants.models import Answer
from kumppani.grants.services.applications import application_start
from kumppani.grants.tests.factories import ProgrammeFactory, QuestionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_typing_saves_the_draft_without_pressing_save(page: Any, live_server: Any) -> None:
    world = build_world()
    programme = ProgrammeFactory.create(municipality=world.municipality)
    question = QuestionFactory.create(programme=programme, text_fi="Kuvaile toimintaa")
    application = application_start(
        programme=programme, association=world.association, user=world.rep
    )
    login(page, live_server, world.rep.email)
    page.goto(f"{live_server.url}/fi/grants/applications/{application.pk}/")
    page.get_by_label("Kuvaile toimintaa").fill("Kyläjuhla ja talkoot kesällä.")
    page.wait_for_selector(".autosave-status:has-text('Luonnos tallennettu')", timeout=15000)
    answer = Answer.objects.get(application=application, question=question)
    assert answer.value == "Kyläjuhla ja talkoot kesällä."
    # Typing on after the save writes again (the fingerprints were refreshed by the answer).
    page.get_by_label("Kuvaile toimintaa").fill("Kyläjuhla, talkoot ja retki.")
    page.wait_for_function(
        "document.querySelector('.autosave-status').textContent.includes('tallennettu')"
    )
    page.wait_for_timeout(2500)
    answer.refresh_from_db()
    assert answer.value == "Kyläjuhla, talkoot ja retki."
