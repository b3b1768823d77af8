"""Proposals written in a survey reach the proposal pool; none is dropped silently."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from kumppani.accounts.testing import World
from kumppani.proposals.hooks import pool_survey_proposal
from kumppani.proposals.models import Proposal
from kumppani.surveys import pool
from kumppani.surveys.models import Invitation, ProposalItem
from kumppani.surveys.services import (
    invitations_for_associations,
    response_save,
    response_submit,
)
from kumppani.surveys.tests.factories import build_survey


def test_proposals_app_registers_the_pool() -> None:
    assert pool._pool == [pool_survey_proposal]


def test_without_a_pool_a_proposal_is_refused_not_dropped(monkeypatch: Any) -> None:
    monkeypatch.setattr(pool, "_pool", [])
    with pytest.raises(ImproperlyConfigured):
        pool.proposal_pool_add(object())  # type: ignore[arg-type]


@pytest.mark.django_db
def test_submitted_survey_proposals_join_the_pool(world: World) -> None:
    built = build_survey()
    invitations_for_associations(survey=built.survey)
    invitation = Invitation.objects.get(survey=built.survey, association=world.association)
    response_save(
        invitation=invitation,
        values={
            built.text.pk: "Kylätalo",
            built.yes_no.pk: "yes",
            built.scale.pk: "4",
            built.single.pk: str(built.single.choices.first().pk),  # type: ignore[union-attr]
            built.multiple.pk: [str(c.pk) for c in built.multiple.choices.all()[:1]],
            built.proposals.pk: {"own": ["Lukupiiri", ""], "together": ["Yhteinen kesäjuhla"]},
        },
    )
    response_submit(invitation=invitation)
    items = {
        i.text: i for i in ProposalItem.objects.filter(answer__response__invitation=invitation)
    }
    pooled = {p.text: p for p in Proposal.objects.filter(survey=built.survey)}
    assert set(pooled) == {"Lukupiiri", "Yhteinen kesäjuhla"}
    assert pooled["Yhteinen kesäjuhla"].together and not pooled["Lukupiiri"].together
    assert pooled["Lukupiiri"].source == "survey"
    assert pooled["Lukupiiri"].association == world.association
    assert items["Lukupiiri"].pool_proposal_id == pooled["Lukupiiri"].pk
