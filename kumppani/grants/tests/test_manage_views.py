"""Officers manage programmes through the pages; liaisons set the common periods."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kumppani.accounts.models import AuditEvent, Role, User
from kumppani.accounts.services import role_assign
from kumppani.accounts.testing import World
from kumppani.associations.tests.factories import UserFactory
from kumppani.grants.models import Criterion, Programme, ProgrammeReviewer, Question
from kumppani.grants.tests.factories import (
    ApplicationPeriodFactory,
    CriterionFactory,
    ProgrammeFactory,
    QuestionFactory,
)
from kumppani.welfare.tests.factories import PlanFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def officer_of(world: World, municipality: Any = None) -> User:
    user: User = UserFactory.create(email="officer@example.org", full_name="Olli Officer")
    role_assign(user=user, role=Role.OFFICER, municipality=municipality or world.municipality)
    return user


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


PROGRAMME = {
    "branch": "culture",
    "kind": "project",
    "title_fi": "Kulttuurin projektiavustus",
    "title_sv": "Projektbidrag för kultur",
    "budget_eur": "12 000,50",
    "opens_at": "2026-03-01T08:00",
    "closes_at": "2026-03-31T16:00",
    "use_report_due_days": "365",
    "published": "on",
}


def test_officer_creates_a_programme_with_weighted_and_bonus_criteria(world: World) -> None:
    client = logged_in(officer_of(world))
    theme = ThemeFactory.create(plan=PlanFactory.create(municipality=world.municipality))
    response = client.post(reverse("grants:programme_new", args=["276"]), PROGRAMME)
    programme = Programme.objects.get(title_fi="Kulttuurin projektiavustus")
    assert response.status_code == 302
    assert response["Location"] == reverse("grants:criteria", args=[programme.pk])
    assert programme.municipality == world.municipality
    assert programme.budget_eur == Decimal("12000.50")
    # Helsinki time: 8.00 in March is 6.00 UTC.
    assert programme.opens_at.isoformat() == "2026-03-01T06:00:00+00:00"

    url = reverse("grants:criteria", args=[programme.pk])
    weighted = {"kind": "weighted", "name_fi": "Laatu", "weight": "1,5", "max_points": "5"}
    bonus = {
        "kind": "bonus",
        "name_fi": "Hyvinvointisuunnitelman tavoite",
        "weight": "1",
        "max_points": "3",
        "welfare_theme": str(theme.pk),
    }
    assert client.post(url, weighted).status_code == 302
    assert client.post(url, bonus).status_code == 302
    assert programme.criteria.get(name_fi="Laatu").weight == Decimal("1.5")
    kinds = {c.name_fi: (c.kind, c.welfare_theme_id) for c in programme.criteria.all()}
    assert kinds == {
        "Laatu": ("weighted", None),
        "Hyvinvointisuunnitelman tavoite": ("bonus", theme.pk),
    }
    page = client.get(url).content.decode()
    assert "Laatu" in page and theme.name_fi in page
    listing = client.get(reverse("grants:manage", args=["276"])).content.decode()
    assert "Kulttuurin projektiavustus" in listing
    assert "12 000,50 €" in listing.replace("\xa0", " ")
    assert AuditEvent.objects.filter(action="grants.programme.create").exists()


def test_bonus_theme_of_another_municipality_is_refused_with_a_message(world: World) -> None:
    client = logged_in(officer_of(world))
    programme = ProgrammeFactory.create(municipality=world.municipality)
    foreign = ThemeFactory.create(plan=PlanFactory.create(municipality=world.other_municipality))
    response = client.post(
        reverse("grants:criteria", args=[programme.pk]),
        {
            "kind": "bonus",
            "name_fi": "Joensuun teema",
            "weight": "1",
            "max_points": "3",
            "welfare_theme": str(foreign.pk),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Teeman on oltava saman kunnan hyvinvointisuunnitelmassa." in page
    assert 'value="Joensuun teema"' in page  # what was typed is kept
    assert not Criterion.objects.filter(programme=programme).exists()


def test_bad_programme_input_keeps_what_was_typed(world: World) -> None:
    client = logged_in(officer_of(world))
    data = {**PROGRAMME, "closes_at": "2026-02-01T08:00"}
    response = client.post(reverse("grants:programme_new", args=["276"]), data)
    assert response.status_code == 200
    assert 'value="Kulttuurin projektiavustus"' in response.content.decode()
    assert not Programme.objects.exists()


def test_programme_attached_to_a_period_takes_its_times(world: World) -> None:
    client = logged_in(officer_of(world))
    period = ApplicationPeriodFactory.create(municipality=world.municipality)
    data = {**PROGRAMME, "period": str(period.pk), "opens_at": "", "closes_at": ""}
    response = client.post(reverse("grants:programme_new", args=["276"]), data)
    assert response.status_code == 302, response.context["form"].errors
    programme = Programme.objects.get()
    assert (programme.opens_at, programme.closes_at) == (period.opens_at, period.closes_at)


def test_questions_of_the_form(world: World) -> None:
    client = logged_in(officer_of(world))
    programme = ProgrammeFactory.create(municipality=world.municipality)
    url = reverse("grants:questions", args=[programme.pk])
    one_choice = {"kind": "single", "text_fi": "Kohderyhmä", "choices_fi": "Lapset"}
    response = client.post(url, {**one_choice, "scale_min": "1", "scale_max": "5"})
    assert response.status_code == 200
    assert "vähintään kaksi vaihtoehtoa" in response.content.decode()
    data = {
        **one_choice,
        "choices_fi": "Lapset\nNuoret",
        "choices_sv": "Barn\nUnga",
        "scale_min": "1",
        "scale_max": "5",
    }
    assert client.post(url, data).status_code == 302
    question = Question.objects.get(programme=programme)
    assert question.choices == [
        {"fi": "Lapset", "sv": "Barn", "en": ""},
        {"fi": "Nuoret", "sv": "Unga", "en": ""},
    ]
    response = client.post(
        reverse("grants:question_delete", args=[programme.pk, question.pk]), follow=True
    )
    assert not Question.objects.filter(pk=question.pk).exists()


def test_proposals_are_not_a_question_type(world: World) -> None:
    client = logged_in(officer_of(world))
    programme = ProgrammeFactory.create(municipality=world.municipality)
    data = {"kind": "proposals", "text_fi": "Ehdotukset", "scale_min": "1", "scale_max": "5"}
    response = client.post(reverse("grants:questions", args=[programme.pk]), data)
    assert response.status_code == 200
    assert not Question.objects.exists()


def test_reviewer_added_by_email_and_unknown_address_explained(world: World) -> None:
    client = logged_in(officer_of(world))
    programme = ProgrammeFactory.create(municipality=world.municipality)
    member = UserFactory.create(email="Lautakunta@Example.org", full_name="Leena Lautakunta")
    url = reverse("grants:reviewers", args=[programme.pk])
    response = client.post(url, {"email": "nobody@example.org"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Osoitteella nobody@example.org ei ole käyttäjätiliä." in page
    response = client.post(url, {"email": "lautakunta@example.org"}, follow=True)
    assert "Leena Lautakunta" in response.content.decode()
    reviewer = ProgrammeReviewer.objects.get(programme=programme)
    assert reviewer.user == member
    client.post(reverse("grants:reviewer_remove", args=[programme.pk, reviewer.pk]))
    assert not ProgrammeReviewer.objects.exists()


def test_who_may_manage(world: World, client_for: Any) -> None:
    officer = officer_of(world)
    joensuu_officer = UserFactory.create()
    role_assign(user=joensuu_officer, role=Role.OFFICER, municipality=world.other_municipality)
    programme = ProgrammeFactory.create(municipality=world.municipality)
    manage = reverse("grants:manage", args=["276"])
    edit = reverse("grants:programme_edit", args=[programme.pk])
    periods = reverse("grants:periods", args=["276"])
    assert logged_in(officer).get(manage).status_code == 200
    assert logged_in(officer).get(edit).status_code == 200
    assert logged_in(joensuu_officer).get(manage).status_code == 403
    assert logged_in(joensuu_officer).get(edit).status_code == 403
    assert client_for("rep").get(edit).status_code == 403
    assert client_for("anonymous").get(edit).status_code == 302
    # Only the liaison sets the common periods; the officer sees them.
    assert logged_in(officer).get(periods).status_code == 403
    assert client_for("liaison").get(periods).status_code == 200
    assert (
        "Kunnan yhteyshenkilö asettaa yhteiset hakuajat."
        in logged_in(officer).get(manage).content.decode()
    )


def test_liaison_moves_a_period_and_its_programmes_move(world: World, client_for: Any) -> None:
    period = ApplicationPeriodFactory.create(municipality=world.municipality)
    attached = [ProgrammeFactory.create(period=period, branch=b) for b in ("culture", "sports")]
    loose = ProgrammeFactory.create()
    response = client_for("liaison").post(
        reverse("grants:period_edit", args=[period.pk]),
        {
            "name_fi": period.name_fi,
            "opens_at": "2027-03-01T09:00",
            "closes_at": "2027-03-31T15:00",
        },
    )
    assert response.status_code == 302
    for programme in attached:
        programme.refresh_from_db()
        assert programme.opens_at.isoformat() == "2027-03-01T07:00:00+00:00"
        assert programme.closes_at.isoformat() == "2027-03-31T12:00:00+00:00"
    before = loose.closes_at
    loose.refresh_from_db()
    assert loose.closes_at == before
    event = AuditEvent.objects.get(action="grants.period.update")
    assert "programmes moved: 2" in event.summary


def test_manage_page_queries_are_constant(world: World, django_assert_max_num_queries: Any) -> None:
    client = logged_in(officer_of(world))
    url = reverse("grants:manage", args=["276"])
    client.get(url)
    for _ in range(5):
        programme = ProgrammeFactory.create(period=ApplicationPeriodFactory.create())
        CriterionFactory.create_batch(2, programme=programme)
        QuestionFactory.create(programme=programme)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.content.decode().count("grants/programmes/") >= 5


def test_pages_in_swedish(world: World) -> None:
    from django.utils import translation

    client = logged_in(officer_of(world))
    programme = ProgrammeFactory.create(budget_eur=Decimal("1500"))
    with translation.override("sv"):
        manage_url = reverse("grants:manage", args=["276"])
        criteria_url = reverse("grants:criteria", args=[programme.pk])
    page = client.get(manage_url).content.decode().replace("\xa0", " ")
    assert "Understödsformer" in page and "Kultur" in page and "1 500,00 €" in page
    assert "Lägg till ett kriterium" in client.get(criteria_url).content.decode()


def test_liaison_adds_and_removes_a_period(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for("liaison")
    url = reverse("grants:periods", args=["276"])
    bad = {
        "name_fi": "Syksyn haku",
        "opens_at": "2026-09-30T16:00",
        "closes_at": "2026-09-01T08:00",
    }
    response = client.post(url, bad)
    assert response.status_code == 200
    assert 'value="Syksyn haku"' in response.content.decode()
    good = {**bad, "opens_at": "2026-09-01T08:00", "closes_at": "2026-09-30T16:00"}
    assert client.post(url, good).status_code == 302
    period = world.municipality.grant_periods.get()
    ProgrammeFactory.create_batch(4, period=period)
    with django_assert_max_num_queries(10):
        page = client.get(url).content.decode()
    assert "Syksyn haku" in page and page.count("<li>Kulttuurij") == 4
    response = client.post(reverse("grants:period_delete", args=[period.pk]))
    assert response.status_code == 302
    assert not world.municipality.grant_periods.exists()
    assert Programme.objects.filter(period__isnull=True).count() == 4
