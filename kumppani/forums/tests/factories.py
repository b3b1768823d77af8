from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.utils import timezone

from kumppani.forums.models import CooperationPlan, Forum, ForumType, PlanStep, TeamMember
from kumppani.geography.models import Municipality


class ForumFactory(factory.django.DjangoModelFactory):
    """A municipal forum in Kontiolahti two weeks from now (pass municipalities=[...])."""

    class Meta:
        model = Forum
        skip_postgeneration_save = True

    type = ForumType.WELLBEING_MEETUP
    title_fi = factory.Sequence(lambda n: f"Hyvinvointihytinä {n}")
    start = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=14))
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=3))
    place = "Kotiseutukeskus"

    @factory.post_generation
    def municipalities(obj: Forum, create: bool, extracted: Any, **kwargs: Any) -> None:
        if not create:
            return
        if extracted is None:
            if obj.region_id is None:
                obj.municipalities.set([Municipality.objects.get(code="276")])
        else:
            obj.municipalities.set(extracted)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CooperationPlan

    forum = factory.SubFactory(ForumFactory)
    title = factory.Sequence(lambda n: f"Kumppanuuspöytä {n}")
    goal = "Kumppanuuspöytä käyntiin syksyllä"


class StepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanStep

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Vaihe {n}")
    deadline = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=5))


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMember

    plan = factory.SubFactory(PlanFactory)
    name = factory.Sequence(lambda n: f"Tiimiläinen {n}")
    email = factory.Sequence(lambda n: f"tiimi{n}@example.org")
    unit = "Hyvinvointipalvelut"
