"""Free text has a length limit, refused with the same translated message everywhere."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from kumppani.accounts.services import api_token_create
from kumppani.accounts.testing import World
from kumppani.core.limits import LONG_TEXT, SHORT_TEXT
from kumppani.forums.models import Forum
from kumppani.forums.services.forums import forum_record_outcome
from kumppani.forums.tests.factories import ForumFactory

pytestmark = pytest.mark.django_db


def too_long_en(limit: int, length: int) -> str:
    # The forums tests run in English (tests/conftest.py).
    return f"Ensure this value has at most {limit} characters (it has {length})."


def test_the_service_refuses_over_long_minutes(world: World) -> None:
    forum = ForumFactory.create(municipalities=[world.municipality])
    with pytest.raises(ValidationError) as error:
        forum_record_outcome(forum=forum, minutes="m" * (LONG_TEXT + 1), outcomes="")
    assert error.value.message_dict["minutes"] == [too_long_en(LONG_TEXT, LONG_TEXT + 1)]
    forum.refresh_from_db()
    assert forum.minutes == ""

    forum_record_outcome(forum=forum, minutes="m" * LONG_TEXT, outcomes="o" * LONG_TEXT)
    forum.refresh_from_db()
    assert len(forum.minutes) == LONG_TEXT and len(forum.outcomes) == LONG_TEXT


def test_the_minutes_form_shows_the_limit_and_keeps_the_other_input(
    world: World, client_for: Any
) -> None:
    forum = ForumFactory.create(municipalities=[world.municipality])
    response = client_for("liaison").post(
        reverse("forums:outcome", args=[forum.pk]),
        {"minutes": "m" * (LONG_TEXT + 3), "outcomes": "Kolme uutta yhteistyöhanketta"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert too_long_en(LONG_TEXT, LONG_TEXT + 3) in page
    assert "Kolme uutta yhteistyöhanketta" in page
    forum.refresh_from_db()
    assert forum.outcomes == ""


def _post_forum(world: World, description: str) -> Any:
    token = api_token_create(user=world.liaison)
    payload = {
        "type": "wellbeing_meetup",
        "title_fi": "Hyvinvointihytinä",
        "description_fi": description,
        "start": "2030-03-12T17:00:00+02:00",
        "end": "2030-03-12T20:00:00+02:00",
        "place": "Kotiseutukeskus",
        "municipality": "276",
    }
    return Client().post(
        "/api/v1/forums",
        json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_ACCEPT_LANGUAGE="sv",
    )


def test_the_api_refuses_an_over_long_description_in_the_callers_language(world: World) -> None:
    response = _post_forum(world, "d" * (SHORT_TEXT + 1))
    assert response.status_code == 422
    assert response.json()["detail"]["description_fi"] == [
        f"Säkerställ att detta värde har som mest {SHORT_TEXT} tecken (den har {SHORT_TEXT + 1})."
    ]
    assert not Forum.objects.exists()
    assert _post_forum(world, "d" * SHORT_TEXT).status_code == 201
