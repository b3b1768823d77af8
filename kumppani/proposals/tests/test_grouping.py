"""Grouping quality on a labelled set, labels in base forms, and manual edits surviving re-runs."""

from __future__ import annotations

import random
from typing import Any

import pytest
from django.urls import reverse

from kumppani.accounts.testing import World
from kumppani.proposals.analysis import lemma_document
from kumppani.proposals.grouping import cluster_documents, pairwise_precision_recall
from kumppani.proposals.grouping_services import (
    group_rename,
    group_split,
    groups_merge,
    proposal_move,
    proposals_regroup,
)
from kumppani.proposals.models import Proposal, ProposalGroup, ProposerType
from kumppani.proposals.services import proposal_create
from kumppani.proposals.textgen import generate

LABELLED = [
    ("walk", "Järjestämme viikoittaisia kävelyryhmiä ikäihmisille."),
    ("walk", "Kävelyryhmän perustaminen eläkeläisille kylätalolta."),
    ("walk", "Ikäihmisten kävelyryhmä kokoontuisi kerran viikossa."),
    ("walk", "Ohjattuja kävelyryhmiä ja kävelylenkkejä ikääntyneille."),
    ("digi", "Digituki ikäihmisille kirjastossa."),
    ("digi", "Tarjoamme digitukea ja tietokoneneuvontaa eläkeläisille."),
    ("digi", "Älypuhelimen käytön opastusta ikäihmisille digitukena."),
    ("digi", "Digituen päivystys kirjastossa kerran viikossa."),
    ("youth", "Nuorisotilan aukiolo myös perjantai-iltaisin."),
    ("youth", "Nuorisotiloja auki iltaisin ja viikonloppuisin."),
    ("youth", "Nuorisotilojen aukioloaikojen pidentäminen viikonloppuihin."),
    ("memory", "Muistikahvila muistisairaille ja heidän läheisilleen."),
    ("memory", "Muistikahvilan järjestäminen muistisairaiden omaisille."),
    ("memory", "Muistisairaiden ja omaisten muistikahvilat seurakuntatalolla."),
]


def test_grouping_on_a_small_labelled_set_joins_inflected_forms() -> None:
    truth = [label for label, _ in LABELLED]
    clustering = cluster_documents([lemma_document(text) for _, text in LABELLED])
    precision, recall = pairwise_precision_recall(truth, clustering.labels.tolist())
    assert precision >= 0.9
    assert recall >= 0.6
    # The walking-group proposals share one group whatever their inflection.
    assert len({clustering.labels[i] for i in range(4)}) == 1


def test_grouping_quality_on_generated_proposals() -> None:
    items = generate(random.Random(7), 400)
    clustering = cluster_documents([lemma_document(item.text) for item in items])
    precision, recall = pairwise_precision_recall(
        [item.idea for item in items], clustering.labels.tolist()
    )
    assert precision >= 0.8 and recall >= 0.7, (precision, recall)


def test_group_label_uses_base_forms() -> None:
    clustering = cluster_documents([lemma_document(text) for _, text in LABELLED[:4]])
    assert "kävelyryhmä" in clustering.keywords[0]


def _pool(world: World) -> list[Proposal]:
    return [
        proposal_create(
            actor=None,
            municipality=world.municipality,
            text=text,
            proposer_type=ProposerType.RESIDENT,
        )
        for _, text in LABELLED
    ]


@pytest.mark.django_db
def test_regroup_gives_every_proposal_a_group(world: World) -> None:
    proposals = _pool(world)
    result = proposals_regroup(municipality=world.municipality)
    assert result.proposals == len(proposals)
    assert not Proposal.objects.filter(municipality=world.municipality, group=None).exists()
    walk = {p.group_id for p in Proposal.objects.filter(pk__in=[p.pk for p in proposals[:4]])}
    assert len(walk) == 1


@pytest.mark.django_db
def test_manual_edits_survive_a_rerun(world: World) -> None:
    proposals = _pool(world)
    proposals_regroup(municipality=world.municipality)
    by_pk = {p.pk: p for p in Proposal.objects.filter(municipality=world.municipality)}
    walk_group = by_pk[proposals[0].pk].group
    digi_group = by_pk[proposals[4].pk].group
    youth_group = by_pk[proposals[8].pk].group
    memory_group = by_pk[proposals[11].pk].group
    assert walk_group and digi_group and youth_group and memory_group
    # Move a digital-support proposal into the walking group.
    proposal_move(proposal=by_pk[proposals[5].pk], group=walk_group)
    # Merge the memory café group into the youth group (odd, but the group decides).
    groups_merge(target=youth_group, sources=[memory_group])
    # Split a proposal off the digital group and rename the walking group.
    new_group = group_split(group=digi_group, proposals=[by_pk[proposals[7].pk]], label="Päivystys")
    group_rename(group=walk_group, label="Liikunta ikäihmisille")

    proposals_regroup(municipality=world.municipality)

    after = {p.pk: p.group_id for p in Proposal.objects.filter(municipality=world.municipality)}
    assert after[proposals[5].pk] == walk_group.pk
    assert after[proposals[0].pk] == walk_group.pk
    assert {after[p.pk] for p in proposals[8:]} == {youth_group.pk}
    assert after[proposals[7].pk] == new_group.pk
    walk_group.refresh_from_db()
    assert walk_group.label == "Liikunta ikäihmisille"
    assert not ProposalGroup.objects.filter(pk=memory_group.pk).exists()


@pytest.mark.django_db
def test_new_proposals_are_grouped_on_rerun_without_touching_locked_groups(world: World) -> None:
    proposals = _pool(world)
    proposals_regroup(municipality=world.municipality)
    walk_group = Proposal.objects.get(pk=proposals[0].pk).group
    assert walk_group is not None
    group_rename(group=walk_group, label="Kävely")
    late = proposal_create(
        actor=None,
        municipality=world.municipality,
        text="Kävelyryhmiä ikäihmisille myös kesällä.",
        proposer_type=ProposerType.RESIDENT,
    )
    proposals_regroup(municipality=world.municipality)
    late.refresh_from_db()
    assert late.group_id is not None
    assert Proposal.objects.filter(group=walk_group).count() == 4


@pytest.mark.django_db
def test_large_pool_is_regrouped_in_the_background_from_the_page(
    world: World,
    client_for: Any,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from kumppani.proposals.models import GroupingJob
    from kumppani.proposals.views import board

    monkeypatch.setattr(board, "SYNC_LIMIT", 1)
    _pool(world)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("liaison").post(reverse("proposals:regroup", args=["276"]))
        assert GroupingJob.objects.get().status == "queued"  # the task waits for the commit
    assert response.status_code == 302
    assert GroupingJob.objects.get().status == "done"
    assert not Proposal.objects.filter(municipality=world.municipality, group=None).exists()


def test_a_measure_name_is_the_first_sentence_cut_at_a_word() -> None:
    from kumppani.proposals.grouping import shorten

    assert shorten("Kävelyryhmiä kylille. Vetäjille koulutusta.") == "Kävelyryhmiä kylille"
    long = "Nuorille kesätyöseteli, jonka voi käyttää yhdistyksissä ja yrityksissä koko kesän"
    assert shorten(long, 60) == "Nuorille kesätyöseteli, jonka voi käyttää yhdistyksissä ja…"
