from __future__ import annotations

import factory

from kumppani.geography.models import Municipality
from kumppani.proposals.analysis import lemma_document
from kumppani.proposals.models import Proposal, ProposerType


def _kontiolahti() -> Municipality:
    return Municipality.objects.get(code="276")


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    municipality = factory.LazyFunction(_kontiolahti)
    text = factory.Sequence(lambda n: f"Järjestämme kävelyryhmän numero {n} ikäihmisille.")
    lemmas = factory.LazyAttribute(lambda o: lemma_document(o.text))
    proposer_type = ProposerType.RESIDENT
    proposer_name = "Asukas"
