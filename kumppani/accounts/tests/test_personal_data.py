"""Personal data: the export holds what every app keeps; erasure removes or pseudonymises it."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core import mail

from kumppani.accounts.models import AuditEvent, User
from kumppani.accounts.personal_data import pseudonym, registered
from kumppani.accounts.services import api_token_create
from kumppani.accounts.testing import World
from kumppani.associations.models import Association
from kumppani.forums.tests.factories import ForumFactory
from kumppani.proposals.models import ProposerType
from kumppani.proposals.services import proposal_create

pytestmark = pytest.mark.django_db


def _delete(client: Any) -> None:
    response = client.post(
        "/en/people/me/delete/", {"password": "secret-pass-123", "confirm": "on"}
    )
    assert response.status_code == 302


def test_every_app_with_personal_data_is_registered() -> None:
    assert {
        "account",
        "roles",
        "api_tokens",
        "audit_events",
        "associations",
        "cooperation",
        "forums",
        "proposals",
        "surveys",
    } <= set(registered())


def test_export_holds_proposals_registrations_answers_and_audit(
    client_for: Any, world: World
) -> None:
    from kumppani.forums.services.registrations import registration_create

    proposal_create(
        municipality=world.municipality,
        text="Kuntosalivuoroja ikäihmisille.",
        proposer_type=ProposerType.RESIDENT,
        proposer_name="Rep",
        actor=world.rep,
    )
    forum = ForumFactory.create()
    registration_create(forum=forum, user=world.rep, association=world.association)
    data = json.loads(client_for("rep").get("/fi/people/me/data.json").content)
    assert [p["text"] for p in data["proposals"]["proposals"]] == ["Kuntosalivuoroja ikäihmisille."]
    assert [r["forum"] for r in data["forums"]["forum_registrations"]] == [str(forum)]
    assert data["associations"]["representations"][0]["association"] == world.association.pk
    assert "survey_answers" in data["surveys"]
    assert any(e["action"] == "role.assign" for e in data["audit_events"])


def test_erasure_removes_resident_name_and_pseudonymises_audit(
    client_for: Any, world: World
) -> None:
    resident = proposal_create(
        municipality=world.municipality,
        text="Penkkejä kävelyreitin varrelle.",
        proposer_type=ProposerType.RESIDENT,
        proposer_name="Liisa Liaison",
        actor=world.liaison,
    )
    team = proposal_create(
        municipality=world.municipality,
        text="Liikuntaneuvontaa kirjastossa.",
        proposer_type=ProposerType.TEAM,
        proposer_name="Liikuntapalvelut",
        actor=world.liaison,
    )
    liaison = world.liaison
    api_token_create(user=liaison)  # audited with the liaison as the actor
    liaison_pk = liaison.pk
    alias = pseudonym(liaison)
    _delete(client_for("liaison"))
    resident.refresh_from_db()
    team.refresh_from_db()
    assert resident.proposer_name == "" and resident.created_by is None
    assert resident.text == "Penkkejä kävelyreitin varrelle."  # the proposal stays
    assert team.proposer_name == "Liikuntapalvelut"
    assert not AuditEvent.objects.filter(actor_email="liaison@example.org").exists()
    assert not AuditEvent.objects.filter(summary__contains="liaison@example.org").exists()
    assert AuditEvent.objects.filter(action="api_token.create", actor_email=alias).exists()
    assert AuditEvent.objects.filter(
        action="role.assign", target_type="accounts.user", target_id=str(liaison_pk)
    ).exists()
    assert AuditEvent.objects.filter(action="user.erase", summary__contains=alias).exists()


def test_last_representative_leaving_flags_the_association_to_the_liaison(
    client_for: Any, world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _delete(client_for("rep"))
    association = Association.objects.get(pk=world.association.pk)
    assert association.orphaned_at is not None
    (email,) = [m for m in mail.outbox if "liaison@example.org" in m.to]
    assert "Ylä-Kuhan kyläyhdistys ry" in email.subject
    page = client_for("liaison").get("/en/municipalities/276/").content.decode()
    assert "Without a representative" in page and "Ylä-Kuhan kyläyhdistys ry" in page
    public = client_for("anonymous").get("/en/municipalities/276/").content.decode()
    assert "Without a representative" not in public


def test_an_association_with_other_representatives_is_not_flagged(
    client_for: Any, world: World
) -> None:
    from kumppani.accounts.models import Role
    from kumppani.accounts.services import role_assign

    role_assign(user=world.other_rep, role=Role.REPRESENTATIVE, association=world.association)
    _delete(client_for("rep"))
    assert Association.objects.get(pk=world.association.pk).orphaned_at is None
    assert not User.objects.filter(email="rep@example.org").exists()


def test_privacy_text_on_the_delete_page_in_three_languages(client_for: Any) -> None:
    client = client_for("rep")
    assert "deleted-user-" in client.get("/en/people/me/delete/").content.decode()
    assert "pseudonym" in client.get("/en/people/me/delete/").content.decode()
    assert "pseudonyymi" in client.get("/fi/people/me/delete/").content.decode()
    assert "pseudonym" in client.get("/sv/people/me/delete/").content.decode()
