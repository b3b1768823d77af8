"""The audit log: readable in the page's language, linked, and fed by the services."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kumppani.accounts.audit import audit_record
from kumppani.accounts.models import AuditEvent
from kumppani.accounts.testing import World
from kumppani.forums.services.forums import forum_record_outcome
from kumppani.forums.services.registrations import registration_create
from kumppani.forums.tests.factories import ForumFactory
from kumppani.proposals.decisions import decision_record
from kumppani.proposals.models import Decision
from kumppani.proposals.tests.factories import ProposalFactory
from kumppani.welfare.services import plan_update
from kumppani.welfare.tests.factories import PlanFactory

pytestmark = pytest.mark.django_db


def _audit_page(client_for: Any, language: str, **params: str) -> str:
    response = client_for("admin").get(f"/{language}/people/audit/", params)
    assert response.status_code == 200
    return str(response.content.decode())


def test_an_edit_shows_who_did_what_to_which_object_and_only_the_changed_fields(
    client_for: Any, world: World
) -> None:
    plan = PlanFactory.create(title_fi="Vanha nimi", start_year=2025, end_year=2028)
    plan_update(plan=plan, actor=world.liaison, title_fi="Uusi nimi", start_year=2025)
    event = AuditEvent.objects.get(action="welfare_plan.update")
    assert event.changes == {"title_fi": ["Vanha nimi", "Uusi nimi"]}  # start year unchanged

    page = _audit_page(client_for, "fi")
    assert "Liaison (liaison@example.org)" in page
    assert "Muokkasi hyvinvointisuunnitelmaa" in page
    assert f'<a href="{plan.get_absolute_url()}">' in page
    assert "Uusi nimi" in page and "Vanha nimi" in page
    assert "welfare_plan.update" not in page
    english = _audit_page(client_for, "en")
    assert "Edited a wellbeing plan" in english


def test_a_decision_is_audited_with_its_value_in_the_readers_language(
    client_for: Any, world: World
) -> None:
    proposal = ProposalFactory.create()
    decision_record(
        actor=world.liaison,
        proposal=proposal,
        decision=Decision.FORWARDED,
        reason="Kuuluu sivistyslautakunnalle.",
        forwarded_to="Sivistyslautakunta",
    )
    event = AuditEvent.objects.get(action="proposal.decide")
    assert event.target_id == str(proposal.pk)
    page = _audit_page(client_for, "en", action="proposal")
    assert "Decided a proposal" in page
    assert "Forwarded to another body" in page  # the choice's label, not "forwarded"
    assert "Kuuluu sivistyslautakunnalle." in page


def test_minutes_and_registrations_are_audited(world: World) -> None:
    forum = ForumFactory.create()
    registration_create(forum=forum, user=world.rep, association=world.association)
    forum_record_outcome(forum=forum, minutes="Pöytäkirja", outcomes="", actor=world.liaison)
    registered = AuditEvent.objects.get(action="registration.create")
    assert registered.actor_email == "rep@example.org"
    assert registered.summary == str(world.association)
    minutes = AuditEvent.objects.get(action="forum.minutes")
    assert minutes.changes["minutes"] == ["", "Pöytäkirja"]


def test_a_deleted_target_is_named_by_its_kind_and_the_page_has_constant_queries(
    client_for: Any, world: World
) -> None:
    forum = ForumFactory.create()
    audit_record(actor=world.admin, action="forum.update", target=forum)
    forum_pk = forum.pk
    forum.delete()
    page = _audit_page(client_for, "en")
    assert f"forum {forum_pk}" in page.lower()

    client = client_for("admin")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/people/audit/").status_code == 200
        return len(queries)

    for _ in range(2):
        audit_record(actor=world.liaison, action="forum.create", target=ForumFactory.create())
    before = count()
    for _ in range(5):
        audit_record(actor=world.rep, action="forum.create", target=ForumFactory.create())
    assert count() == before
