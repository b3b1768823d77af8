"""The proposal path in a real browser: a representative proposes, the proposals are grouped, a
working group member scores and adopts a group as a measure, the measure appears in the plan and
the representative sees the outcome on My pages. axe on every page visited."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import assert_accessible, login
from kumppani.accounts.models import Role
from kumppani.accounts.services import role_assign
from kumppani.accounts.testing import build_world
from kumppani.associations.tests.factories import UserFactory
from kumppani.proposals.models import Proposal, ProposerType
from kumppani.proposals.services import proposal_create
from kumppani.welfare.tests.factories import GoalFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OTHERS = [
    "Kävelyryhmiä ikäihmisille kerran viikossa.",
    "Ikäihmisten kävelyryhmä kylätalolta.",
    "Digitukea eläkeläisille kirjastossa.",
    "Digituki ikäihmisille kirjastossa.",
]


def test_proposal_is_grouped_scored_adopted_and_its_fate_shown(page: Any, live_server: Any) -> None:
    world = build_world()
    goal = GoalFactory.create(
        theme__plan__municipality=world.municipality,
        theme__name_fi="Liikunta",
        title_fi="Liikkumattomuus vähenee",
    )
    other_goal = GoalFactory.create(
        theme__plan=goal.theme.plan, theme__name_fi="Turvallisuus", title_fi="Turvallinen koulutie"
    )
    member = UserFactory.create(email="hyte@example.org", full_name="Hanna Hyte")
    role_assign(user=member, role=Role.WELLBEING_GROUP, municipality=world.municipality)
    for text in OTHERS:
        proposal_create(
            actor=None,
            municipality=world.municipality,
            text=text,
            proposer_type=ProposerType.RESIDENT,
            theme=goal.theme,
        )

    # The representative proposes for the association.
    login(page, live_server, "rep@example.org")
    page.goto(f"{live_server.url}/fi/municipalities/276/proposals/new/")
    assert_accessible(page)
    page.fill("#id_text", "Kyläyhdistys vetää kävelyryhmiä ikäihmisille.")
    page.select_option("#id_theme", str(goal.theme.pk))
    page.select_option("#id_proposer_type", "association")
    page.select_option("#id_association", str(world.association.pk))
    page.check("#id_together_0")
    page.click("main form button[type=submit]")
    assert "Kyläyhdistys vetää kävelyryhmiä" in page.inner_text("main")
    assert_accessible(page)
    proposal = Proposal.objects.get(text__startswith="Kyläyhdistys vetää")
    assert proposal.association == world.association and not proposal.together

    # The proposals are grouped (the working group's button runs the same service).
    page.context.clear_cookies()
    login(page, live_server, "hyte@example.org")
    page.goto(f"{live_server.url}/fi/municipalities/276/proposals/work/")
    assert_accessible(page)
    page.click("text=Ryhmittele ehdotukset uudelleen")
    proposal.refresh_from_db()
    assert proposal.group is not None
    walk = proposal.group
    assert Proposal.objects.filter(group=walk).count() == 3
    assert_accessible(page)

    # Score the group: the spread appears only after scoring.
    page.goto(f"{live_server.url}/fi/proposal-groups/{walk.pk}/")
    assert_accessible(page)
    assert "Keskihajonta" not in page.inner_text("main")
    for radio in page.locator("#score-form input[type=radio][value='4']").all():
        radio.check()
    page.click("#score-form button[type=submit]")
    assert "Keskihajonta" in page.inner_text("main")
    assert_accessible(page)

    # Decide: adopted as a measure under the goal.
    page.check("#decision-form input[name=decision][value=adopted]")
    page.fill("#decision-form #id_reason", "Vaikuttava ja edullinen.")
    # The group's theme is chosen and the goal list shows only its goals; another theme, others.
    goals = "#decision-form #id_goal"
    assert page.locator(f"{goals} option[value='{other_goal.pk}']").is_disabled()
    page.select_option("#decision-form #id_theme", str(other_goal.theme_id))
    assert page.locator(f"{goals} option[value='{goal.pk}']").is_disabled()
    assert page.locator(f"{goals} option[value='{other_goal.pk}']").is_enabled()
    page.select_option("#decision-form #id_theme", str(goal.theme_id))
    page.select_option(goals, str(goal.pk))
    page.fill("#decision-form #id_measure_title", "Kävelyryhmät ikäihmisille")
    page.click("#decision-form button[type=submit]")
    # A group has no association of its own: the measure needs a responsible unit.
    assert "Nimeä vastuussa oleva kunnan yksikkö" in page.inner_text("#decision-form")
    assert page.input_value("#decision-form #id_reason") == "Vaikuttava ja edullinen."
    assert_accessible(page)
    page.fill("#decision-form #id_responsible_unit", "Hyvinvointipalvelut")
    page.click("#decision-form button[type=submit]")
    assert "Kävelyryhmät ikäihmisille" in page.inner_text("main")
    assert_accessible(page)

    # The measure appears in the plan.
    page.click("main a:has-text('Kävelyryhmät ikäihmisille')")
    assert "Kävelyryhmät ikäihmisille" in page.inner_text("main")
    assert_accessible(page)

    # The public outcome page.
    page.goto(f"{live_server.url}/fi/municipalities/276/proposals/outcomes/")
    assert "Kävelyryhmät ikäihmisille" in page.inner_text("main")
    assert_accessible(page)

    # The representative sees the fate on My pages.
    page.context.clear_cookies()
    login(page, live_server, "rep@example.org")
    page.goto(f"{live_server.url}/fi/me/")
    main = page.inner_text("main")
    assert "Vaikuttava ja edullinen." in main and "Kävelyryhmät ikäihmisille" in main
    assert_accessible(page)
