"""The working group's journey: the goal list by theme, scales, the board's search and filters."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kumppani.accounts.testing import World
from kumppani.proposals.decisions import decision_record
from kumppani.proposals.grouping_services import match_by_overlap, proposals_regroup
from kumppani.proposals.models import Criterion, Proposal, ProposalGroup
from kumppani.proposals.services import criterion_save, proposal_create
from kumppani.proposals.tests.factories import ProposalFactory
from kumppani.proposals.tests.test_grouping import LABELLED
from kumppani.welfare.models import Measure
from kumppani.welfare.tests.factories import GoalFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_goal_must_belong_to_the_chosen_theme(world: World) -> None:
    theme = ThemeFactory.create(plan__municipality=world.municipality, name_fi="Liikunta")
    other = GoalFactory.create(
        theme__plan=theme.plan, theme__name_fi="Turvallisuus", title_fi="Turvallinen koulutie"
    )
    own = GoalFactory.create(theme=theme, title_fi="Arkiliikunta lisääntyy")
    proposal = ProposalFactory.create(theme=theme)
    client = _client(world.liaison)
    page = client.get(reverse("proposals:proposal", args=[proposal.pk])).content.decode()
    # The theme is preselected and each goal says its theme, for the script to filter.
    assert f'<option value="{theme.pk}" selected>' in page
    assert f'data-theme="{own.theme_id}"' in page and f'data-theme="{other.theme_id}"' in page
    url = reverse("proposals:proposal_decide", args=[proposal.pk])
    data = {
        "decision": "adopted",
        "reason": "Hyvä ehdotus.",
        "theme": theme.pk,
        "goal": other.pk,
        "responsible_unit": "Liikuntapalvelut",
        "measure_title": "Koulumatkaliikunta",
    }
    response = client.post(url, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tavoite ”Turvallinen koulutie” ei ole teeman ”Liikunta” tavoite." in body, (
        "a clear message on the goal"
    )
    assert not Measure.objects.exists()
    response = client.post(url, {**data, "goal": own.pk})
    assert response.status_code == 302
    assert Measure.objects.get().goal == own
    assert Proposal.objects.get().decision == "adopted"


def test_scoring_scales_say_which_end_is_good(world: World) -> None:
    proposal = ProposalFactory.create()
    with translation.override("en"):
        page = _client(world.liaison).get(f"/en/proposals/{proposal.pk}/").content.decode()
        assert "1 = expensive, 5 = cheap: 5 is the best score." in page
        assert "5 (cheap)" in page and "1 (expensive)" in page
    cost = Criterion.objects.get(municipality=world.municipality, name_en="Cost")
    with translation.override("fi"):
        assert cost.scale == "1 = kallis, 5 = edullinen"
    custom = criterion_save(municipality=world.municipality, name_fi="Ilo")
    with translation.override("en"):
        assert custom.scale == "1 = weak, 5 = strong"  # the general scale when none is given


def _pool(world: World) -> None:
    for _idea, text in LABELLED:
        proposal_create(
            municipality=world.municipality, text=text, proposer_type="resident", actor=None
        )


def test_regrouping_keeps_the_ids_of_groups_that_continue(world: World) -> None:
    _pool(world)
    proposals_regroup(municipality=world.municipality)
    before = {p.text: p.group_id for p in Proposal.objects.all()}
    walking = before["Järjestämme viikoittaisia kävelyryhmiä ikäihmisille."]
    url = reverse("proposals:group", args=[walking])
    Proposal.objects.filter(text__startswith="Ohjattuja").update(group=None)  # as if new
    result = proposals_regroup(municipality=world.municipality)
    after = {p.text: p.group_id for p in Proposal.objects.all()}
    assert set(after.values()) == set(before.values())  # the same ids, no new group
    assert after["Ohjattuja kävelyryhmiä ja kävelylenkkejä ikääntyneille."] == walking
    assert result.continued == len(set(before.values()))
    assert _client(world.liaison).get(url).status_code == 200  # the old link works


def test_match_by_overlap_is_one_to_one_by_largest_overlap() -> None:
    clusters = {0: [1, 2, 3], 1: [4, 5], 2: [6]}
    previous = {1: 10, 2: 10, 4: 10, 5: 11, 6: 12, 3: 12}
    # Old group 10 continues as cluster 0 (two shared), 11 as cluster 1, 12 as cluster 2.
    assert match_by_overlap(clusters, previous) == {0: 10, 1: 11, 2: 12}
    assert match_by_overlap({0: [1, 2]}, {1: 10, 2: 11}) == {0: 10}


def test_board_searches_filters_sorts_and_lists_the_ungrouped(
    world: World, django_assert_max_num_queries: Any
) -> None:
    _pool(world)
    proposals_regroup(municipality=world.municipality)
    digital = Proposal.objects.get(text__contains="tietokoneneuvontaa").group
    assert digital is not None
    walking = Proposal.objects.get(text__startswith="Järjestämme").group
    assert walking is not None and walking != digital
    decision_record(actor=None, decision="rejected", reason="Ei resursseja.", group=digital)
    late = proposal_create(
        municipality=world.municipality,
        text="Uimahallin vuorot eläkeläisille.",
        proposer_type="resident",
        actor=None,
    )
    client = _client(world.liaison)
    url = reverse("proposals:board", args=[world.municipality.code])

    def shown(**params: str) -> list[int]:
        with django_assert_max_num_queries(16):
            response = client.get(url, params)
        return [g.pk for g in response.context["page"].object_list]

    assert shown(q="tietokoneneuvontaa") == [digital.pk]  # a member's text
    assert digital.pk not in shown(decision="open") and walking.pk in shown(decision="open")
    assert shown(decision="rejected") == [digital.pk]
    labels = list(ProposalGroup.objects.order_by("label", "id").values_list("pk", flat=True))
    assert shown(sort="label") == labels
    by_size = shown(sort="size")
    sizes = [ProposalGroup.objects.get(pk=pk).proposals.count() for pk in by_size]
    assert sizes == sorted(sizes, reverse=True) and set(by_size) == set(labels)
    body = client.get(url, {"q": "olematon"}).content.decode()
    assert "Yksikään ryhmä ei vastaa hakua" in body
    body = client.get(url).content.decode()
    assert reverse("proposals:proposal", args=[late.pk]) in body  # the ungrouped one is linked
