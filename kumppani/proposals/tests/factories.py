from __future__ import annotations

import factory

from kumppani.geography.models import Municipality
from kumppani.proposals.analysis import lemma_document
from kumppani.proposals.models import Proposal, ProposerType
from kumppani.welfare.models import Goal, Plan, Theme


def _kontiolahti() -> Municipality:
    return Municipality.objects.get(code="276")


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    municipality = factory.LazyFunction(_kontiolahti)
    title_fi = "Hyvinvointisuunnitelma 2025–2028"
    start_year = 2025
    end_year = 2028


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    plan = factory.SubFactory(PlanFactory)
    name_fi = factory.Sequence(lambda n: f"Teema {n}")


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    theme = factory.SubFactory(ThemeFactory)
    title_fi = factory.Sequence(lambda n: f"Tavoite {n}")


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    municipality = factory.LazyFunction(_kontiolahti)
    text = factory.Sequence(lambda n: f"Järjestämme kävelyryhmän numero {n} ikäihmisille.")
    lemmas = factory.LazyAttribute(lambda o: lemma_document(o.text))
    proposer_type = ProposerType.RESIDENT
    proposer_name = "Asukas"
