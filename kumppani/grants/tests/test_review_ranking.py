"""The ranking: weighted totals, bonus separately, spread, and a constant number of queries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kumppani.accounts.testing import World
from kumppani.associations.tests.factories import AssociationFactory, UserFactory
from kumppani.grants.models import Criterion, Programme
from kumppani.grants.selectors_review import ranking
from kumppani.grants.tests.factories import (
    CriterionFactory,
    ProgrammeFactory,
    RecusalFactory,
    ReviewFactory,
    ScoreFactory,
)
from kumppani.grants.tests.matrix_review import submitted
from kumppani.welfare.tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def _programme(world: World) -> tuple[Programme, Criterion, Criterion, Criterion]:
    programme: Programme = ProgrammeFactory.create(municipality=world.municipality)
    impact = CriterionFactory.create(programme=programme, weight=Decimal(2), max_points=5)
    feasibility = CriterionFactory.create(programme=programme, weight=Decimal(1), max_points=5)
    theme = ThemeFactory.create(plan__municipality=world.municipality)
    bonus = CriterionFactory.create(
        programme=programme, kind="bonus", welfare_theme=theme, weight=Decimal(1), max_points=3
    )
    return programme, impact, feasibility, bonus


def _review(application, points: dict[Criterion, int], reviewer=None):
    review = ReviewFactory.create(
        application=application, reviewer=reviewer or UserFactory.create()
    )
    for criterion, value in points.items():
        ScoreFactory.create(review=review, criterion=criterion, points=value)
    return review


def test_weighted_totals_bonus_and_spread(world: World) -> None:
    programme, impact, feasibility, bonus = _programme(world)
    first = submitted(programme, association=world.association, amount_eur=Decimal("3000"))
    second = submitted(programme, association=world.other_association, amount_eur=Decimal("800"))
    # Reviewer A: full points → 100; reviewer B: (2/5·2 + 4/5·1) / 3 · 100 = 53.33…
    _review(first, {impact: 5, feasibility: 5, bonus: 3})
    _review(first, {impact: 2, feasibility: 4, bonus: 1})
    # One reviewer: (4/5·2 + 1/5·1) / 3 · 100 = 60, bonus 0.
    _review(second, {impact: 4, feasibility: 1, bonus: 0})
    draft = submitted(programme, association=AssociationFactory.create())
    draft.status = "draft"
    draft.save()

    rows = ranking(programme)
    assert [r.application for r in rows] == [first, second]
    top, other = rows
    assert top.weighted == Decimal("76.7")
    assert top.bonus == Decimal("2.0")
    assert top.spread == Decimal("46.7")
    assert top.reviews == 2
    assert top.amount_applied == Decimal("3000")
    assert top.decided is None
    assert other.weighted == Decimal("60.0")
    assert other.bonus == Decimal("0.0")
    assert other.spread == Decimal("0.0")
    assert other.reviews == 1


def test_bonus_decides_the_order_and_recused_reviews_do_not_count(world: World) -> None:
    programme, impact, feasibility, bonus = _programme(world)
    plain = submitted(programme, association=world.association)
    carrot = submitted(programme, association=world.other_association)
    _review(plain, {impact: 3, feasibility: 3, bonus: 0})  # 60
    _review(carrot, {impact: 3, feasibility: 3, bonus: 2})  # 60 + 2
    recused = UserFactory.create()
    _review(plain, {impact: 5, feasibility: 5, bonus: 3}, reviewer=recused)
    RecusalFactory.create(application=plain, user=recused)

    rows = ranking(programme)
    assert [r.application for r in rows] == [carrot, plain]
    assert rows[1].reviews == 1 and rows[1].weighted == Decimal("60.0")


def _many(world: World, count: int) -> Programme:
    programme, impact, feasibility, bonus = _programme(world)
    reviewers = [UserFactory.create() for _ in range(2)]
    for _ in range(count):
        application = submitted(programme, association=AssociationFactory.create())
        for reviewer in reviewers:
            _review(application, {impact: 3, feasibility: 4, bonus: 1}, reviewer=reviewer)
    return programme


@pytest.mark.parametrize("count", [30, 60])
def test_ranking_runs_a_constant_number_of_queries(
    world: World, count: int, django_assert_num_queries
) -> None:
    programme = _many(world, count)
    with django_assert_num_queries(3):
        rows = ranking(programme)
        assert len(rows) == count
        assert all(r.reviews == 2 for r in rows)
        assert all(str(r.application.association) for r in rows)


def test_ranking_page_runs_the_same_queries_at_30_and_60(world: World, client_for) -> None:
    client = client_for("liaison")
    counts = []
    for count in (30, 60):
        programme = _many(world, count)
        url = reverse("grants:ranking", args=[programme.pk])
        client.get(url)  # session and roles warm
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert response.content.decode().count('<th scope="row">') == count
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_ranking_page_shows_the_table(world: World, client_for) -> None:
    programme, impact, feasibility, bonus = _programme(world)
    programme.budget_eur = Decimal("12500")
    programme.save()
    application = submitted(programme, association=world.association, amount_eur=Decimal("1500"))
    _review(application, {impact: 5, feasibility: 5, bonus: 3})
    _review(application, {impact: 2, feasibility: 4, bonus: 1})

    html = (
        client_for("liaison").get(reverse("grants:ranking", args=[programme.pk])).content.decode()
    )
    assert "<caption>" in html
    assert "76,7" in html and "46,7" in html and "2,0" in html
    assert "1\xa0500,00\xa0€" in html
    assert "12\xa0500,00\xa0€" in html
    assert reverse("grants:decide", args=[application.pk]) in html
    assert client_for("rep").get(reverse("grants:ranking", args=[programme.pk])).status_code == 403


def test_reviews_of_erased_reviewers_still_count_each(world: World) -> None:
    programme, impact, feasibility, _bonus = _programme(world)
    application = submitted(programme, association=world.association)
    for points in (5, 0):
        review = ReviewFactory.create(application=application, reviewer=None)
        for criterion in (impact, feasibility):
            ScoreFactory.create(review=review, criterion=criterion, points=points)
    (row,) = ranking(programme)
    assert row.reviews == 2
    assert row.weighted == Decimal("50.0") and row.spread == Decimal("100.0")
