from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from kumppani.accounts.models import Role
from kumppani.accounts.services import api_token_create, role_assign
from kumppani.accounts.testing import World
from kumppani.proposals import api as proposals_api
from kumppani.proposals.models import Proposal
from kumppani.welfare.tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def _post(world: World, role: str, path: str, body: dict[str, Any] | None = None) -> Any:
    user = world.user(role)
    assert user is not None
    token = api_token_create(user=user)
    return Client().post(
        path,
        json.dumps(body or {}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def test_representative_posts_for_their_association(world: World) -> None:
    theme = ThemeFactory.create(plan__municipality=world.municipality)
    response = _post(
        world,
        "rep",
        "/api/v1/proposals",
        {
            "municipality": "276",
            "text": "Kylätalolle kohtaamispaikka.",
            "proposer_type": "association",
            "organisation": world.association.pk,
            "theme": theme.pk,
        },
    )
    assert response.status_code == 201, response.content
    proposal = Proposal.objects.get(pk=response.json()["id"])
    assert proposal.association == world.association and proposal.theme == theme
    assert response.json()["group"] is None


def test_not_for_someone_elses_association(world: World) -> None:
    response = _post(
        world,
        "other_rep",
        "/api/v1/proposals",
        {
            "municipality": "276",
            "text": "Jotain.",
            "proposer_type": "association",
            "organisation": world.association.pk,
        },
    )
    assert response.status_code == 403


def test_team_proposals_only_by_municipal_roles(world: World) -> None:
    body = {
        "municipality": "276",
        "text": "Liikuntatoimi: kävelyreitit.",
        "proposer_type": "team",
        "proposer_name": "Liikuntatiimi",
    }
    assert _post(world, "rep", "/api/v1/proposals", body).status_code == 403
    assert _post(world, "liaison", "/api/v1/proposals", body).status_code == 201


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"municipality": "999", "text": "x", "proposer_type": "resident"}, "municipality"),
        (
            {"municipality": "276", "text": "x", "proposer_type": "resident", "theme": 999999},
            "theme",
        ),
        (
            {
                "municipality": "276",
                "text": "x",
                "proposer_type": "association",
                "organisation": 999999,
            },
            "organisation",
        ),
        ({"municipality": "276", "text": "x", "proposer_type": "alien"}, "proposer_type"),
    ],
)
def test_unknown_references_are_field_errors(
    world: World, body: dict[str, Any], field: str
) -> None:
    response = _post(world, "rep", "/api/v1/proposals", body)
    assert response.status_code == 422
    assert field in response.json()["detail"]


def test_oversize_text_is_refused(world: World) -> None:
    body = {"municipality": "276", "text": "x" * 5000, "proposer_type": "resident"}
    response = _post(world, "rep", "/api/v1/proposals", body)
    assert response.status_code == 422
    assert "text" in json.dumps(response.json()["detail"])
    assert not Proposal.objects.exists()


def test_list_filters_and_group_ids_after_regroup(world: World) -> None:
    for text in ("Kävelyryhmiä ikäihmisille.", "Ikäihmisten kävelyryhmä.", "Digitukea kirjastoon."):
        _post(
            world,
            "rep",
            "/api/v1/proposals",
            {"municipality": "276", "text": text, "proposer_type": "resident"},
        )
    listing = Client().get("/api/v1/proposals?municipality=276").json()
    assert listing["count"] == 3 and set(listing) == {"count", "next", "previous", "results"}
    assert all(item["group"] is None for item in listing["results"])
    assert (
        _post(world, "other_rep", "/api/v1/proposals/regroup?municipality=276").status_code == 403
    )
    response = _post(world, "liaison", "/api/v1/proposals/regroup?municipality=276")
    assert response.status_code == 200 and response.json()["status"] == "done"
    listing = Client().get("/api/v1/proposals?municipality=276").json()
    groups = {item["id"]: item["group"] for item in listing["results"]}
    assert None not in groups.values()
    ids = sorted(groups)
    assert groups[ids[0]] == groups[ids[1]] != groups[ids[2]]
    group_list = Client().get("/api/v1/proposal-groups?municipality=276").json()
    members = {g["id"]: g["members"] for g in group_list["results"]}
    assert sorted(members[groups[ids[0]]]) == ids[:2]
    assert all(g["label"] for g in group_list["results"])
    assert Client().get("/api/v1/proposals?municipality=xyz").status_code == 422


def test_large_regroup_answers_202_with_a_job_url(
    world: World, monkeypatch: Any, django_capture_on_commit_callbacks: Any
) -> None:
    monkeypatch.setattr(proposals_api, "SYNC_LIMIT", 1)
    for text in ("Kävelyryhmiä ikäihmisille.", "Ikäihmisten kävelyryhmä."):
        _post(
            world,
            "rep",
            "/api/v1/proposals",
            {"municipality": "276", "text": text, "proposer_type": "resident"},
        )
    user = world.liaison
    role_assign(user=user, role=Role.WELLBEING_GROUP, municipality=world.municipality)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _post(world, "liaison", "/api/v1/proposals/regroup?municipality=276")
        assert response.status_code == 202
        queued = Client().get(response.json()["job"])
        assert queued.json()["status"] == "queued"  # enqueued only after the commit
    assert len(callbacks) == 1
    job = Client().get(response.json()["job"])
    assert job.status_code == 200 and job.json()["status"] == "done"
    assert not Proposal.objects.filter(group=None).exists()


def test_wellbeing_group_member_may_regroup(world: World) -> None:
    role_assign(user=world.other_rep, role=Role.WELLBEING_GROUP, municipality=world.municipality)
    response = _post(world, "other_rep", "/api/v1/proposals/regroup?municipality=276")
    assert response.status_code == 200
    assert (
        _post(world, "coordinator", "/api/v1/proposals/regroup?municipality=276").status_code == 403
    )
    assert _post(world, "liaison", "/api/v1/proposals/regroup?municipality=000").status_code == 422
