from __future__ import annotations

from typing import Any

import factory
from allauth.account.models import EmailAddress

from kumppani.accounts.models import User
from kumppani.associations.models import Association
from kumppani.associations.search import index_associations
from kumppani.geography.models import Municipality


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Testihenkilö {n}")
    password = factory.PostGenerationMethodCall("set_password", "secret-pass-123")

    @factory.post_generation
    def saved(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            obj.save()

    @factory.post_generation
    def verified(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:
        """A verified email address (allauth), unless ``verified=False``."""
        if create:
            EmailAddress.objects.update_or_create(
                user=obj,
                email=obj.email,
                defaults={"verified": extracted is not False, "primary": True},
            )


class AssociationFactory(factory.django.DjangoModelFactory):
    """An association, indexed for search like one created through the services."""

    class Meta:
        model = Association
        skip_postgeneration_save = True

    name_fi = factory.Sequence(lambda n: f"Testiyhdistys {n} ry")
    purpose_fi = "Yhdistys järjestää toimintaa jäsenilleen."
    home_municipality = factory.LazyFunction(lambda: Municipality.objects.get(code="276"))

    @factory.post_generation
    def categories(obj: Association, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            obj.categories.set(extracted)

    @factory.post_generation
    def indexed(obj: Association, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            index_associations([obj.pk])
