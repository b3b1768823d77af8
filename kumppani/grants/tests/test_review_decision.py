"""Decisions within the budget; the decision letter (PDF, appeal instructions) and its email."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from kumppani.accounts.models import AuditEvent
from kumppani.accounts.testing import World
from kumppani.associations.tests.factories import AssociationFactory
from kumppani.grants.models import Application, Decision, Programme, UseReport
from kumppani.grants.services.decisions import (
    decision_letter_html,
    decision_letter_pdf,
    decision_make,
)
from kumppani.grants.tests.factories import BoardMemberFactory
from kumppani.grants.tests.matrix_review import programme_with_criteria, submitted

pytestmark = pytest.mark.django_db


def _setup(world: World, budget: str = "2000") -> tuple[Programme, Application, Application]:
    programme = programme_with_criteria(world, budget_eur=Decimal(budget))
    first = submitted(programme, association=world.association, amount_eur=Decimal("1500"))
    second = submitted(programme, association=world.other_association, amount_eur=Decimal("1000"))
    return programme, first, second


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def test_decision_within_the_budget_and_over_it_refused(world: World) -> None:
    programme, first, second = _setup(world)
    decision = decision_make(
        application=first, user=world.liaison, amount_eur=Decimal("1500"), reasons="Hyvä."
    )
    first.refresh_from_db()
    assert first.status == "decided"
    report = UseReport.objects.get(decision=decision)
    decided_on = timezone.localdate(decision.decided_at)
    assert report.due_on == decided_on + dt.timedelta(days=programme.use_report_due_days)
    assert AuditEvent.objects.filter(action="grants.decision_made").exists()

    with translation.override("fi"), pytest.raises(ValidationError) as error:
        decision_make(
            application=second, user=world.liaison, amount_eur=Decimal("1000"), reasons="Hyvä."
        )
    message = " ".join(error.value.message_dict["amount_eur"]).replace("\xa0", " ")
    assert "jäljellä on 500,00 €" in message and "2 000,00 €" in message
    second.refresh_from_db()
    assert second.status == "submitted"
    assert not Decision.objects.filter(application=second).exists()
    # What is left can still be granted; a refusal (0 €) needs no use report.
    decision_make(
        application=second, user=world.liaison, amount_eur=Decimal("500"), reasons="Osittain."
    )


def test_decision_rules(world: World) -> None:
    programme, first, second = _setup(world, budget="10000")
    with pytest.raises(ValidationError) as error:
        decision_make(
            application=first, user=world.liaison, amount_eur=Decimal("1600"), reasons="x"
        )
    assert "amount_eur" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        decision_make(application=first, user=world.liaison, amount_eur=Decimal("10"), reasons=" ")
    assert "reasons" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        decision_make(application=first, user=world.rep, amount_eur=Decimal("10"), reasons="x")
    refused = decision_make(
        application=first, user=world.liaison, amount_eur=Decimal("0"), reasons="Ei rahoiteta."
    )
    assert not UseReport.objects.filter(decision=refused).exists()
    with pytest.raises(ValidationError):
        decision_make(application=first, user=world.liaison, amount_eur=Decimal("0"), reasons="x")
    # An officer with a conflict of interest may not decide.
    BoardMemberFactory.create(association=world.other_association, user=world.liaison)
    from kumppani.grants.services.reviews import recusals_apply

    recusals_apply(programme=programme)
    with pytest.raises(PermissionDenied):
        decision_make(application=second, user=world.liaison, amount_eur=Decimal("10"), reasons="x")


def test_decide_page_shows_what_is_left_and_keeps_bad_input(world: World, client_for) -> None:
    _programme, first, second = _setup(world)
    decision_make(application=first, user=world.liaison, amount_eur=Decimal("1500"), reasons="x")
    client = client_for("liaison")
    url = reverse("grants:decide", args=[second.pk])

    page = client.get(url).content.decode().replace("\xa0", " ")
    assert "2 000,00 €" in page and "1 500,00 €" in page and "<strong>500,00 €" in page

    response = client.post(url, {"amount_eur": "999,50", "reasons": "Tärkeä kylätoiminta"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "999,50" in html and "Tärkeä kylätoiminta" in html
    assert "500,00" in html
    assert not Decision.objects.filter(application=second).exists()

    ok = client.post(url, {"amount_eur": "500", "reasons": "Tärkeä kylätoiminta"})
    assert ok.status_code == 302
    assert Decision.objects.get(application=second).amount_eur == Decimal("500")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", ["Oikaisuvaatimusohje", "14 päivän", "kirjaamo"]),
        ("sv", ["Anvisning om begäran om omprövning", "14 dagar", "registratorskontor"]),
        ("en", ["Instructions for requesting a review", "14 days", "registry office"]),
    ],
)
def test_letter_pdf_has_the_appeal_instructions(
    world: World, language: str, expected: list[str]
) -> None:
    _programme, first, _second = _setup(world)
    decision = decision_make(
        application=first, user=world.liaison, amount_eur=Decimal("1200"), reasons="Perustelut."
    )
    html = decision_letter_html(decision=decision, language=language)
    for text in expected:
        assert text in html
    with translation.override(language):
        municipality = str(world.municipality)  # Kontiolahti, in Swedish Kontiolax
    assert "123.456" in html and municipality in html and "Perustelut." in html
    pdf = decision_letter_pdf(decision=decision, language=language)
    assert pdf.startswith(b"%PDF")
    text = " ".join(_pdf_text(pdf).split())
    assert expected[0] in text


def test_letter_is_emailed_after_commit_in_the_applicants_language(
    world: World, django_capture_on_commit_callbacks
) -> None:
    _programme, first, _second = _setup(world)
    first.language = "sv"
    first.contact_email = "kontakt@example.org"
    first.save()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        decision = decision_make(
            application=first, user=world.liaison, amount_eur=Decimal("1000"), reasons="Bra."
        )
        assert mail.outbox == []  # nothing before the commit
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {"kontakt@example.org", world.rep.email}
    assert "beslut" in message.subject.lower()
    _name, content, mimetype = message.attachments[0]
    assert mimetype == "application/pdf" and content.startswith(b"%PDF")
    assert "omprövning" in " ".join(_pdf_text(content).split())
    decision.refresh_from_db()
    assert decision.letter_sent_at is not None
    # Sending again (a retried task) does nothing.
    from kumppani.grants.services.decisions import decision_letter_send

    assert decision_letter_send(decision_id=decision.pk) is False
    assert len(mail.outbox) == 1


def test_letter_page_for_applicant_and_officer_only(world: World, client_for) -> None:
    programme, first, _second = _setup(world)
    decision_make(application=first, user=world.liaison, amount_eur=Decimal("1000"), reasons="x")
    url = reverse("grants:letter", args=[first.pk])
    response = client_for("rep").get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert client_for("liaison").get(url).status_code == 200
    assert client_for("other_rep").get(url).status_code == 403
    undecided = submitted(programme, association=AssociationFactory.create())
    assert (
        client_for("liaison").get(reverse("grants:letter", args=[undecided.pk])).status_code == 404
    )


@pytest.mark.django_db(transaction=True)
def test_concurrent_decisions_never_exceed_the_budget() -> None:
    """Two officers decide at the same moment; each amount fits what is left, both together
    would not: the programme row lock lets exactly one through (PostgreSQL; SQLite serialises
    every write transaction with BEGIN IMMEDIATE)."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("row locks are a PostgreSQL matter")
    from kumppani.accounts.testing import build_world

    world = build_world()
    _programme, first, second = _setup(world, budget="2000")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def decide(application: Application) -> None:
        try:
            barrier.wait()
            decision_make(
                application=application,
                user=world.liaison,
                amount_eur=Decimal("1000") if application == second else Decimal("1500"),
                reasons="Samaan aikaan.",
            )
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=decide, args=(a,)) for a in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "refused"]
    total = sum(d.amount_eur for d in Decision.objects.all())
    assert total <= Decimal("2000")
