"""The grant-application API: create, PATCH with versions (409 when stale), submit, read."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from kumppani.accounts.services import api_token_create
from kumppani.accounts.testing import World
from kumppani.grants.models import Application, ApplicationVersion
from kumppani.grants.tests.factories import ProgrammeFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def _call(token: str, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
    return Client().generic(
        method,
        f"/api/v1{path}",
        json.dumps(body) if body is not None else "",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def test_the_whole_api_path(world: World, django_capture_on_commit_callbacks: Any) -> None:
    programme = ProgrammeFactory.create()
    question = QuestionFactory.create(programme=programme, required=True)
    token = api_token_create(user=world.rep)
    created = _call(
        token,
        "POST",
        "/grant-applications",
        {
            "programme": programme.pk,
            "organisation": world.association.pk,
            "amount_eur": 2500,
            "answers": {str(question.pk): "Kuoron harjoitukset"},
        },
    )
    assert created.status_code == 201, created.content
    pk, version = created.json()["id"], created.json()["version"]
    changed = _call(
        token,
        "PATCH",
        f"/grant-applications/{pk}",
        {"version": version, "amount_eur": "2600.00", "answers": {str(question.pk): "Uusi"}},
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["version"] == version + 1
    stale = _call(
        token, "PATCH", f"/grant-applications/{pk}", {"version": version, "amount_eur": 1}
    )
    assert stale.status_code == 409
    assert "version" in stale.json()["detail"]
    assert Application.objects.get(pk=pk).amount_eur == 2600
    with django_capture_on_commit_callbacks(execute=True):
        submitted = _call(token, "POST", f"/grant-applications/{pk}/submit")
    assert submitted.status_code == 200, submitted.content
    body = submitted.json()
    assert body["status"] == "submitted"
    stored = ApplicationVersion.objects.get(application_id=pk, number=body["version"])
    assert body["receipt"]["sha256"] == stored.sha256
    assert hashlib.sha256(stored.content.encode()).hexdigest() == stored.sha256
    assert stored.sha256 in mail.outbox[0].body
    assert dt.datetime.fromisoformat(body["receipt"]["submitted_at"])
    read = _call(api_token_create(user=world.liaison), "GET", f"/grant-applications/{pk}")
    assert read.status_code == 200
    assert read.json()["answers"] == {str(question.pk): "Uusi"}
    assert read.json()["submitted_sha256"] == stored.sha256


def test_submit_after_closes_at_is_refused_and_nothing_changes(world: World) -> None:
    programme = ProgrammeFactory.create()
    token = api_token_create(user=world.rep)
    created = _call(
        token,
        "POST",
        "/grant-applications",
        {"programme": programme.pk, "organisation": world.association.pk, "amount_eur": 10},
    )
    pk = created.json()["id"]
    programme.closes_at = timezone.now() - dt.timedelta(seconds=1)
    programme.save()
    before = Application.objects.get(pk=pk)
    response = _call(token, "POST", f"/grant-applications/{pk}/submit")
    assert response.status_code == 409
    assert "Määräaika päättyi" in response.json()["detail"]
    after = Application.objects.get(pk=pk)
    assert (after.status, after.version, after.submitted_at) == ("draft", before.version, None)
    patch = _call(token, "PATCH", f"/grant-applications/{pk}", {"version": after.version})
    assert patch.status_code == 409


def test_only_a_representative_of_the_organisation_may_apply(world: World) -> None:
    programme = ProgrammeFactory.create()
    response = _call(
        api_token_create(user=world.other_rep),
        "POST",
        "/grant-applications",
        {"programme": programme.pk, "organisation": world.association.pk, "amount_eur": 10},
    )
    assert response.status_code == 403
    assert not Application.objects.exists()


def test_a_bad_answer_is_a_422_with_the_question(world: World) -> None:
    programme = ProgrammeFactory.create()
    question = QuestionFactory.create(programme=programme, kind="number")
    response = _call(
        api_token_create(user=world.rep),
        "POST",
        "/grant-applications",
        {
            "programme": programme.pk,
            "organisation": world.association.pk,
            "answers": {str(question.pk): "monta"},
        },
    )
    assert response.status_code == 422
    assert f"q{question.pk}" in response.json()["detail"]
    assert not Application.objects.exists()
