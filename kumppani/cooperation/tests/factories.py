from __future__ import annotations

import datetime as dt

import factory

from kumppani.associations.tests.factories import AssociationFactory
from kumppani.cooperation.models import (
    Adoption,
    AgentPairing,
    Body,
    BodyKind,
    BodyMember,
    CycleEntry,
    GoodPractice,
    Guide,
    GuideStatus,
    GuideVersion,
    Liaison,
    PartnershipAgreement,
)
from kumppani.geography.models import Municipality


def kontiolahti() -> Municipality:
    return Municipality.objects.get(code="276")


class LiaisonFactory(factory.django.DjangoModelFactory[Liaison]):
    class Meta:
        model = Liaison

    municipality = factory.LazyFunction(kontiolahti)
    name = factory.Sequence(lambda n: f"Yhdyshenkilö {n}")
    email = factory.Sequence(lambda n: f"yhdyshenkilo{n}@example.org")
    phone = "040 123 4567"
    unit = "Hyvinvointipalvelut"
    hours_per_month = 20
    role_description_fi = "Kutsuu järjestöt koolle ja välittää tietoa."


class AgentPairingFactory(factory.django.DjangoModelFactory[AgentPairing]):
    class Meta:
        model = AgentPairing

    liaison = factory.SubFactory(LiaisonFactory)
    agent_name = factory.Sequence(lambda n: f"Agentti {n}")


class BodyFactory(factory.django.DjangoModelFactory[Body]):
    class Meta:
        model = Body

    municipality = factory.LazyFunction(kontiolahti)
    kind = BodyKind.ADVISORY_COUNCIL
    name_fi = factory.Sequence(lambda n: f"Paikallis-JANE {n}")


class BodyMemberFactory(factory.django.DjangoModelFactory[BodyMember]):
    class Meta:
        model = BodyMember

    body = factory.SubFactory(BodyFactory)
    person_name = factory.Sequence(lambda n: f"Jäsen {n}")
    field = "sosiaali- ja terveysala"


class AgreementFactory(factory.django.DjangoModelFactory[PartnershipAgreement]):
    class Meta:
        model = PartnershipAgreement

    municipality = factory.LazyFunction(kontiolahti)
    association = factory.SubFactory(AssociationFactory)
    title = factory.Sequence(lambda n: f"Kumppanuussopimus {n}")
    start = dt.date(2026, 1, 1)
    end = dt.date(2027, 12, 31)


class CycleEntryFactory(factory.django.DjangoModelFactory[CycleEntry]):
    class Meta:
        model = CycleEntry

    municipality = factory.LazyFunction(kontiolahti)
    title_fi = factory.Sequence(lambda n: f"Vuosikellon merkintä {n}")
    month = 3
    day = 15


class GuideFactory(factory.django.DjangoModelFactory[Guide]):
    class Meta:
        model = Guide

    municipality = factory.LazyFunction(kontiolahti)


class GuideVersionFactory(factory.django.DjangoModelFactory[GuideVersion]):
    class Meta:
        model = GuideVersion

    guide = factory.SubFactory(GuideFactory)
    number = factory.Sequence(lambda n: n + 1)
    status = GuideStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: dt.datetime(2026, 2, 1, 12, tzinfo=dt.UTC))
    narrative = factory.LazyFunction(
        lambda: {"strategy": {"fi": "Kuntastrategian painopiste on **hyvinvointi**."}}
    )


class GoodPracticeFactory(factory.django.DjangoModelFactory[GoodPractice]):
    class Meta:
        model = GoodPractice

    title_fi = factory.Sequence(lambda n: f"Kumppanuuspöytä {n}")
    description_fi = "Kunta ja järjestöt istuvat saman pöydän ääreen."


class AdoptionFactory(factory.django.DjangoModelFactory[Adoption]):
    class Meta:
        model = Adoption

    practice = factory.SubFactory(GoodPracticeFactory)
    municipality = factory.LazyFunction(kontiolahti)
    adopted_on = dt.date(2026, 5, 1)
