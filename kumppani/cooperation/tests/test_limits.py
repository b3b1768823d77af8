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
from kumppani.cooperation import services
from kumppani.cooperation.models import Liaison
from kumppani.cooperation.tests.factories import AgreementFactory
from kumppani.core.limits import LONG_TEXT, SHORT_TEXT

pytestmark = pytest.mark.django_db


def too_long_fi(limit: int, length: int) -> str:
    return f"Tämän arvon tulee olla enintään {limit} merkkiä pitkä (tällä hetkellä {length})."


def test_the_service_refuses_an_over_long_role_description(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        services.liaison_create(
            municipality=world.municipality,
            name="Kaisa Kuntalainen",
            email="kaisa@example.org",
            unit="Hyvinvointipalvelut",
            role_description_fi="x" * (SHORT_TEXT + 1),
        )
    assert error.value.message_dict["role_description_fi"] == [
        too_long_fi(SHORT_TEXT, SHORT_TEXT + 1)
    ]
    assert not Liaison.objects.exists()

    liaison = services.liaison_create(
        municipality=world.municipality,
        name="Kaisa Kuntalainen",
        email="kaisa@example.org",
        unit="Hyvinvointipalvelut",
        role_description_fi="x" * SHORT_TEXT,
    )
    assert len(liaison.role_description_fi) == SHORT_TEXT


def test_agreement_obligations_are_a_long_text(world: World) -> None:
    agreement = AgreementFactory.create(municipality=world.municipality)
    with pytest.raises(ValidationError) as error:
        services.agreement_update(
            agreement=agreement, obligations_municipality="y" * (LONG_TEXT + 1)
        )
    assert error.value.message_dict["obligations_municipality"] == [
        too_long_fi(LONG_TEXT, LONG_TEXT + 1)
    ]
    services.agreement_update(agreement=agreement, obligations_municipality="y" * LONG_TEXT)
    agreement.refresh_from_db()
    assert len(agreement.obligations_municipality) == LONG_TEXT


def test_the_liaison_form_shows_the_limit_and_keeps_the_other_input(client_for: Any) -> None:
    response = client_for("coordinator").post(
        reverse("cooperation:liaisons_manage", kwargs={"code": "276"}),
        {
            "name": "Kaisa Kuntalainen",
            "email": "kaisa@example.org",
            "unit": "Hyvinvointipalvelut",
            "role_description_fi": "x" * (SHORT_TEXT + 5),
            "order": 0,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert too_long_fi(SHORT_TEXT, SHORT_TEXT + 5) in page
    assert 'value="Kaisa Kuntalainen"' in page
    assert not Liaison.objects.exists()


def _post_liaison(world: World, role_description: str) -> Any:
    token = api_token_create(user=world.coordinator)
    return Client().post(
        "/api/v1/municipalities/276/liaisons",
        json.dumps(
            {
                "name": "Kaisa Kuntalainen",
                "email": "kaisa@example.org",
                "unit": "Hyvinvointipalvelut",
                "role_description_fi": role_description,
            }
        ),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_ACCEPT_LANGUAGE="sv",
    )


def test_the_api_refuses_an_over_long_text_in_the_callers_language(world: World) -> None:
    response = _post_liaison(world, "x" * (SHORT_TEXT + 1))
    assert response.status_code == 422
    assert response.json()["detail"]["role_description_fi"] == [
        f"Säkerställ att detta värde har som mest {SHORT_TEXT} tecken (den har {SHORT_TEXT + 1})."
    ]
    assert _post_liaison(world, "x" * SHORT_TEXT).status_code == 201
