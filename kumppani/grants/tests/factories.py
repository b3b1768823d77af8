"""One factory per grants model (and the association's board member)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from kumppani.associations.models import BoardMember
from kumppani.associations.tests.factories import AssociationFactory, UserFactory
from kumppani.geography.models import Municipality
from kumppani.grants.models import (
    Answer,
    Application,
    ApplicationPeriod,
    ApplicationVersion,
    Attachment,
    Criterion,
    Decision,
    Payment,
    Programme,
    ProgrammeReviewer,
    Question,
    Recusal,
    Reopening,
    Review,
    Score,
    UseReport,
)


def _home() -> Municipality:
    """Kontiolahti, the shared test world's municipality."""
    return Municipality.objects.get(code="276")


class ApplicationPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicationPeriod

    municipality = factory.LazyFunction(_home)
    name_fi = "Kevään avustushaku"
    name_sv = "Vårens ansökningsomgång"
    name_en = "Spring call"
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=14))


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    municipality = factory.LazyFunction(_home)
    branch = "culture"
    kind = "operating"
    title_fi = factory.Sequence(lambda n: f"Kulttuurijärjestöjen toiminta-avustus {n}")
    title_sv = factory.Sequence(lambda n: f"Verksamhetsbidrag för kulturföreningar {n}")
    title_en = factory.Sequence(lambda n: f"Operating grant for cultural associations {n}")
    eligibility_fi = "Rekisteröidyt yhdistykset, joiden toiminta on kunnassa."
    budget_eur = Decimal("20000.00")
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=14))


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    programme = factory.SubFactory(ProgrammeFactory)
    kind = "long_text"
    text_fi = factory.Sequence(lambda n: f"Kuvaile toimintaa {n}")
    order = factory.Sequence(lambda n: n)


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    programme = factory.SubFactory(ProgrammeFactory)
    kind = "weighted"
    name_fi = factory.Sequence(lambda n: f"Kriteeri {n}")
    weight = Decimal("1")
    max_points = 5
    order = factory.Sequence(lambda n: n)


class ProgrammeReviewerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeReviewer

    programme = factory.SubFactory(ProgrammeFactory)
    user = factory.SubFactory(UserFactory)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    programme = factory.SubFactory(ProgrammeFactory)
    association = factory.SubFactory(
        AssociationFactory, home_municipality=factory.LazyFunction(_home)
    )
    contact_name = "Maija Meikäläinen"
    contact_email = factory.Sequence(lambda n: f"hakija{n}@example.org")
    purpose = "Kevätkonsertti ja kuoron harjoitukset."
    amount_eur = Decimal("1500.00")


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    application = factory.SubFactory(ApplicationFactory)
    question = factory.SubFactory(QuestionFactory)
    value = "Vastaus"


class ApplicationVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicationVersion

    application = factory.SubFactory(ApplicationFactory)
    number = 1
    content = "{}"
    sha256 = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    application = factory.SubFactory(ApplicationFactory)
    title = "Talousarvio"
    file = factory.django.FileField(filename="talousarvio.pdf", data=b"%PDF-1.4\n%%EOF\n")


class ReopeningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reopening

    application = factory.SubFactory(ApplicationFactory)
    reason = "Liite puuttui teknisen vian vuoksi."
    until = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=3))


class RecusalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recusal

    application = factory.SubFactory(ApplicationFactory)
    user = factory.SubFactory(UserFactory)
    reason = "declared"


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    application = factory.SubFactory(ApplicationFactory)
    reviewer = factory.SubFactory(UserFactory)


class ScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Score

    review = factory.SubFactory(ReviewFactory)
    criterion = factory.SubFactory(CriterionFactory)
    points = 3


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    application = factory.SubFactory(ApplicationFactory, status="decided")
    amount_eur = Decimal("1000.00")
    reasons = "Toiminta tukee hyvinvointisuunnitelman tavoitteita."
    decided_at = factory.LazyFunction(timezone.now)


class PaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Payment

    decision = factory.SubFactory(DecisionFactory)
    amount_eur = Decimal("500.00")
    due_on = factory.LazyFunction(timezone.localdate)


class UseReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UseReport

    decision = factory.SubFactory(DecisionFactory)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=90))


class BoardMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardMember

    association = factory.SubFactory(AssociationFactory)
    name = factory.Sequence(lambda n: f"Hallituksen jäsen {n}")
    email = factory.Sequence(lambda n: f"hallitus{n}@example.org")
