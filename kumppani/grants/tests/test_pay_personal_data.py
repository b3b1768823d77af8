"""Grants' part of a person's data: reviews, recusals and the applications they created;
erasure keeps the applications and the reviews without the person."""

from __future__ import annotations

import json
from typing import Any

import pytest

from kumppani.accounts.personal_data import registered, user_erase
from kumppani.accounts.testing import World
from kumppani.grants.models import Application, Recusal, Review
from kumppani.grants.tests.factories import (
    ApplicationFactory,
    RecusalFactory,
    ReviewFactory,
    ScoreFactory,
)

pytestmark = pytest.mark.django_db


def test_export_and_erase(client_for: Any, world: World) -> None:
    assert "grants" in registered()
    application = ApplicationFactory.create(
        association=world.association,
        created_by=world.rep,
        contact_name="Rep",
        contact_email="rep@example.org",
    )
    other = ApplicationFactory.create(association=world.other_association)
    review = ReviewFactory.create(application=other, reviewer=world.rep, comment="Hyvä hanke.")
    ScoreFactory.create(review=review, criterion__programme=other.programme, points=4)
    RecusalFactory.create(application=application, user=world.rep, reason="representative")

    data = json.loads(client_for("rep").get("/fi/people/me/data.json").content)["grants"]
    assert [a["id"] for a in data["applications_created"]] == [application.pk]
    assert data["reviews"][0]["comment"] == "Hyvä hanke."
    assert list(data["reviews"][0]["scores"].values()) == [4]
    assert data["recusals"][0]["reason"] == "representative"

    user_erase(user=world.rep)
    application = Application.objects.get(pk=application.pk)
    assert application.created_by is None
    assert application.contact_email == "" and application.contact_name == ""
    review = Review.objects.get(pk=review.pk)
    assert review.reviewer is None and review.comment == ""
    assert review.scores.count() == 1
    assert not Recusal.objects.exists()
