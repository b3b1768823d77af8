from __future__ import annotations

import random
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from kumppani.accounts.models import Role
from kumppani.accounts.services import role_assign
from kumppani.accounts.testing import World
from kumppani.associations.tests.factories import AssociationFactory, UserFactory
from kumppani.proposals.decisions import decision_record
from kumppani.proposals.grouping_services import proposals_regroup
from kumppani.proposals.models import Decision, Proposal, ProposalGroup, ProposerType
from kumppani.proposals.selectors import (
    proposals_for_measure,
    proposed_measure_title,
    spread_for,
)
from kumppani.proposals.services import criteria_ensure, proposal_create, scores_save
from kumppani.proposals.textgen import generate
from kumppani.welfare.models import Measure
from kumppani.welfare.tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


def _member(world: World, email: str) -> Any:
    user = UserFactory.create(email=email)
    role_assign(user=user, role=Role.WELLBEING_GROUP, municipality=world.municipality)
    return user


def _group_with_proposal(world: World) -> tuple[ProposalGroup, Proposal]:
    proposal = proposal_create(
        municipality=world.municipality,
        text="Kyläyhdistys järjestää kävelyryhmiä ikäihmisille.",
        proposer_type=ProposerType.ASSOCIATION,
        association=world.association,
        actor=world.rep,
    )
    proposals_regroup(municipality=world.municipality)
    proposal.refresh_from_db()
    assert proposal.group is not None
    return proposal.group, proposal


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_members_score_independently_then_see_the_spread(world: World) -> None:
    group, _ = _group_with_proposal(world)
    criteria = criteria_ensure(municipality=world.municipality)
    first, second = _member(world, "hyte1@example.org"), _member(world, "hyte2@example.org")
    url = reverse("proposals:group", args=[group.pk])
    score_url = reverse("proposals:group_score", args=[group.pk])
    _client(first).post(score_url, {f"criterion_{c.pk}": "5" for c in criteria})
    page = _client(second).get(url).content.decode()
    assert "Näet pisteet annettuasi omasi" in page
    assert "Keskihajonta" not in page
    _client(second).post(score_url, {f"criterion_{c.pk}": "3" for c in criteria})
    page = _client(second).get(url).content.decode()
    assert "Keskihajonta" in page and "2 jäsenen pisteet" in page
    spread = spread_for(criteria=criteria, user=second, group=group)
    assert (spread.scorers, spread.minimum, spread.maximum, spread.stdev) == (2, 3.0, 5.0, 1.0)
    group.refresh_from_db()
    assert group.locked


def test_scores_outside_1_to_5_are_refused(world: World) -> None:
    group, _ = _group_with_proposal(world)
    criteria = criteria_ensure(municipality=world.municipality)
    member = _member(world, "hyte3@example.org")
    response = _client(member).post(
        reverse("proposals:group_score", args=[group.pk]),
        {f"criterion_{c.pk}": "9" for c in criteria},
        follow=True,
    )
    assert "Anna jokaiselle kriteerille pisteet 1–5" in response.content.decode()
    assert spread_for(criteria=criteria, user=member, group=group).scorers == 0
    with pytest.raises(ValidationError):
        scores_save(actor=member, values={criteria[0].pk: 0}, group=group)


def test_adopting_a_group_creates_a_measure_and_the_proposer_sees_it(world: World) -> None:
    group, proposal = _group_with_proposal(world)
    goal = GoalFactory.create(theme__plan__municipality=world.municipality)
    member = _member(world, "hyte4@example.org")
    response = _client(member).post(
        reverse("proposals:group_decide", args=[group.pk]),
        {
            "decision": "adopted",
            "reason": "Vaikuttava ja edullinen.",
            "goal": goal.pk,
            "measure_title": "Kävelyryhmät ikäihmisille",
            "responsible_unit": "Hyvinvointipalvelut",
        },
    )
    assert response.status_code == 302
    measure = Measure.objects.get(goal=goal)
    assert measure.title_fi == "Kävelyryhmät ikäihmisille"
    assert measure.responsible_unit == "Hyvinvointipalvelut"
    proposal.refresh_from_db()
    assert proposal.decision == Decision.ADOPTED and proposal.measure == measure
    assert list(proposals_for_measure(measure)) == [proposal]
    measure_page = Client().get(measure.get_absolute_url()).content.decode()
    assert "Ehdotukset, joista toimenpide syntyi" in measure_page
    assert "Kyläyhdistys järjestää kävelyryhmiä ikäihmisille." in measure_page
    dashboard = _client(world.rep).get("/fi/me/").content.decode()
    assert "Kävelyryhmät ikäihmisille" in dashboard and "Vaikuttava ja edullinen." in dashboard
    outcomes = Client().get(reverse("proposals:outcomes", args=["276"])).content.decode()
    assert "Kävelyryhmät ikäihmisille" in outcomes


def test_adopting_without_a_responsible_party_is_refused_and_saves_nothing(world: World) -> None:
    group, proposal = _group_with_proposal(world)
    goal = GoalFactory.create(theme__plan__municipality=world.municipality)
    with pytest.raises(ValidationError) as error:
        decision_record(
            actor=world.liaison,
            decision="adopted",
            reason="Hyvä.",
            goal=goal,
            group=group,
            measure_title="Kävelyryhmät",
        )
    assert list(error.value.message_dict) == ["responsible_unit"]
    assert not Measure.objects.exists()
    group.refresh_from_db()
    proposal.refresh_from_db()
    assert group.decision == "" and proposal.decision == ""


def test_adopting_an_association_proposal_makes_the_association_responsible(
    world: World,
) -> None:
    _group, proposal = _group_with_proposal(world)
    goal = GoalFactory.create(theme__plan__municipality=world.municipality)
    decision_record(
        actor=world.liaison,
        decision="adopted",
        reason="Hyvä.",
        goal=goal,
        proposal=proposal,
        measure_title="Kävelyryhmät",
    )
    measure = Measure.objects.get(goal=goal)
    assert measure.responsible_association == world.association
    assert measure.responsible_unit == ""


def test_decision_form_shows_the_missing_responsible_unit_and_keeps_the_input(
    world: World,
) -> None:
    group, _proposal = _group_with_proposal(world)
    goal = GoalFactory.create(theme__plan__municipality=world.municipality)
    response = _client(world.liaison).post(
        reverse("proposals:group_decide", args=[group.pk]),
        {
            "decision": "adopted",
            "reason": "Perusteltu päätös.",
            "goal": goal.pk,
            "measure_title": "Kävelyryhmät",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_responsible_unit_error"' in body
    assert "Nimeä vastuussa oleva kunnan yksikkö tai valitse vastuussa oleva yhdistys." in body
    assert "Perusteltu päätös." in body
    assert not Measure.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"proposer_type": ProposerType.ASSOCIATION}, "organisation"),
        ({"proposer_type": ProposerType.TEAM, "proposer_name": "  "}, "proposer_name"),
        ({"proposer_type": "alien"}, "proposer_type"),
        ({"proposer_type": ProposerType.RESIDENT, "source": "fax"}, "source"),
    ],
)
def test_proposal_create_enforces_its_rules(
    world: World, fields: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        proposal_create(actor=None, municipality=world.municipality, text="Ehdotus", **fields)
    assert list(error.value.message_dict) == [field]
    assert not Proposal.objects.exists()


def test_proposal_theme_must_be_of_the_municipality(world: World) -> None:
    goal = GoalFactory.create(theme__plan__municipality=world.other_municipality)
    with pytest.raises(ValidationError) as error:
        proposal_create(
            actor=None,
            municipality=world.municipality,
            text="Ehdotus",
            proposer_type=ProposerType.RESIDENT,
            theme=goal.theme,
        )
    assert list(error.value.message_dict) == ["theme"]


def test_decision_needs_a_reason_and_a_goal_for_adoption(world: World) -> None:
    group, proposal = _group_with_proposal(world)
    with pytest.raises(ValidationError) as error:
        decision_record(actor=world.liaison, decision="adopted", reason="", group=group)
    assert "reason" in error.value.message_dict and "goal" in error.value.message_dict
    decision_record(
        actor=world.liaison,
        decision="forwarded",
        reason="Kuuluu sivistyslautakunnalle.",
        forwarded_to="Sivistyslautakunta",
        proposal=proposal,
    )
    proposal.refresh_from_db()
    assert proposal.forwarded_to == "Sivistyslautakunta"
    page = _client(world.rep).get(reverse("proposals:proposal", args=[proposal.pk])).content
    assert "Sivistyslautakunta" in page.decode()
    assert (
        _client(world.other_rep).get(reverse("proposals:proposal", args=[proposal.pk])).status_code
        == 403
    )


def test_submission_form_keeps_input_on_error(world: World) -> None:
    response = _client(world.rep).post(
        reverse("proposals:submit", args=["276"]),
        {
            "text": "Lukupiiri kirjastoon <b>heti</b>",
            "proposer_type": "association",
            "together": "own",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Valitse ehdotuksen tekevä yhdistys." in page
    assert "Lukupiiri kirjastoon &lt;b&gt;heti&lt;/b&gt;" in page
    response = _client(world.rep).post(
        reverse("proposals:submit", args=["276"]),
        {
            "text": "Lukupiiri kirjastoon",
            "proposer_type": "association",
            "association": world.association.pk,
            "together": "together",
        },
    )
    assert response.status_code == 302
    assert Proposal.objects.get(text="Lukupiiri kirjastoon").together


def test_submission_form_preselects_a_representatives_only_association(world: World) -> None:
    page = _client(world.rep).get(reverse("proposals:submit", args=["276"])).content.decode()
    assert f'<option value="{world.association.pk}" selected>' in page
    second = AssociationFactory.create(home_municipality=world.municipality)
    role_assign(user=world.rep, role=Role.REPRESENTATIVE, association=second)
    page = _client(world.rep).get(reverse("proposals:submit", args=["276"])).content.decode()
    assert f'<option value="{world.association.pk}" selected>' not in page
    assert f'<option value="{second.pk}">' in page


def _pool(world: World, count: int) -> None:
    for item in generate(random.Random(count), count):
        proposal_create(
            actor=None,
            municipality=world.municipality,
            text=item.text,
            proposer_type=ProposerType.RESIDENT,
        )
    proposals_regroup(municipality=world.municipality)


@pytest.mark.parametrize("count", [30, 150])
def test_working_group_page_runs_constant_queries(
    world: World, count: int, django_assert_max_num_queries: Any
) -> None:
    _pool(world, count)
    criteria = criteria_ensure(municipality=world.municipality)
    for group in ProposalGroup.objects.all()[:5]:
        scores_save(actor=world.liaison, values={c.pk: 4 for c in criteria}, group=group)
    client = _client(world.liaison)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("proposals:board", args=["276"]))
    assert response.status_code == 200


def _adopted(world: World, goal: Any, count: int) -> None:
    for index in range(count):
        proposal = proposal_create(
            actor=None,
            municipality=world.municipality,
            text=f"Ehdotus {index}",
            proposer_type=ProposerType.ASSOCIATION,
            association=world.association,
        )
        measure_goal = goal if index % 2 else GoalFactory.create(theme=goal.theme)
        decision_record(
            actor=None,
            decision="adopted",
            reason="Hyvä.",
            goal=measure_goal,
            proposal=proposal,
            measure_title=f"Toimenpide {index}",
        )


def test_my_pages_and_outcomes_run_constant_queries(world: World) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    goal = GoalFactory.create(theme__plan__municipality=world.municipality)
    rep, anonymous = _client(world.rep), Client()
    pages = [
        (rep, "/fi/me/"),
        (anonymous, reverse("proposals:outcomes", args=["276"])),
        (rep, reverse("proposals:mine")),
    ]
    counts: list[list[int]] = []
    for size in (3, 30):
        _adopted(world, goal, size)
        row = []
        for client, url in pages:
            client.get(url)  # warm the session
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            row.append(len(queries))
        counts.append(row)
    assert counts[0] == counts[1]


def test_proposal_merged_into_another_proposal(world: World) -> None:
    first = proposal_create(
        actor=None,
        municipality=world.municipality,
        text="Kävelyryhmä",
        proposer_type=ProposerType.RESIDENT,
    )
    second = proposal_create(
        actor=None,
        municipality=world.municipality,
        text="Kävelyryhmiä",
        proposer_type=ProposerType.RESIDENT,
    )
    client = _client(world.liaison)
    url = reverse("proposals:proposal_decide", args=[second.pk])
    client.post(url, {"decision": "merged", "reason": "Sama asia.", "merged_into_proposal": 999999})
    second.refresh_from_db()
    assert second.decision == ""
    client.post(
        url, {"decision": "merged", "reason": "Sama asia.", "merged_into_proposal": first.pk}
    )
    second.refresh_from_db()
    assert second.decision == Decision.MERGED and second.merged_into == first


def test_deciding_a_group_proposes_its_most_central_proposal_as_the_measure_name(
    world: World,
) -> None:
    texts = [
        "Kävelyryhmiä ikäihmisille.",
        "Kävelyryhmiä kylille.",
        "Kävelyryhmiä ikäihmisille kylille, myös talvella.",
        "Ikäihmisille kylille.",
    ]
    proposals = [
        proposal_create(
            actor=None,
            municipality=world.municipality,
            text=text,
            proposer_type=ProposerType.RESIDENT,
            proposer_name="Asukas",
        )
        for text in texts
    ]
    group = ProposalGroup.objects.create(municipality=world.municipality, label="Kävely, ryhmä")
    Proposal.objects.filter(pk__in=[p.pk for p in proposals]).update(group=group)
    assert proposed_measure_title(group) == "Kävelyryhmiä ikäihmisille kylille, myös talvella"
    page = _client(_member(world, "hyte7@example.org")).get(group.get_absolute_url())
    html = page.content.decode()
    assert 'name="measure_title" value="Kävelyryhmiä ikäihmisille kylille, myös talvella"' in html


def test_adopting_without_a_measure_name_is_refused_and_keeps_the_form(world: World) -> None:
    group, _proposal = _group_with_proposal(world)
    goal = GoalFactory.create(theme__plan__municipality=world.municipality)
    with pytest.raises(ValidationError) as error:
        decision_record(
            actor=world.liaison,
            decision="adopted",
            reason="Hyvä.",
            goal=goal,
            group=group,
            responsible_unit="Liikuntapalvelut",
            measure_title="  ",
        )
    assert list(error.value.message_dict) == ["measure_title"]
    response = _client(_member(world, "hyte8@example.org")).post(
        reverse("proposals:group_decide", args=[group.pk]),
        {
            "decision": "adopted",
            "reason": "Vaikuttava.",
            "goal": goal.pk,
            "measure_title": "",
            "responsible_unit": "Liikuntapalvelut",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Anna uudelle toimenpiteelle nimi." in html and "Vaikuttava." in html
    assert not Measure.objects.exists()


@pytest.mark.parametrize(
    ("decided", "undecided", "sentence"),
    [
        (2, 0, "päätti jokaisesta"),
        (1, 2, "on päättänyt 1 ehdotuksesta; 2 odottaa yhä päätöstä"),
        (0, 2, "ei ole vielä päättänyt niistä"),
    ],
)
def test_the_outcome_page_says_what_the_counts_say(
    world: World, decided: int, undecided: int, sentence: str
) -> None:
    for index in range(decided + undecided):
        proposal = proposal_create(
            actor=None,
            municipality=world.municipality,
            text=f"Ehdotus {index}",
            proposer_type=ProposerType.RESIDENT,
            proposer_name="Asukas",
        )
        if index < decided:
            decision_record(actor=None, decision="rejected", reason="Ei.", proposal=proposal)
    html = Client().get(reverse("proposals:outcomes", args=["276"])).content.decode()
    assert sentence in html
    for other in ("päätti jokaisesta", "odottaa yhä", "ei ole vielä päättänyt"):
        assert (other in html) == (other in sentence)
