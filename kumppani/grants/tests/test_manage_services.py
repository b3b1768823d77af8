"""The rules of programme management and common periods, enforced in the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kumppani.accounts.models import AuditEvent
from kumppani.accounts.testing import World
from kumppani.grants.models import ApplicationPeriod, Programme
from kumppani.grants.services import periods, programmes
from kumppani.grants.tests.factories import (
    AnswerFactory,
    ApplicationPeriodFactory,
    CriterionFactory,
    ProgrammeFactory,
    QuestionFactory,
    ScoreFactory,
)
from kumppani.welfare.tests.factories import PlanFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_period_move_moves_attached_programmes(world: World) -> None:
    period = ApplicationPeriodFactory.create()
    attached = ProgrammeFactory.create_batch(3, period=period)
    own = ProgrammeFactory.create()
    start = timezone.now() + dt.timedelta(days=60)
    periods.period_update(
        period=period,
        actor=world.liaison,
        opens_at=start,
        closes_at=start + dt.timedelta(days=30),
    )
    for programme in attached:
        programme.refresh_from_db()
        assert programme.opens_at == start
        assert programme.closes_at == start + dt.timedelta(days=30)
    assert Programme.objects.get(pk=own.pk).opens_at == own.opens_at
    event = AuditEvent.objects.get(action="grants.period.update")
    assert set(event.changes) == {"opens_at", "closes_at"}


def test_a_bad_move_changes_nothing(world: World) -> None:
    period = ApplicationPeriodFactory.create()
    programme = ProgrammeFactory.create(period=period)
    before = (programme.closes_at, period.closes_at)
    with pytest.raises(ValidationError) as error:
        periods.period_update(period=period, actor=world.liaison, closes_at=period.opens_at)
    assert "closes_at" in error.value.message_dict
    programme.refresh_from_db()
    assert (programme.closes_at, ApplicationPeriod.objects.get(pk=period.pk).closes_at) == before


def test_period_delete_detaches_its_programmes(world: World) -> None:
    period = ApplicationPeriodFactory.create()
    programme = ProgrammeFactory.create(period=period)
    assert periods.period_delete(period=period, actor=world.liaison) == 1
    programme.refresh_from_db()
    assert programme.period is None
    assert not ApplicationPeriod.objects.exists()


def test_programme_takes_the_period_times_and_period_of_its_municipality(world: World) -> None:
    period = ApplicationPeriodFactory.create()
    fields = {"branch": "sports", "kind": "event", "title_fi": "Liikunta"}
    programme = programmes.programme_create(
        municipality=world.municipality,
        actor=world.liaison,
        budget_eur=Decimal("100"),
        period=period,
        opens_at=None,
        closes_at=None,
        **fields,  # type: ignore[arg-type]
    )
    assert (programme.opens_at, programme.closes_at) == (period.opens_at, period.closes_at)
    with pytest.raises(ValidationError) as error:
        programmes.programme_create(
            municipality=world.other_municipality,
            actor=world.admin,
            budget_eur=Decimal("100"),
            period=period,
            **fields,  # type: ignore[arg-type]
        )
    assert "period" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        programmes.programme_create(
            municipality=world.municipality,
            actor=world.admin,
            budget_eur=Decimal("100"),
            **fields,  # type: ignore[arg-type]
        )
    assert "opens_at" in error.value.message_dict


def test_bonus_criterion_needs_a_theme_of_the_same_municipality(world: World) -> None:
    programme = ProgrammeFactory.create()
    own = ThemeFactory.create(plan=PlanFactory.create(municipality=world.municipality))
    foreign = ThemeFactory.create(plan=PlanFactory.create(municipality=world.other_municipality))
    bonus = programmes.criterion_create(
        programme=programme, actor=None, kind="bonus", name_fi="Porkkana", welfare_theme=own
    )
    assert bonus.welfare_theme == own
    with pytest.raises(ValidationError) as error:
        programmes.criterion_create(
            programme=programme, actor=None, kind="bonus", name_fi="X", welfare_theme=foreign
        )
    assert "welfare_theme" in error.value.message_dict
    with pytest.raises(ValidationError):
        programmes.criterion_create(programme=programme, actor=None, kind="bonus", name_fi="X")
    with pytest.raises(ValidationError):
        programmes.criterion_create(
            programme=programme, actor=None, kind="weighted", name_fi="X", welfare_theme=own
        )


def test_scored_criterion_keeps_its_scale(world: World) -> None:
    score = ScoreFactory.create()
    criterion = score.criterion
    programmes.criterion_update(criterion=criterion, actor=None, name_fi="Uusi nimi")
    with pytest.raises(ValidationError):
        programmes.criterion_update(criterion=criterion, actor=None, max_points=10)
    with pytest.raises(ValidationError):
        programmes.criterion_delete(criterion=criterion, actor=None)
    unscored = CriterionFactory.create()
    programmes.criterion_delete(criterion=unscored, actor=None)


def test_question_rules(world: World) -> None:
    programme = ProgrammeFactory.create()
    with pytest.raises(ValidationError):
        programmes.question_create(programme=programme, actor=None, kind="proposals", text_fi="X")
    with pytest.raises(ValidationError):
        programmes.question_create(
            programme=programme, actor=None, kind="multiple", text_fi="X", choices=[{"fi": "A"}]
        )
    with pytest.raises(ValidationError):
        programmes.question_create(
            programme=programme, actor=None, kind="scale", text_fi="X", scale_min=5, scale_max=1
        )
    text = programmes.question_create(
        programme=programme, actor=None, kind="short_text", text_fi="Nimi", choices=[{"fi": "A"}]
    )
    assert text.choices == []
    answered = AnswerFactory.create(question=QuestionFactory.create(programme=programme)).question
    with pytest.raises(ValidationError):
        programmes.question_update(question=answered, actor=None, kind="number")
    with pytest.raises(ValidationError):
        programmes.question_delete(question=answered, actor=None)


def test_reviewer_by_email(world: World) -> None:
    programme = ProgrammeFactory.create()
    reviewer = programmes.programme_reviewer_add(
        programme=programme, email=" REP@example.org ", actor=world.liaison
    )
    assert reviewer.user == world.rep
    with pytest.raises(ValidationError) as error:
        programmes.programme_reviewer_add(
            programme=programme, email="rep@example.org", actor=world.liaison
        )
    assert error.value.messages == ["Henkilö on jo tämän avustuslajin arvioija."]
    with pytest.raises(ValidationError) as error:
        programmes.programme_reviewer_add(
            programme=programme, email="ghost@example.org", actor=world.liaison
        )
    assert "Osoitteella ghost@example.org ei ole käyttäjätiliä." in error.value.messages[0]
