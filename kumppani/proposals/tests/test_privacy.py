"""Proposals pooled from surveys: anonymous answers stay anonymous, unpublished ones private.

One rule decides what of the pool is public (``selectors.PUBLIC``); the API's lists and the
HTML pages (outcomes, the municipality page) use it alike.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kumppani.accounts.testing import World
from kumppani.proposals.models import Decision, Proposal
from kumppani.surveys.models import Invitation
from kumppani.surveys.services import invitations_for_associations, response_save, response_submit
from kumppani.surveys.tests.factories import Built, build_survey

pytestmark = pytest.mark.django_db


def _answer(built: Built, world: World, text: str) -> Invitation:
    invitations_for_associations(survey=built.survey)
    invitation = Invitation.objects.get(survey=built.survey, association=world.association)
    response_save(
        invitation=invitation,
        values={built.text.pk: "Vastaus", built.proposals.pk: {"own": [text], "together": []}},
    )
    response_submit(invitation=invitation, user=world.rep)
    return invitation


def _pooled(text: str) -> Proposal:
    return Proposal.objects.get(text=text)


def _api(query: str) -> list[dict[str, Any]]:
    return list(Client().get(f"/api/v1/proposals{query}").json()["results"])


def test_anonymous_survey_stores_nothing_about_the_respondent(world: World) -> None:
    built = build_survey(anonymous=True)
    _answer(built, world, "Kyläkävelyt ikäihmisille")
    proposal = _pooled("Kyläkävelyt ikäihmisille")
    assert proposal.source == "survey" and proposal.survey == built.survey
    assert proposal.proposer_name == ""
    assert proposal.association is None
    assert proposal.created_by is None
    built.survey.results_published = True
    built.survey.save()
    (row,) = _api(f"?survey={built.survey.pk}")
    assert row["text"] == "Kyläkävelyt ikäihmisille"
    assert row["proposer_name"] == "" and row["organisation"] is None
    assert "Ylä-Kuhan" not in Client().get(f"/api/v1/proposals?survey={built.survey.pk}").text


def test_named_survey_keeps_the_association(world: World) -> None:
    built = build_survey(anonymous=False, results_published=True)
    _answer(built, world, "Lukupiiri kirjastoon")
    proposal = _pooled("Lukupiiri kirjastoon")
    assert proposal.association == world.association
    (row,) = _api(f"?survey={built.survey.pk}")
    assert row["organisation"] == world.association.pk


def test_unpublished_survey_proposals_stay_out_of_public_lists(world: World) -> None:
    built = build_survey(anonymous=False)
    _answer(built, world, "Salainen ehdotus julkaisemattomasta kyselystä")
    proposal = _pooled("Salainen ehdotus julkaisemattomasta kyselystä")
    Proposal.objects.filter(pk=proposal.pk).update(decision=Decision.REJECTED)
    assert _api(f"?survey={built.survey.pk}") == []
    assert _api("?municipality=276") == []
    decisions = Client().get("/api/v1/proposal-decisions?municipality=276").json()
    assert decisions["count"] == 0
    outcomes = Client().get("/en/municipalities/276/proposals/outcomes/").content.decode()
    assert "Not taken forward" in outcomes
    assert Client().get("/en/municipalities/276/proposals/outcomes/").context["outcome"].total == 0
    built.survey.results_published = True
    built.survey.save()
    assert [row["id"] for row in _api(f"?survey={built.survey.pk}")] == [proposal.pk]
    assert Client().get("/api/v1/proposal-decisions?municipality=276").json()["count"] == 1


def test_the_anonymous_proposal_page_is_for_assessors_only(client_for: Any, world: World) -> None:
    built = build_survey(anonymous=True, results_published=True)
    _answer(built, world, "Nimetön ehdotus")
    url = _pooled("Nimetön ehdotus").get_absolute_url()
    assert client_for("rep").get(url).status_code == 403
    page = client_for("liaison").get(url).content.decode()
    assert "Nimetön ehdotus" in page and "Ylä-Kuhan" not in page
