"""A proposal's text has a length limit, refused with the same translated message everywhere."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from kumppani.accounts.services import api_token_create
from kumppani.accounts.testing import World
from kumppani.proposals.models import PROPOSAL_TEXT, Proposal, ProposerType
from kumppani.proposals.services import proposal_create

pytestmark = pytest.mark.django_db


def too_long_fi(limit: int, length: int) -> str:
    return f"Tämän arvon tulee olla enintään {limit} merkkiä pitkä (tällä hetkellä {length})."


def test_the_service_refuses_an_over_long_proposal(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        proposal_create(
            municipality=world.municipality,
            text="p" * (PROPOSAL_TEXT + 1),
            proposer_type=ProposerType.RESIDENT,
            actor=world.rep,
        )
    assert error.value.message_dict["text"] == [too_long_fi(PROPOSAL_TEXT, PROPOSAL_TEXT + 1)]
    assert not Proposal.objects.exists()

    proposal = proposal_create(
        municipality=world.municipality,
        text="p" * PROPOSAL_TEXT,
        proposer_type=ProposerType.RESIDENT,
        actor=world.rep,
    )
    assert len(proposal.text) == PROPOSAL_TEXT


def test_the_proposal_form_shows_the_limit_and_keeps_the_other_input(client_for: Any) -> None:
    response = client_for("liaison").post(
        reverse("proposals:submit", kwargs={"code": "276"}),
        {
            "text": "p" * (PROPOSAL_TEXT + 4),
            "proposer_type": ProposerType.TEAM,
            "proposer_name": "Nuorisopalvelut",
            "together": "own",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert too_long_fi(PROPOSAL_TEXT, PROPOSAL_TEXT + 4) in page
    assert 'value="Nuorisopalvelut"' in page
    assert not Proposal.objects.exists()


def _post_proposal(world: World, text: str) -> Any:
    return Client().post(
        "/api/v1/proposals",
        json.dumps({"municipality": "276", "text": text, "proposer_type": "resident"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=world.rep)}",
        HTTP_ACCEPT_LANGUAGE="sv",
    )


def test_the_api_refuses_an_over_long_proposal_in_the_callers_language(world: World) -> None:
    response = _post_proposal(world, "p" * (PROPOSAL_TEXT + 1))
    assert response.status_code == 422
    assert response.json()["detail"]["text"] == [
        "Säkerställ att detta värde har som mest "
        f"{PROPOSAL_TEXT} tecken (den har {PROPOSAL_TEXT + 1})."
    ]
    assert _post_proposal(world, "p" * PROPOSAL_TEXT).status_code == 201
