"""Reads for action proposals: pools, groups, score spreads, outcomes."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _

from kumppani.accounts.access import AnyUser, roles_of
from kumppani.proposals.models import (
    Criterion,
    Decision,
    Proposal,
    ProposalGroup,
    ProposerType,
    Score,
    Source,
)

if TYPE_CHECKING:
    from kumppani.geography.models import Municipality
    from kumppani.welfare.models import Measure


def proposals_for_measure(measure: Measure, *, public: bool = True) -> QuerySet[Proposal]:
    """The proposals a measure came from (directly or through their group); ``public``: only
    the public part of the pool."""
    qs = public_proposals() if public else Proposal.objects.all()
    return qs.filter(measure=measure).select_related("association", "theme").order_by("id")


def proposal_pool(
    *,
    municipality: Municipality | None = None,
    theme_id: int | None = None,
    survey_id: int | None = None,
) -> QuerySet[Proposal]:
    qs = Proposal.objects.select_related("municipality", "association", "survey").order_by("id")
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    if theme_id is not None:
        qs = qs.filter(theme_id=theme_id)
    if survey_id is not None:
        qs = qs.filter(survey_id=survey_id)
    return qs


# What of the proposal pool is public (the API's lists, the outcome and municipality pages, a
# measure's origins), one rule for all of them: every proposal except those from a survey whose
# results are not published (yet); never a resident's name; nothing about who answered an
# anonymous survey (such proposals are stored without it, see ``proposal_create``). The proposal's
# own page stays limited to its proposer and the assessors (``access.can_see_proposal``).
PUBLIC = ~Q(source=Source.SURVEY) | Q(survey__results_published=True)


def public_proposals() -> QuerySet[Proposal]:
    return Proposal.objects.filter(PUBLIC)


def public_proposal_pool(
    *,
    municipality: Municipality | None = None,
    theme_id: int | None = None,
    survey_id: int | None = None,
) -> QuerySet[Proposal]:
    """The public part of ``proposal_pool``."""
    return proposal_pool(municipality=municipality, theme_id=theme_id, survey_id=survey_id).filter(
        PUBLIC
    )


def public_proposer_name(proposal: Proposal) -> str:
    """Associations, teams and stakeholders are named; residents and anonymous answers are not."""
    if proposal.proposer_type == ProposerType.RESIDENT:
        return ""
    if proposal.survey is not None and proposal.survey.anonymous:
        return ""
    return proposal.proposer_name


BOARD_MEMBERS_SHOWN = 5  # per group on the list; the group's page shows all


BOARD_SORTS = ("theme", "size", "label", "scorers")
OPEN = "open"  # the decision filter's value for groups without a decision


def board_groups(
    *,
    municipality: Municipality,
    theme_id: int | None = None,
    query: str = "",
    decision: str = "",
    sort: str = "theme",
) -> QuerySet[ProposalGroup]:
    """The working group's list: groups with their first members (two queries per page).

    ``query`` matches the label, the key words or a member's text; ``decision`` is a
    :class:`Decision` value or ``"open"``; ``sort`` one of :data:`BOARD_SORTS`.
    """
    members = (
        Proposal.objects.select_related("association")
        .only(
            "id", "group_id", "text", "proposer_type", "proposer_name", "together",
            "association__id", "association__name_fi", "association__name_sv",
        )
        .order_by("id")
    )  # fmt: skip
    scorers = (
        Score.objects.filter(group=OuterRef("pk"))
        .values("group")
        .annotate(n=Count("scorer", distinct=True))
        .values("n")
    )
    qs = (
        ProposalGroup.objects.filter(municipality=municipality)
        .select_related("theme", "measure")
        .annotate(
            member_count=Count("proposals"),
            scorer_count=Coalesce(Subquery(scorers), 0),
        )
        .prefetch_related(
            Prefetch("proposals", queryset=members[:BOARD_MEMBERS_SHOWN], to_attr="members")
        )
    )
    if theme_id is not None:
        qs = qs.filter(theme_id=theme_id)
    query = query.strip()
    if query:
        matching = Proposal.objects.filter(group=OuterRef("pk"), text__icontains=query)
        qs = qs.filter(Q(label__icontains=query) | Q(keywords__icontains=query) | Exists(matching))
    if decision == OPEN:
        qs = qs.filter(decision="")
    elif decision in Decision.values:
        qs = qs.filter(decision=decision)
    orderings = {
        "theme": ("theme__order", "theme_id", "-member_count", "id"),
        "size": ("-member_count", "id"),
        "label": ("label", "id"),
        "scorers": ("scorer_count", "-member_count", "id"),
    }
    return qs.order_by(*orderings.get(sort, orderings["theme"]))


UNGROUPED_SHOWN = 50


def ungrouped_proposals(*, municipality: Municipality) -> list[Proposal]:
    """The first proposals not yet in any group (they join one on the next grouping run)."""
    return list(
        Proposal.objects.filter(municipality=municipality, group__isnull=True)
        .only("id", "text", "municipality_id")
        .order_by("id")[:UNGROUPED_SHOWN]
    )


def ungrouped_count(*, municipality: Municipality) -> int:
    return Proposal.objects.filter(municipality=municipality, group__isnull=True).count()


@dataclass
class Spread:
    scorers: int = 0
    minimum: float | None = None
    maximum: float | None = None
    mean: float | None = None
    stdev: float | None = None
    per_criterion: dict[int, dict[str, float | int | None]] = field(default_factory=dict)
    mine: dict[int, int] = field(default_factory=dict)

    @property
    def has_scored(self) -> bool:
        return bool(self.mine)


def _stats(values: list[float]) -> dict[str, float | int | None]:
    if not values:
        return {"n": 0, "min": None, "max": None, "mean": None, "stdev": None}
    return {
        "n": len(values),
        "min": min(values),
        "max": max(values),
        "mean": round(statistics.fmean(values), 2),
        "stdev": round(statistics.pstdev(values), 2),
    }


def criteria_of(municipality_id: int) -> list[Criterion]:
    return list(Criterion.objects.filter(municipality_id=municipality_id))


def spreads(
    *,
    criteria: list[Criterion],
    user: AnyUser,
    group_ids: Iterable[int] = (),
    proposal_ids: Iterable[int] = (),
) -> dict[tuple[str, int], Spread]:
    """Score spreads per target ("group"/"proposal", id): one query for any number of targets.

    Each scorer's weighted total (criteria weights) is one value of the spread; the per-criterion
    figures are given too. ``mine`` holds the user's own scores.
    """
    group_ids, proposal_ids = list(group_ids), list(proposal_ids)
    weights = {c.pk: c.weight for c in criteria}
    rows = Score.objects.filter(
        Q(group_id__in=group_ids) | Q(proposal_id__in=proposal_ids)
    ).values_list("group_id", "proposal_id", "scorer_id", "criterion_id", "value")
    by_target: dict[tuple[str, int], dict[int, dict[int, int]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    for group_id, proposal_id, scorer_id, criterion_id, value in rows:
        key = ("group", group_id) if group_id else ("proposal", proposal_id)
        by_target[key][scorer_id][criterion_id] = value
    out: dict[tuple[str, int], Spread] = {}
    for key, by_scorer in by_target.items():
        totals: list[float] = []
        per_criterion: dict[int, list[float]] = defaultdict(list)
        for values in by_scorer.values():
            weight_sum = sum(weights.get(c, 1) for c in values)
            totals.append(sum(weights.get(c, 1) * v for c, v in values.items()) / weight_sum)
            for criterion_id, value in values.items():
                per_criterion[criterion_id].append(value)
        overall = _stats(totals)
        out[key] = Spread(
            scorers=len(totals),
            minimum=overall["min"],
            maximum=overall["max"],
            mean=overall["mean"],
            stdev=overall["stdev"],
            per_criterion={c: _stats(v) for c, v in per_criterion.items()},
            mine=dict(by_scorer.get(user.pk, {})) if user.is_authenticated else {},
        )
    return out


def spread_for(
    *,
    criteria: list[Criterion],
    user: AnyUser,
    group: ProposalGroup | None = None,
    proposal: Proposal | None = None,
) -> Spread:
    if group is not None:
        return spreads(criteria=criteria, user=user, group_ids=[group.pk]).get(
            ("group", group.pk), Spread()
        )
    assert proposal is not None
    return spreads(criteria=criteria, user=user, proposal_ids=[proposal.pk]).get(
        ("proposal", proposal.pk), Spread()
    )


def my_proposals(*, user: AnyUser) -> QuerySet[Proposal]:
    """Proposals the person made, or made for an association they represent."""
    if not user.is_authenticated:
        return Proposal.objects.none()
    associations = roles_of(user).associations
    return (
        Proposal.objects.filter(Q(created_by_id=user.pk) | Q(association_id__in=associations))
        .select_related("association", "municipality", "theme", "measure", "group")
        .order_by("-created_at", "-id")
    )


@dataclass(frozen=True)
class Outcome:
    total: int
    by_decision: list[tuple[str, str, int]]  # (value, label, count), undecided last
    adopted_measures: list[Measure]

    @property
    def undecided(self) -> int:
        return next((count for value, _label, count in self.by_decision if value == ""), 0)

    @property
    def decided(self) -> int:
        return self.total - self.undecided


def outcome_summary(*, municipality: Municipality) -> Outcome:
    """What became of the municipality's proposals (for residents): two queries."""
    from kumppani.welfare.models import Measure

    counts = dict(
        public_proposals()
        .filter(municipality=municipality)
        .values_list("decision")
        .annotate(n=Count("id"))
        .values_list("decision", "n")
    )
    rows = [(value, str(label), counts.get(value, 0)) for value, label in Decision.choices]
    rows.append(("", _("Not yet decided"), counts.get("", 0)))
    adopted = (
        public_proposals()
        .filter(municipality=municipality, decision=Decision.ADOPTED, measure__isnull=False)
        .values("measure_id")
    )
    measures = list(
        Measure.objects.filter(pk__in=adopted)
        .select_related("goal__theme")
        .order_by("goal__theme__order", "goal_id", "id")
    )
    return Outcome(total=sum(counts.values()), by_decision=rows, adopted_measures=measures)


def proposed_measure_title(target: Proposal | ProposalGroup) -> str:
    """A name for the measure a decision would create: the proposal's text, or the group's
    most central proposal, shortened (the working group edits it before deciding)."""
    from kumppani.proposals.analysis import lemma_document
    from kumppani.proposals.grouping import most_central, shorten

    if isinstance(target, Proposal):
        return shorten(target.text)
    texts = list(target.proposals.order_by("id").values_list("text", flat=True))
    if not texts:
        return ""
    return shorten(texts[most_central([lemma_document(t) for t in texts])])


def measure_url(measure: Measure | None) -> str | None:
    """The measure's page, or None while the welfare app has no page for it."""
    if measure is None:
        return None
    try:
        return measure.get_absolute_url()
    except NoReverseMatch:
        return None


def group_or_404(pk: int) -> ProposalGroup:
    return get_object_or_404(
        ProposalGroup.objects.select_related("municipality", "theme", "measure", "merged_into"),
        pk=pk,
    )
