"""The grants demo: harmonised spring periods, decided applications with hashed versions,
instalments within the grants, one overdue use report, an open autumn programme; idempotent."""

from __future__ import annotations

import hashlib
import json
import random

import pytest
from django.db.models import Sum
from django.utils import timezone

from kumppani.accounts.testing import World
from kumppani.associations.tests.factories import AssociationFactory
from kumppani.grants import demo
from kumppani.grants.models import (
    Application,
    ApplicationPeriod,
    ApplicationVersion,
    Criterion,
    Decision,
    Programme,
    Recusal,
    UseReport,
)
from kumppani.grants.selectors_pay import overdue_use_reports

pytestmark = pytest.mark.django_db


def test_demo_seeds_once_and_keeps_every_rule(world: World) -> None:
    from kumppani.welfare import demo as welfare_demo

    welfare_demo.seed(random.Random(1))
    for municipality in (world.municipality, world.other_municipality):
        for n in range(4):
            AssociationFactory.create(
                home_municipality=municipality, name_fi=f"Demoyhdistys {municipality.code} {n} ry"
            )
    demo.seed(random.Random(2026))
    counts = (Programme.objects.count(), Application.objects.count(), UseReport.objects.count())
    demo.seed(random.Random(2026))
    assert (Programme.objects.count(), Application.objects.count(), UseReport.objects.count()) == (
        counts
    )

    for code in ("276", "167"):
        spring = ApplicationPeriod.objects.get(
            municipality__code=code, name_fi__startswith="Kevään"
        )
        programmes = list(spring.programmes.all())
        assert len({p.branch for p in programmes}) == 3
        assert {(p.opens_at, p.closes_at) for p in programmes} == {
            (spring.opens_at, spring.closes_at)
        }
        bonus = Criterion.objects.filter(programme__in=programmes, kind="bonus")
        assert bonus.count() == 3
        assert all(
            c.welfare_theme and c.welfare_theme.plan.municipality.code == code for c in bonus
        )
        autumn = ApplicationPeriod.objects.get(
            municipality__code=code, name_fi="Syksyn avustushaku"
        )
        assert all(p.is_open() for p in autumn.programmes.all())
        for programme in programmes:
            granted = Decision.objects.filter(application__programme=programme).aggregate(
                total=Sum("amount_eur")
            )["total"]
            assert (granted or 0) <= programme.budget_eur

    for version in ApplicationVersion.objects.filter(submitted=True):
        assert hashlib.sha256(version.content.encode()).hexdigest() == version.sha256
        assert version.application.submitted_sha256 == version.sha256
        assert json.loads(version.content)["association"] == version.application.association_id
    assert Application.objects.filter(status="decided").exists()
    assert Application.objects.filter(status="submitted").exists()
    for decision in Decision.objects.all():
        paid = decision.payments.aggregate(total=Sum("amount_eur"))["total"] or 0
        assert paid <= decision.amount_eur
    assert Decision.objects.filter(payments__paid_on__isnull=False).exists()
    assert Decision.objects.filter(
        payments__paid_on__isnull=True, payments__due_on__gt=timezone.localdate()
    ).exists()
    overdue = [
        r
        for r in UseReport.objects.all()
        if overdue_use_reports(r.decision.application.association_id).filter(pk=r.pk).exists()
    ]
    assert len(overdue) == 1
    assert overdue[0].decision.application.association != world.association
    assert Recusal.objects.filter(reason="board").exists()
