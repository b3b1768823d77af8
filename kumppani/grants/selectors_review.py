"""Reads for reviewers and decision makers: the ranking of a programme and a reviewer's list.

The ranking is computed in Python over a constant number of queries (criteria, applications with
their decisions, scores of the reviews that count), however many applications there are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Exists, OuterRef, QuerySet, Sum

from kumppani.accounts.models import User
from kumppani.grants.models import (
    Application,
    Criterion,
    CriterionKind,
    Decision,
    Programme,
    Recusal,
    Review,
    Score,
)
from kumppani.grants.services.reviews import REVIEWABLE

HUNDRED = Decimal(100)
ONE_DECIMAL = Decimal("0.1")
CENT = Decimal("0.01")


def _round(value: Decimal) -> Decimal:
    return value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


@dataclass
class RankingRow:
    application: Application
    weighted: Decimal | None  # mean of the reviewers' weighted totals, 0–100
    bonus: Decimal | None  # mean of the reviewers' bonus points
    spread: Decimal | None  # max − min of the reviewers' weighted totals
    reviews: int
    amount_applied: Decimal | None
    decided: Decimal | None  # the amount decided, None before a decision
    per_review: dict[int, Decimal] = field(default_factory=dict)  # by review id

    @property
    def total(self) -> Decimal:
        return (self.weighted or Decimal(0)) + (self.bonus or Decimal(0))


def weighted_total(
    points: dict[int, int], weighted: list[Criterion], total_weight: Decimal
) -> Decimal:
    """One reviewer's weighted total normalised to 0–100: Σ points / max × weight over the
    weighted criteria, of the criteria's total weight."""
    if total_weight <= 0:
        return Decimal(0)
    score = sum(
        (
            Decimal(points.get(c.pk, 0)) / Decimal(c.max_points) * Decimal(c.weight)
            for c in weighted
        ),
        Decimal(0),
    )
    return score / total_weight * HUNDRED


def counted_scores(programme: Programme) -> QuerySet[Score]:
    """Scores of the programme's reviews that count: not of a reviewer recused from it."""
    recused = Recusal.objects.filter(
        application_id=OuterRef("review__application_id"), user_id=OuterRef("review__reviewer_id")
    )
    return Score.objects.filter(
        review__application__programme=programme,
        review__application__status__in=REVIEWABLE,
    ).exclude(Exists(recused))


def ranking(programme: Programme) -> list[RankingRow]:
    """Every submitted application of the programme, best first (weighted total + bonus)."""
    criteria = list(Criterion.objects.filter(programme=programme))
    weighted = [c for c in criteria if c.kind == CriterionKind.WEIGHTED]
    bonus_ids = {c.pk for c in criteria if c.kind == CriterionKind.BONUS}
    total_weight = sum((Decimal(c.weight) for c in weighted), Decimal(0))
    applications = list(
        Application.objects.filter(programme=programme, status__in=REVIEWABLE)
        .select_related("association", "decision")
        .only(
            "pk",
            "programme_id",
            "association_id",
            "status",
            "amount_eur",
            "association__name_fi",
            "association__name_sv",
            "decision__id",
            "decision__application_id",
            "decision__amount_eur",
        )
        .order_by("pk")
    )
    # By review (one per reviewer; an erased reviewer's review stays, without the reviewer).
    by_review: dict[tuple[int, int], dict[int, int]] = {}
    score_rows = counted_scores(programme).values_list(
        "review__application_id", "review_id", "criterion_id", "points"
    )
    for application_id, review_id, criterion_id, value in score_rows:
        by_review.setdefault((application_id, review_id), {})[criterion_id] = value
    per_application: dict[int, dict[int, tuple[Decimal, Decimal]]] = {}
    for (application_id, review_id), points in by_review.items():
        total = weighted_total(points, weighted, total_weight)
        bonus = Decimal(sum(p for cid, p in points.items() if cid in bonus_ids))
        per_application.setdefault(application_id, {})[review_id] = (total, bonus)
    rows: list[RankingRow] = []
    for application in applications:
        reviewers = per_application.get(application.pk, {})
        decision: Decision | None = getattr(application, "decision", None)
        row = RankingRow(
            application=application,
            weighted=None,
            bonus=None,
            spread=None,
            reviews=len(reviewers),
            amount_applied=application.amount_eur,
            decided=decision.amount_eur if decision is not None else None,
        )
        if reviewers:
            totals = [t for t, _b in reviewers.values()]
            bonuses = [b for _t, b in reviewers.values()]
            row.weighted = _round(sum(totals, Decimal(0)) / len(totals))
            row.bonus = _round(sum(bonuses, Decimal(0)) / len(bonuses)) if bonus_ids else None
            row.spread = _round(max(totals) - min(totals))
            row.per_review = {rid: _round(t) for rid, (t, _b) in reviewers.items()}
        rows.append(row)
    rows.sort(key=lambda r: (r.reviews == 0, -r.total, r.application.pk))
    return rows


@dataclass
class Budget:
    budget: Decimal
    decided: Decimal

    @property
    def left(self) -> Decimal:
        return self.budget - self.decided


def budget_of(programme: Programme) -> Budget:
    decided = Decision.objects.filter(application__programme=programme).aggregate(
        total=Sum("amount_eur")
    )["total"] or Decimal(0)
    return Budget(budget=programme.budget_eur, decided=Decimal(decided).quantize(CENT))


@dataclass
class ReviewListRow:
    application: Application
    recused: bool
    reviewed: bool


def review_list(programme: Programme, user: User) -> list[ReviewListRow]:
    """The submitted applications of the programme with the reviewer's own status (3 queries)."""
    applications = list(
        Application.objects.filter(programme=programme, status__in=REVIEWABLE)
        .select_related("association")
        .order_by("association__name_fi", "pk")
    )
    recused = set(
        Recusal.objects.filter(application__programme=programme, user=user).values_list(
            "application_id", flat=True
        )
    )
    reviewed = set(
        Review.objects.filter(application__programme=programme, reviewer=user).values_list(
            "application_id", flat=True
        )
    )
    return [
        ReviewListRow(
            application=a,
            recused=a.pk in recused,
            reviewed=a.pk in reviewed and a.pk not in recused,
        )
        for a in applications
    ]
