from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

import factory
from django.utils import timezone

from kumppani.geography.models import Municipality
from kumppani.surveys.models import (
    Choice,
    Invitation,
    Question,
    QuestionKind,
    RespondentKind,
    Scope,
    Section,
    Survey,
)


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    scope = Scope.MUNICIPALITY
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(code="276"))
    region = factory.LazyAttribute(lambda o: o.municipality.region if o.municipality else None)
    title_fi = factory.Sequence(lambda n: f"Järjestökysely {n}")
    title_en = factory.Sequence(lambda n: f"Association survey {n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=14))


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    survey = factory.SubFactory(SurveyFactory)
    title_fi = factory.Sequence(lambda n: f"Osio {n}")
    order = factory.Sequence(lambda n: n)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    section = factory.SubFactory(SectionFactory)
    kind = QuestionKind.SHORT_TEXT
    text_fi = factory.Sequence(lambda n: f"Kysymys {n}?")
    order = factory.Sequence(lambda n: n)


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory)
    text_fi = factory.Sequence(lambda n: f"Vaihtoehto {n}")
    order = factory.Sequence(lambda n: n)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    survey = factory.SubFactory(SurveyFactory)
    kind = RespondentKind.TEAM
    name = factory.Sequence(lambda n: f"Tiimi {n}")
    municipality = factory.LazyAttribute(lambda o: o.survey.municipality)


@dataclass
class Built:
    survey: Survey
    text: Question
    long: Question
    single: Question
    multiple: Question
    scale: Question
    number: Question
    yes_no: Question
    proposals: Question


def _question(**kwargs: Any) -> Question:
    return cast(Question, QuestionFactory(**kwargs))


def build_survey(**kwargs: object) -> Built:
    """A survey with one question of every type in two sections."""
    survey = cast(Survey, SurveyFactory(**kwargs))
    first = SectionFactory(survey=survey, title_fi="Järjestön toiminta")
    second = SectionFactory(survey=survey, title_fi="Toimenpide-ehdotukset")
    single = _question(section=first, kind=QuestionKind.SINGLE, text_fi="Toiminta-alue?")
    for text in ("Kylä", "Kunta", "Maakunta"):
        ChoiceFactory(question=single, text_fi=text)
    multiple = _question(section=first, kind=QuestionKind.MULTIPLE, text_fi="Kohderyhmät?")
    for text in ("Lapset", "Nuoret", "Ikäihmiset"):
        ChoiceFactory(question=multiple, text_fi=text)
    return Built(
        survey=survey,
        text=_question(section=first, text_fi="Mitä yhteisönne voi tehdä?", required=True),
        long=_question(section=first, kind=QuestionKind.LONG_TEXT, text_fi="Vuoropuhelu?"),
        single=single,
        multiple=multiple,
        scale=_question(section=first, kind=QuestionKind.SCALE, text_fi="Yhteistyö 1–5?"),
        number=_question(section=first, kind=QuestionKind.NUMBER, text_fi="Jäsenmäärä?"),
        yes_no=_question(
            section=first,
            kind=QuestionKind.YES_NO,
            text_fi="Toimiiko yhdistys kunnan tiloissa?",
            is_premises_question=True,
        ),
        proposals=_question(
            section=second, kind=QuestionKind.PROPOSALS, text_fi="Kolme toimenpidettä"
        ),
    )
