"""Every survey in a list leads somewhere, and "My pages" of each role links to all it works on:
surveys, the proposal board, welfare plans and the approval stages waiting."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kumppani.accounts.models import Role, User
from kumppani.accounts.services import role_assign
from kumppani.accounts.testing import World
from kumppani.associations.tests.factories import UserFactory
from kumppani.surveys.models import Invitation, Scope, Survey
from kumppani.surveys.services import invitations_for_associations
from kumppani.surveys.tests.factories import SurveyFactory, build_survey
from kumppani.welfare.tests.factories import PlanFactory, ThemeFactory, approve_plan

pytestmark = pytest.mark.django_db


def _resident() -> User:
    return UserFactory.create(email="asukas@example.org")


def _wellbeing_group(world: World) -> User:
    user: User = UserFactory.create(email="hyte@example.org")
    role_assign(user=user, role=Role.WELLBEING_GROUP, municipality=world.municipality)
    return user


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _page(client: Client) -> str:
    return client.get("/en/me/").content.decode()


def _href(url: str) -> str:
    return f'href="/en{url[3:]}"'  # reverse() gives the default language's /fi/ prefix


def _list(client: Client) -> str:
    return client.get("/en/surveys/").content.decode()


# --- 1. the survey list ---------------------------------------------------------------------


def test_survey_list_links_each_survey_to_the_page_the_person_uses_it_on(
    world: World, client_for: Any
) -> None:
    invited = build_survey(title_en="Invited survey").survey
    invitations_for_associations(survey=invited, send=False)
    invitation = Invitation.objects.get(survey=invited, association=world.association)
    open_link = SurveyFactory.create(title_en="Open to residents", open_link_enabled=True)
    published = SurveyFactory.create(
        title_en="Closed, published",
        opens_at=timezone.now() - dt.timedelta(days=60),
        closes_at=timezone.now() - dt.timedelta(days=30),
        results_published=True,
    )
    # The representative answers for the association; anyone may answer the open survey.
    rep = _list(client_for("rep"))
    assert _href(reverse("surveys:continue", args=[invitation.pk])) + ">Invited survey<" in rep
    to_open = _href(reverse("surveys:open", args=[open_link.open_token]))
    assert to_open + ">Open to residents<" in rep
    to_results = _href(reverse("surveys:results", args=[published.pk]))
    assert to_results + ">Closed, published<" in rep
    resident = _list(_client(_resident()))
    assert to_open + ">Open to residents<" in resident
    assert to_results + ">Closed, published<" in resident
    # An invitation-only survey is not listed to those who can neither answer nor read it.
    assert "Invited survey" not in resident
    # The owner manages every survey of the municipality.
    liaison = _list(client_for("liaison"))
    for survey in (invited, open_link, published):
        manage = _href(reverse("surveys:detail", args=[survey.pk]))
        assert f"{manage}>{survey.title_en}<" in liaison


# --- 2. "My pages" per role -----------------------------------------------------------------


def _things(world: World) -> dict[str, Any]:
    invited = build_survey(title_en="Invited survey").survey
    invitations_for_associations(survey=invited, send=False)
    open_link = SurveyFactory.create(title_en="Open to residents", open_link_enabled=True)
    regional = SurveyFactory.create(
        title_en="Regional mapping", scope=Scope.REGION, municipality=None, region=world.region
    )
    plan = PlanFactory.create(municipality=world.municipality, title_en="Welfare plan")
    theme = ThemeFactory.create(plan=plan, name_en="Loneliness")
    return {
        "invited": invited,
        "invitation": Invitation.objects.get(survey=invited, association=world.association),
        "open": open_link,
        "regional": regional,
        "plan": plan,
        "theme": theme,
    }


def _links(things: dict[str, Any], world: World) -> dict[str, str]:
    code = world.municipality.code
    return {
        "answer": _href(reverse("surveys:continue", args=[things["invitation"].pk])),
        "answer_open": _href(reverse("surveys:open", args=[things["open"].open_token])),
        "manage": _href(reverse("surveys:detail", args=[things["invited"].pk])),
        "manage_regional": _href(reverse("surveys:detail", args=[things["regional"].pk])),
        "results": _href(reverse("surveys:results", args=[things["invited"].pk])),
        "board": _href(reverse("proposals:board", args=[code])),
        "my_proposals": _href(reverse("proposals:mine")),
        "plan": _href(reverse("welfare:plan", args=[things["plan"].pk])),
        "approvals": _href(reverse("welfare:approvals", args=[things["plan"].pk])),
        "observation": _href(reverse("welfare:observation_create", args=[things["theme"].pk])),
    }


EXPECTED = {
    "resident": {"answer_open", "my_proposals"},
    "rep": {"answer", "answer_open", "my_proposals", "plan", "observation"},
    "liaison": {"manage", "results", "board", "plan", "approvals"},
    "wellbeing_group": {"results", "board", "plan", "approvals"},
    "coordinator": {"manage", "manage_regional", "results", "plan", "approvals"},
    "admin": {"manage", "manage_regional", "results"},
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_my_pages_links_to_everything_the_role_works_on(
    world: World, client_for: Any, role: str
) -> None:
    things = _things(world)
    if role == "resident":
        client = _client(_resident())
    elif role == "wellbeing_group":
        client = _client(_wellbeing_group(world))
    else:
        client = client_for(role)
    page = _page(client)
    links = _links(things, world)
    missing = {name for name in EXPECTED[role] if links[name] not in page}
    assert not missing, f"{role}'s My pages lacks {sorted(missing)}"
    if "approvals" in EXPECTED[role]:
        assert "next approval stage: Wellbeing working group" in page
    if role in ("resident", "rep"):
        assert links["board"] not in page and links["manage"] not in page


def test_approved_plan_waits_for_no_approval(world: World, client_for: Any) -> None:
    plan = PlanFactory.create(municipality=world.municipality)
    approve_plan(plan, timezone.localdate())
    page = _page(client_for("liaison"))
    assert _href(reverse("welfare:approvals", args=[plan.pk])) in page
    assert "next approval stage" not in page


def _count_queries(client: Client) -> int:
    client.get("/en/me/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/me/").status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["resident", "rep", "liaison", "wellbeing_group", "coordinator"])
def test_my_pages_queries_do_not_grow_with_surveys_and_plans(
    world: World, client_for: Any, role: str
) -> None:
    if role == "resident":
        client = _client(_resident())
    elif role == "wellbeing_group":
        client = _client(_wellbeing_group(world))
    else:
        client = client_for(role)
    counts = []
    for _round in range(2):
        for municipality in (world.municipality, world.other_municipality):
            survey = build_survey(municipality=municipality, open_link_enabled=True).survey
            invitations_for_associations(survey=survey, send=False)
            ThemeFactory.create(plan=PlanFactory.create(municipality=municipality))
        counts.append(_count_queries(client))
    assert counts[0] == counts[1], counts
    assert Survey.objects.count() == 4
