"""Instalments of a grant: never more than was granted; marked paid; a paid one stays."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from kumppani.accounts.models import AuditEvent
from kumppani.accounts.testing import World
from kumppani.grants.models import Payment
from kumppani.grants.services.payments import payment_delete, payment_mark_paid, payment_schedule
from kumppani.grants.tests.factories import (
    ApplicationFactory,
    DecisionFactory,
    PaymentFactory,
    RecusalFactory,
)

pytestmark = pytest.mark.django_db


def _decision(world: World, amount: str = "1000.00") -> Any:
    application = ApplicationFactory.create(association=world.association, status="decided")
    return DecisionFactory.create(application=application, amount_eur=Decimal(amount))


def test_instalments_cannot_exceed_the_grant(world: World) -> None:
    decision = _decision(world)
    today = timezone.localdate()
    payment_schedule(
        decision=decision, user=world.liaison, amount_eur=Decimal("600"), due_on=today, note=""
    )
    with pytest.raises(ValidationError) as error:
        payment_schedule(
            decision=decision,
            user=world.liaison,
            amount_eur=Decimal("400.01"),
            due_on=today,
            note="",
        )
    assert "jakamatta on 400,00\xa0€" in " ".join(error.value.messages)
    payment_schedule(
        decision=decision, user=world.liaison, amount_eur=Decimal("400"), due_on=today, note=""
    )
    with pytest.raises(ValidationError, match="on jo jaettu maksueriin"):
        payment_schedule(
            decision=decision, user=world.liaison, amount_eur=Decimal("1"), due_on=today, note=""
        )
    assert sum(p.amount_eur for p in Payment.objects.filter(decision=decision)) == Decimal("1000")
    assert AuditEvent.objects.filter(action="grant_payment.schedule").count() == 2


def test_only_those_who_run_the_programme_schedule(world: World) -> None:
    decision = _decision(world)
    for user in (world.rep, world.other_liaison, world.coordinator):
        with pytest.raises(PermissionDenied):
            payment_schedule(
                decision=decision,
                user=user,
                amount_eur=Decimal("1"),
                due_on=timezone.localdate(),
                note="",
            )


def test_an_officer_with_a_conflict_of_interest_neither_pays_nor_sees_the_payment_form(
    client_for: Any, world: World
) -> None:
    decision = _decision(world)
    RecusalFactory.create(application=decision.application, user=world.liaison, reason="declared")
    with pytest.raises(PermissionDenied):
        payment_schedule(
            decision=decision,
            user=world.liaison,
            amount_eur=Decimal("1"),
            due_on=timezone.localdate(),
            note="",
        )
    url = reverse("grants:payments", args=[decision.application.pk])
    response = client_for("liaison").post(url, {"amount_eur": "1", "due_on": "2026-12-31"})
    assert response.status_code == 403
    assert not Payment.objects.filter(decision=decision).exists()


def test_nothing_granted_nothing_to_pay(world: World) -> None:
    decision = _decision(world, "0")
    with pytest.raises(ValidationError, match="Avustusta ei myönnetty"):
        payment_schedule(
            decision=decision,
            user=world.liaison,
            amount_eur=Decimal("1"),
            due_on=timezone.localdate(),
            note="",
        )


def test_marking_paid_and_removing(world: World) -> None:
    decision = _decision(world)
    first = PaymentFactory.create(decision=decision, amount_eur=Decimal("500"))
    second = PaymentFactory.create(decision=decision, amount_eur=Decimal("500"))
    payment_mark_paid(payment=first, user=world.liaison, paid_on=dt.date(2026, 3, 2))
    first.refresh_from_db()
    assert first.paid_on == dt.date(2026, 3, 2)
    with pytest.raises(ValidationError, match="jo merkitty maksetuksi"):
        payment_mark_paid(payment=first, user=world.liaison, paid_on=dt.date(2026, 3, 3))
    with pytest.raises(ValidationError, match="ei voi poistaa"):
        payment_delete(payment=first, user=world.liaison)
    payment_delete(payment=second, user=world.liaison)
    assert list(Payment.objects.filter(decision=decision)) == [first]


def test_payments_page_officer_schedules_applicant_reads(client_for: Any, world: World) -> None:
    decision = _decision(world)
    url = f"/fi/grants/applications/{decision.application_id}/payments/"
    officer = client_for("liaison")
    response = officer.post(url, {"amount_eur": "1 500,00", "due_on": "2026-05-01", "note": "x"})
    html = response.content.decode()
    assert response.status_code == 200  # the form again, with the message and the typed values
    assert "1\xa0000,00\xa0€" in html  # what was granted
    assert 'value="1 500,00"' in html  # what was typed is kept
    response = officer.post(
        url, {"amount_eur": "600,50", "due_on": "2026-05-01", "note": "Ensimmäinen erä"}
    )
    assert response.status_code == 302
    payment = Payment.objects.get(decision=decision)
    assert payment.amount_eur == Decimal("600.50")
    response = officer.post(f"{url}{payment.pk}/paid/", {"paid_on": "2026-05-02"})
    assert response.status_code == 302
    payment.refresh_from_db()
    assert payment.paid_on == dt.date(2026, 5, 2)

    applicant = client_for("rep").get(url).content.decode()
    assert "600,50\xa0€" in applicant
    assert "Ensimmäinen erä" in applicant
    assert 'name="amount_eur"' not in applicant
    assert "/paid/" not in applicant


def test_removing_an_instalment_asks_first(client_for: Any, world: World) -> None:
    decision = _decision(world)
    payment = PaymentFactory.create(decision=decision, amount_eur=Decimal("250"))
    url = f"/en/grants/applications/{decision.application_id}/payments/{payment.pk}/delete/"
    client = client_for("liaison")
    assert "Remove the instalment of €250.00" in client.get(url).content.decode()
    assert Payment.objects.filter(pk=payment.pk).exists()
    assert client.post(url).status_code == 302
    assert not Payment.objects.filter(pk=payment.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_instalments_scheduled_at_once_stay_within_the_grant(world: World) -> None:
    """Eight officers scheduling at the same moment: the locked decision lets three through."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's")
    decision = _decision(world)
    barrier = threading.Barrier(8)
    outcomes: list[str] = []

    def schedule() -> None:
        try:
            barrier.wait()
            payment_schedule(
                decision=decision,
                user=world.liaison,
                amount_eur=Decimal("300"),
                due_on=timezone.localdate(),
                note="",
            )
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=schedule) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok"] * 3 + ["refused"] * 5
    assert sum(p.amount_eur for p in Payment.objects.filter(decision=decision)) == Decimal("900")
