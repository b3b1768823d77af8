"""The application pages, without JavaScript (plain POSTs) and with the autosave header."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from kumppani.accounts.models import Role
from kumppani.accounts.services import role_assign
from kumppani.accounts.testing import World, pdf_bytes
from kumppani.associations.tests.factories import UserFactory
from kumppani.grants.models import Application
from kumppani.grants.services.applications import application_start
from kumppani.grants.tests.factories import (
    DecisionFactory,
    PaymentFactory,
    ProgrammeFactory,
    QuestionFactory,
    UseReportFactory,
)

pytestmark = pytest.mark.django_db


def _form_data(client: Any, url: str) -> dict[str, Any]:
    """What the browser would send back: every field as shown (hidden fingerprints included)."""
    form = client.get(url).context["form"]
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        data[name] = "" if value is None else value
    return data


def test_a_representative_starts_and_fills_the_application_without_javascript(
    world: World, client_for: Any
) -> None:
    world.association.email = "kyla@example.org"
    world.association.save()
    programme = ProgrammeFactory.create()
    question = QuestionFactory.create(programme=programme, required=True)
    client = client_for("rep")
    page = client.get(reverse("grants:apply", args=[programme.pk]))
    assert "Aloita hakemus" in page.content.decode()
    response = client.post(
        reverse("grants:apply", args=[programme.pk]), {"association": world.association.pk}
    )
    application = Application.objects.get(programme=programme, association=world.association)
    assert response["Location"] == application.get_absolute_url()
    url = reverse("grants:application", args=[application.pk])
    page = client.get(url)
    assert 'value="kyla@example.org"' in page.content.decode()
    assert "autosave.js" in page.content.decode()
    data = _form_data(client, url)
    data.update({"amount_eur": "1 500,00", f"q{question.pk}": "Kylätalon katto", "action": "save"})
    response = client.post(url, data)
    assert response.status_code == 302
    application.refresh_from_db()
    assert str(application.amount_eur) == "1500.00"
    assert application.answers.get().value == "Kylätalon katto"
    # "Submit" saves, then asks for confirmation.
    response = client.post(url, {**_form_data(client, url), "action": "submit"})
    assert response["Location"] == reverse("grants:submit", args=[application.pk])
    assert client.get(response["Location"]).status_code == 200
    response = client.post(reverse("grants:submit", args=[application.pk]))
    assert response["Location"] == reverse("grants:receipt", args=[application.pk])
    application.refresh_from_db()
    receipt = client.get(response["Location"]).content.decode()
    assert application.submitted_sha256 in receipt
    # Submitted: the form is read-only and a POST changes nothing.
    page = client.get(url).content.decode()
    assert "eikä sitä voi enää muuttaa" in page
    client.post(url, {**data, "purpose": "Muutos", "action": "save"})
    application.refresh_from_db()
    assert application.purpose == ""


def test_a_conflict_on_the_same_question_keeps_what_the_second_person_typed(
    world: World, client_for: Any
) -> None:
    programme = ProgrammeFactory.create()
    question = QuestionFactory.create(programme=programme)
    application = application_start(
        programme=programme, association=world.association, user=world.rep
    )
    second = UserFactory.create(email="second@example.org")
    role_assign(user=second, role=Role.REPRESENTATIVE, association=world.association)
    url = reverse("grants:application", args=[application.pk])
    first_client = client_for("rep")
    second_client = client_for("anonymous")
    second_client.force_login(second)
    first = _form_data(first_client, url)
    other = _form_data(second_client, url)
    first_client.post(url, {**first, f"q{question.pk}": "Ensimmäisen teksti", "action": "save"})
    response = second_client.post(
        url, {**other, f"q{question.pk}": "Toisen teksti", "action": "save"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Joku muu muutti nämä sillä välin" in body
    assert "Toisen teksti" in body
    assert application.answers.get().value == "Ensimmäisen teksti"


def test_autosave_answers_json_with_new_fingerprints(world: World, client_for: Any) -> None:
    programme = ProgrammeFactory.create()
    question = QuestionFactory.create(programme=programme)
    application = application_start(
        programme=programme, association=world.association, user=world.rep
    )
    client = client_for("rep")
    url = reverse("grants:application", args=[application.pk])
    data = {**_form_data(client, url), f"q{question.pk}": "Kirjoitan", "action": "save"}
    response = client.post(url, data, headers={"X-Autosave": "1"})
    body = response.json()
    assert body["saved"] is True
    assert body["fingerprints"][f"h-q{question.pk}"] != data[f"h-q{question.pk}"]
    assert application.answers.get().value == "Kirjoitan"


def test_bad_input_keeps_what_was_typed(world: World, client_for: Any) -> None:
    application = application_start(
        programme=ProgrammeFactory.create(), association=world.association, user=world.rep
    )
    client = client_for("rep")
    url = reverse("grants:application", args=[application.pk])
    data = {**_form_data(client, url), "amount_eur": "paljon", "purpose": "Tärkeä tarkoitus"}
    response = client.post(url, {**data, "action": "save"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Anna summa euroina" in body
    assert "Tärkeä tarkoitus" in body


def test_after_the_deadline_the_page_says_so_and_nothing_changes(
    world: World, client_for: Any
) -> None:
    programme = ProgrammeFactory.create()
    application = application_start(
        programme=programme, association=world.association, user=world.rep
    )
    client = client_for("rep")
    url = reverse("grants:application", args=[application.pk])
    data = _form_data(client, url)
    programme.closes_at = timezone.now() - dt.timedelta(seconds=1)
    programme.save()
    response = client.post(url, {**data, "purpose": "Myöhässä", "action": "save"})
    assert "Määräaika päättyi" in response.content.decode()
    response = client.post(reverse("grants:submit", args=[application.pk]))
    application.refresh_from_db()
    assert (application.status, application.purpose, application.version) == ("draft", "", 1)


def test_the_overdue_use_report_message_is_shown_when_starting(
    world: World, client_for: Any
) -> None:
    decision = DecisionFactory.create(
        application__association=world.association,
        application__programme__title_fi="Kylätalojen korjausavustus",
    )
    UseReportFactory.create(decision=decision, due_on=dt.date(2026, 1, 15))
    programme = ProgrammeFactory.create()
    response = client_for("rep").post(
        reverse("grants:apply", args=[programme.pk]), {"association": world.association.pk}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Kylätalojen korjausavustus" in body and "15.1.2026" in body
    assert not Application.objects.filter(programme=programme).exists()


def test_attachments_are_checked_added_and_downloaded(world: World, client_for: Any) -> None:
    application = application_start(
        programme=ProgrammeFactory.create(), association=world.association, user=world.rep
    )
    client = client_for("rep")
    add = reverse("grants:attachment_add", args=[application.pk])
    fake = SimpleUploadedFile("budjetti.pdf", b"<html>not a pdf</html>")
    response = client.post(add, {"title": "Talousarvio", "file": fake})
    assert response.status_code == 400
    assert "ei vastaa sen tyyppiä" in response.content.decode()
    real = SimpleUploadedFile("budjetti.pdf", pdf_bytes(), content_type="application/pdf")
    response = client.post(add, {"title": "Talousarvio", "file": real})
    assert response.status_code == 302
    attachment = application.attachments.get()
    download = client.get(reverse("grants:attachment_download", args=[attachment.pk]))
    assert download.status_code == 200
    assert (
        client_for("other_rep")
        .get(reverse("grants:attachment_download", args=[attachment.pk]))
        .status_code
        == 403
    )
    client.post(reverse("grants:attachment_remove", args=[attachment.pk]))
    assert not application.attachments.exists()
    application.refresh_from_db()
    assert application.version == 3


def test_reopen_form_logs_the_reason(world: World, client_for: Any) -> None:
    programme = ProgrammeFactory.create()
    application = application_start(
        programme=programme, association=world.association, user=world.rep
    )
    Application.objects.filter(pk=application.pk).update(
        status="submitted", submitted_at=timezone.now()
    )
    programme.closes_at = timezone.now() - dt.timedelta(minutes=1)
    programme.save()
    until = timezone.localtime() + dt.timedelta(days=2)
    response = client_for("liaison").post(
        reverse("grants:reopen", args=[application.pk]),
        {"reason": "Liite puuttui.", "until": until.strftime("%Y-%m-%dT%H:%M")},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "reopened"
    assert application.reopenings.get().reason == "Liite puuttui."


def test_my_cases_shows_decisions_payments_and_reports(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(3):
        decision = DecisionFactory.create(
            application__association=world.association, amount_eur="1500.00"
        )
        PaymentFactory.create(decision=decision, amount_eur="750.00", paid_on=dt.date(2026, 5, 1))
        PaymentFactory.create(decision=decision, amount_eur="750.00")
        UseReportFactory.create(decision=decision, due_on=dt.date(2026, 1, 10 + n))
    client = client_for("rep")
    url = reverse("grants:cases", args=[world.association.pk])
    client.get(url)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    body = response.content.decode()
    assert "Myönnetty 1\xa0500,00\xa0€" in body
    assert "(myöhässä)" in body
    assert client_for("other_rep").get(url).status_code == 403


def test_panels_on_the_association_page_and_my_pages(world: World, client_for: Any) -> None:
    application_start(
        programme=ProgrammeFactory.create(title_fi="Kevään tapahtuma-avustus"),
        association=world.association,
        user=world.rep,
    )
    client = client_for("rep")
    page = client.get(reverse("associations:detail", args=[world.association.pk]))
    assert reverse("grants:cases", args=[world.association.pk]) in page.content.decode()
    dashboard = client.get(reverse("core:dashboard")).content.decode()
    assert "Kevään tapahtuma-avustus" in dashboard
    other = client_for("other_rep").get(reverse("associations:detail", args=[world.association.pk]))
    assert reverse("grants:cases", args=[world.association.pk]) not in other.content.decode()


def test_autosave_never_overwrites_a_conflict_unasked(world: World, client_for: Any) -> None:
    programme = ProgrammeFactory.create()
    question = QuestionFactory.create(programme=programme)
    application = application_start(
        programme=programme, association=world.association, user=world.rep
    )
    second = UserFactory.create(email="second@example.org")
    role_assign(user=second, role=Role.REPRESENTATIVE, association=world.association)
    url = reverse("grants:application", args=[application.pk])
    first_client = client_for("rep")
    second_client = client_for("anonymous")
    second_client.force_login(second)
    other = _form_data(second_client, url)
    first = _form_data(first_client, url)
    first_client.post(url, {**first, f"q{question.pk}": "Ensimmäinen", "action": "save"})
    data = {**other, f"q{question.pk}": "Toinen", "action": "save"}
    body = second_client.post(url, data, headers={"X-Autosave": "1"}).json()
    assert body["conflicts"] == [f"q{question.pk}"]
    assert f"h-q{question.pk}" not in body["fingerprints"]
    # Typing on (the same shown fingerprint) still does not overwrite.
    second_client.post(
        url, {**data, f"q{question.pk}": "Toinen lisää"}, headers={"X-Autosave": "1"}
    )
    assert application.answers.get().value == "Ensimmäinen"


def test_officers_do_not_see_a_drafts_attachments(world: World, client_for: Any) -> None:
    application = application_start(
        programme=ProgrammeFactory.create(), association=world.association, user=world.rep
    )
    real = SimpleUploadedFile("budjetti.pdf", pdf_bytes(), content_type="application/pdf")
    client_for("rep").post(
        reverse("grants:attachment_add", args=[application.pk]), {"title": "Budjetti", "file": real}
    )
    url = reverse("grants:attachment_download", args=[application.attachments.get().pk])
    assert client_for("liaison").get(url).status_code == 404
    assert client_for("rep").get(url).status_code == 200
