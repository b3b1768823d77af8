"""In a real browser: build a survey, answer it in two sittings, read the results."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from conftest import assert_accessible, login
from kumppani.accounts.testing import build_world
from kumppani.surveys.models import Survey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _local(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def _logout(page: Any) -> None:
    page.click("form[action*='logout'] button")
    page.wait_for_load_state()


def test_build_answer_in_two_sittings_and_see_results(page: Any, live_server: Any) -> None:
    build_world()
    base = live_server.url
    # 1. The liaison builds the survey without any script.
    login(page, live_server, "liaison@example.org")
    page.goto(f"{base}/fi/surveys/")
    assert_accessible(page)
    page.goto(f"{base}/fi/surveys/new/")
    assert_accessible(page)
    page.fill("#id_title_fi", "Järjestökysely hyvinvointikertomukseen")
    page.fill("#id_opens_at", _local(timezone.now() - dt.timedelta(hours=1)))
    page.fill("#id_closes_at", _local(timezone.now() + dt.timedelta(days=7)))
    page.click("main form button[type=submit]")
    survey = Survey.objects.get(title_fi="Järjestökysely hyvinvointikertomukseen")
    assert_accessible(page)
    page.click("text=Lisää osio")
    assert_accessible(page)
    page.fill("#id_title_fi", "Järjestöni rooli hyvinvointityössä")
    page.click("main form button[type=submit]")
    page.click("main a:has-text('Lisää kysymys')")
    assert_accessible(page)  # step 1: the type
    page.check("input[name=kind][value=long_text]")
    page.click("main form button[type=submit]")
    assert_accessible(page)  # step 2: only the fields of a long text question
    assert page.locator("#id_choices_fi").count() == 0
    page.fill("#id_text_fi", "Mitä yhteisöni voi tehdä hyvinvoinnin edistämiseksi?")
    page.check("#id_required")
    page.click("main form button[type=submit]")
    page.click("main a:has-text('Lisää kysymys')")
    page.check("input[name=kind][value=yes_no]")
    page.click("main form button[type=submit]")
    page.fill("#id_text_fi", "Toimiiko yhdistys kunnan tiloissa?")
    page.check("#id_is_premises_question")
    page.click("main form button[type=submit]")
    assert_accessible(page)
    page.goto(f"{base}/fi/surveys/{survey.pk}/preview/")
    assert "Toimiiko yhdistys kunnan tiloissa?" in page.inner_text("main")
    assert_accessible(page)
    page.goto(f"{base}/fi/surveys/{survey.pk}/invitations/")
    assert_accessible(page)
    page.click("#associations-form button[type=submit]")
    assert "Ylä-Kuhan kyläyhdistys ry" in page.inner_text("main table")
    _logout(page)

    # 2. The representative starts on "My pages", saves a draft and leaves.
    login(page, live_server, "rep@example.org")
    page.goto(f"{base}/fi/me/")
    assert_accessible(page)
    page.click("text=Järjestökysely hyvinvointikertomukseen")
    assert_accessible(page)
    page.click("main ol a")
    assert_accessible(page)
    page.fill("textarea", "Kylätalon avoimet illat kerran kuussa.")
    page.click("button[value=stay]")
    assert page.input_value("textarea") == "Kylätalon avoimet illat kerran kuussa."
    assert_accessible(page)
    _logout(page)

    # 3. Second sitting: the draft is there; finish and send.
    login(page, live_server, "rep@example.org")
    page.goto(f"{base}/fi/me/")
    page.click("text=Järjestökysely hyvinvointikertomukseen")
    page.click("main ol a")
    assert page.input_value("textarea") == "Kylätalon avoimet illat kerran kuussa."
    page.check("input[type=radio][value=yes]")
    page.click("button[value=overview]")
    assert_accessible(page)
    page.click("form[action$='/send/'] button")
    assert_accessible(page)
    assert page.locator(".message.success").count() >= 1
    _logout(page)

    # 4. The liaison reads the results.
    login(page, live_server, "liaison@example.org")
    page.goto(f"{base}/fi/surveys/{survey.pk}/results/")
    assert "Kylätalon avoimet illat kerran kuussa." in page.inner_text("main")
    assert "Ylä-Kuhan kyläyhdistys ry" in page.inner_text("main")
    assert_accessible(page)
