"""The builder's rules, enforced by the services whatever calls them (form, API, demo)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kumppani.accounts.testing import World
from kumppani.surveys.models import QuestionKind, Scope, Survey
from kumppani.surveys.services import question_create, survey_create, survey_update
from kumppani.surveys.tests.factories import SectionFactory, SurveyFactory

pytestmark = pytest.mark.django_db


def test_survey_must_close_after_it_opens(world: World) -> None:
    opens = timezone.now()
    with pytest.raises(ValidationError) as error:
        survey_create(
            actor=world.liaison,
            scope=Scope.MUNICIPALITY,
            municipality=world.municipality,
            title_fi="Kysely",
            opens_at=opens,
            closes_at=opens - dt.timedelta(hours=1),
        )
    assert error.value.message_dict == {
        "closes_at": ["Sulkeutumisajan on oltava avautumisajan jälkeen."]
    }
    assert not Survey.objects.exists()


def test_survey_update_keeps_the_closing_rule(world: World) -> None:
    survey = SurveyFactory.create(municipality=world.municipality)
    with pytest.raises(ValidationError) as error:
        survey_update(survey=survey, closes_at=survey.opens_at)
    assert list(error.value.message_dict) == ["closes_at"]


def test_survey_records_its_creator(world: World) -> None:
    opens = timezone.now()
    survey = survey_create(
        actor=world.liaison,
        scope=Scope.MUNICIPALITY,
        municipality=world.municipality,
        title_fi="Kysely",
        opens_at=opens,
        closes_at=opens + dt.timedelta(days=7),
    )
    assert survey.created_by == world.liaison


def test_choice_question_needs_two_options(world: World) -> None:
    section = SectionFactory.create(survey__municipality=world.municipality)
    with pytest.raises(ValidationError) as error:
        question_create(
            section=section,
            kind=QuestionKind.SINGLE,
            text_fi="Kumpi?",
            choices=[("Vain yksi", "", "")],
        )
    assert error.value.message_dict == {
        "choices_fi": ["Anna vähintään kaksi vaihtoehtoa, yksi riville."]
    }
    assert not section.questions.exists()


def test_unknown_field_is_a_programming_error(world: World) -> None:
    section = SectionFactory.create(survey__municipality=world.municipality)
    with pytest.raises(TypeError):
        question_create(section=section, kind=QuestionKind.SHORT_TEXT, text_fi="?", nope=1)  # type: ignore[call-arg]
