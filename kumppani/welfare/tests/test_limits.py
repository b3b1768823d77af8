"""Free text has a length limit, refused with the same translated message everywhere."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from kumppani.accounts.services import api_token_create
from kumppani.accounts.testing import World
from kumppani.core.limits import LONG_TEXT, SHORT_TEXT
from kumppani.welfare import services
from kumppani.welfare.models import Observation, PlanReview
from kumppani.welfare.tests.factories import PlanFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def too_long_fi(limit: int, length: int) -> str:
    return f"Tämän arvon tulee olla enintään {limit} merkkiä pitkä (tällä hetkellä {length})."


def test_the_service_refuses_an_over_long_observation(world: World) -> None:
    theme = ThemeFactory.create(plan__municipality=world.municipality)
    with pytest.raises(ValidationError) as error:
        services.observation_submit(
            theme=theme, association=world.association, actor=world.rep, text="h" * (SHORT_TEXT + 1)
        )
    assert error.value.message_dict["text"] == [too_long_fi(SHORT_TEXT, SHORT_TEXT + 1)]
    assert not Observation.objects.exists()

    observation = services.observation_submit(
        theme=theme, association=world.association, actor=world.rep, text="h" * SHORT_TEXT
    )
    assert len(observation.text) == SHORT_TEXT


def test_a_yearly_review_summary_is_a_long_text(world: World) -> None:
    plan = PlanFactory.create(municipality=world.municipality)
    year = plan.start_year
    with pytest.raises(ValidationError) as error:
        services.review_save(
            plan=plan, year=year, date=dt.date(year, 12, 1), summary_fi="s" * (LONG_TEXT + 1)
        )
    assert error.value.message_dict["summary_fi"] == [too_long_fi(LONG_TEXT, LONG_TEXT + 1)]
    services.review_save(
        plan=plan, year=year, date=dt.date(year, 12, 1), summary_fi="s" * LONG_TEXT
    )
    assert len(PlanReview.objects.get(plan=plan).summary_fi) == LONG_TEXT


def test_the_observation_form_shows_the_limit_and_keeps_the_other_input(
    world: World, client_for: Any
) -> None:
    theme = ThemeFactory.create(plan__municipality=world.municipality)
    response = client_for("rep").post(
        reverse("welfare:observation_create", args=[theme.pk]),
        {
            "association": world.association.pk,
            "text": "h" * (SHORT_TEXT + 2),
            "observed_on": "2026-01-15",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert too_long_fi(SHORT_TEXT, SHORT_TEXT + 2) in page
    assert 'value="2026-01-15"' in page
    assert not Observation.objects.exists()


def _post_observation(world: World, theme_pk: int, text: str) -> Any:
    return Client().post(
        f"/api/v1/themes/{theme_pk}/observations",
        json.dumps({"association": world.association.pk, "text": text}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=world.rep)}",
        HTTP_ACCEPT_LANGUAGE="sv",
    )


def test_the_api_refuses_an_over_long_observation_in_the_callers_language(world: World) -> None:
    theme = ThemeFactory.create(plan__municipality=world.municipality)
    response = _post_observation(world, theme.pk, "h" * (SHORT_TEXT + 1))
    assert response.status_code == 422
    assert response.json()["detail"]["text"] == [
        f"Säkerställ att detta värde har som mest {SHORT_TEXT} tecken (den har {SHORT_TEXT + 1})."
    ]
    assert _post_observation(world, theme.pk, "h" * SHORT_TEXT).status_code == 201
