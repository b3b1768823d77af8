"""Pages added lately, in Finnish at 390 px and 1280 px: axe finds nothing, nothing overflows."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from conftest import assert_fits_and_accessible, login
from kumppani.accounts.testing import build_world
from kumppani.associations.services import (
    invitation_withdraw,
    representation_request_create,
    representative_invite,
)
from kumppani.associations.tests.factories import UserFactory
from kumppani.surveys.tests.factories import build_survey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fi(name: str, *args: object) -> str:
    with translation.override("fi"):
        return reverse(name, args=args)


def _visit(page: Any, live_server: Any, path: str, *, expect: str | None = None) -> None:
    response = page.goto(f"{live_server.url}{path}")
    assert response is not None and response.status == 200, path
    if expect is not None:
        assert expect in page.inner_text("main"), path
    assert_fits_and_accessible(page)


def test_municipality_search_with_results_and_with_none(page: Any, live_server: Any) -> None:
    build_world()
    _visit(page, live_server, "/fi/municipalities/?q=kar", expect="Karkkila")
    assert "Karvia" in page.inner_text("main")
    _visit(page, live_server, "/fi/municipalities/?q=zzxyq", expect="Yksikään kunta ei vastaa")


def test_invitation_link_logged_out_open_and_withdrawn(page: Any, live_server: Any) -> None:
    world = build_world()
    # A long unbroken address must not widen the page.
    open_one = representative_invite(
        association=world.association,
        email=f"{'uusi-edustaja' * 6}@example.org",
        actor=world.rep,
    )
    withdrawn = representative_invite(
        association=world.association, email="peruttu@example.org", actor=world.rep
    )
    invitation_withdraw(invitation=withdrawn, actor=world.rep)
    _visit(
        page,
        live_server,
        _fi("associations:accept_invitation", open_one.token),
        expect="Kirjaudu sisään tai luo tili",
    )
    _visit(
        page,
        live_server,
        _fi("associations:accept_invitation", withdrawn.token),
        expect="Kutsu on peruttu.",
    )


def test_representation_requests_page_with_a_pending_request(page: Any, live_server: Any) -> None:
    world = build_world()
    asker = UserFactory.create(email="kysyja@example.org", full_name="Kaisa Kysyjä")
    representation_request_create(
        association=world.association,
        requester=asker,
        message="Olen yhdistyksen uusi sihteeri. " + "Kylä" * 60,
    )
    login(page, live_server, "rep@example.org")
    _visit(
        page,
        live_server,
        _fi("associations:requests", world.association.pk),
        expect="Kaisa Kysyjä",
    )


def test_name_page(page: Any, live_server: Any) -> None:
    build_world()
    login(page, live_server, "rep@example.org")
    _visit(page, live_server, _fi("accounts:name"))


def test_survey_preview_and_question_type_step(page: Any, live_server: Any) -> None:
    build_world()
    built = build_survey()
    login(page, live_server, "liaison@example.org")
    _visit(
        page,
        live_server,
        _fi("surveys:preview", built.survey.pk),
        expect="Toimiiko yhdistys kunnan tiloissa?",
    )
    _visit(
        page,
        live_server,
        _fi("surveys:question_create", built.survey.pk, built.text.section_id),
        expect="Vaihe 1/2",
    )
