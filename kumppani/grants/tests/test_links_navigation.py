"""The grants pages joined into one service: every page leads on to the next step."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from kumppani.accounts.testing import World
from kumppani.grants.models import Application, UseReport
from kumppani.grants.services.decisions import decision_make
from kumppani.grants.tests.factories import ProgrammeFactory
from kumppani.grants.tests.matrix_review import programme_with_criteria, submitted

pytestmark = pytest.mark.django_db


def _decided(world: World) -> tuple[Application, Application]:
    programme = programme_with_criteria(world, budget_eur=Decimal("5000"))
    decided = submitted(programme, association=world.association, amount_eur=Decimal("1000"))
    waiting = submitted(programme, association=world.other_association, amount_eur=Decimal("900"))
    decision_make(
        application=decided, user=world.liaison, amount_eur=Decimal("1000"), reasons="Hyvä."
    )
    return decided, waiting


def _page(client: Any, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return str(response.content.decode())


def test_manage_page_leads_to_reviews_ranking_and_use_reports(
    world: World, client_for: Any
) -> None:
    decided, _waiting = _decided(world)
    programme = decided.programme
    page = _page(client_for("liaison"), reverse("grants:manage", args=[world.municipality.code]))
    assert reverse("grants:review_list", args=[programme.pk]) in page
    assert reverse("grants:ranking", args=[programme.pk]) in page
    assert reverse("grants:use_reports", args=[world.municipality.code]) in page


def test_ranking_leads_to_decision_payments_and_use_report(world: World, client_for: Any) -> None:
    decided, waiting = _decided(world)
    page = _page(client_for("liaison"), reverse("grants:ranking", args=[decided.programme_id]))
    assert reverse("grants:decide", args=[waiting.pk]) in page
    assert reverse("grants:decide", args=[decided.pk]) in page
    assert reverse("grants:payments", args=[decided.pk]) in page
    review = reverse("grants:use_report_review", args=[decided.pk])
    assert review not in page  # nothing reported yet
    UseReport.objects.filter(decision__application=decided).update(status="submitted")
    page = _page(client_for("liaison"), reverse("grants:ranking", args=[decided.programme_id]))
    assert review in page


def test_officer_sees_reopen_decide_and_payments_on_the_application(
    world: World, client_for: Any
) -> None:
    import datetime as dt

    from django.utils import timezone

    now = timezone.now()
    programme = programme_with_criteria(
        world, opens_at=now - dt.timedelta(days=20), closes_at=now - dt.timedelta(days=1)
    )
    application = submitted(programme, association=world.other_association)
    url = reverse("grants:application", args=[application.pk])
    page = _page(client_for("liaison"), url)
    assert reverse("grants:reopen", args=[application.pk]) in page
    assert reverse("grants:decide", args=[application.pk]) in page
    assert reverse("grants:payments", args=[application.pk]) in page


def test_public_programme_page_applies_through_the_apply_view(
    world: World, client_for: Any
) -> None:
    programme = ProgrammeFactory.create(published=True)
    page = _page(client_for("rep"), reverse("grants:programme", args=[programme.pk]))
    assert f'href="{reverse("grants:apply", args=[programme.pk])}"' in page


def test_my_cases_lead_to_payments_use_report_and_letter(world: World, client_for: Any) -> None:
    decided, _waiting = _decided(world)
    page = _page(client_for("rep"), reverse("grants:cases", args=[world.association.pk]))
    for name in ("payments", "use_report", "letter"):
        assert reverse(f"grants:{name}", args=[decided.pk]) in page


def test_people_who_run_grants_reach_the_manage_page(world: World, client_for: Any) -> None:
    manage = reverse("grants:manage", args=[world.municipality.code])
    municipality_page = world.municipality.get_absolute_url()
    assert manage in _page(client_for("liaison"), municipality_page)
    assert manage not in _page(client_for("rep"), municipality_page)
    assert manage in _page(client_for("liaison"), reverse("core:dashboard"))
    assert manage not in _page(client_for("rep"), reverse("core:dashboard"))
