"""Pages as people use them: building, answering in two sittings, the close time, results."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, cast

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kumppani.accounts.testing import World
from kumppani.surveys.models import Answer, Invitation, Question, ResponseStatus, Survey
from kumppani.surveys.services import invitations_for_associations, response_save, response_submit
from kumppani.surveys.tests.factories import Built, InvitationFactory, build_survey
from kumppani.surveys.values import fingerprint
from kumppani.welfare.tests.factories import PlanFactory

pytestmark = pytest.mark.django_db


def test_liaison_builds_a_survey_without_javascript(client_for: Any, world: World) -> None:
    client = client_for("liaison")
    response = client.post(
        reverse("surveys:create"),
        {
            "area": f"m{world.municipality.pk}",
            "title_fi": "Hyvinvointikertomuksen järjestökysely",
            "opens_at": "2030-01-01T08:00",
            "closes_at": "2029-12-01T08:00",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["closes_at"] == [
        "Sulkeutumisajan on oltava avautumisajan jälkeen."
    ]
    assert "Sulkeutumisajan on oltava avautumisajan jälkeen." in response.content.decode()
    assert 'value="Hyvinvointikertomuksen järjestökysely"' in response.content.decode()
    response = client.post(
        reverse("surveys:create"),
        {
            "area": f"m{world.municipality.pk}",
            "title_fi": "Hyvinvointikertomuksen järjestökysely",
            "opens_at": "2030-01-01T08:00",
            "closes_at": "2030-02-01T08:00",
        },
    )
    survey = Survey.objects.get(title_fi="Hyvinvointikertomuksen järjestökysely")
    assert response["Location"] == reverse("surveys:detail", args=[survey.pk])
    client.post(reverse("surveys:section_create", args=[survey.pk]), {"title_fi": "Osallisuus"})
    section = survey.sections.get()
    url = reverse("surveys:question_create", args=[survey.pk, section.pk])
    bad = client.post(url, {"kind": "single", "text_fi": "Valitse", "max_proposals": 3,
                            "scale_min": 1, "scale_max": 5, "choices_fi": "Vain yksi"})  # fmt: skip
    assert bad.status_code == 200 and Question.objects.count() == 0
    assert bad.context["form"].errors["choices_fi"] == [
        "Anna vähintään kaksi vaihtoehtoa, yksi riville."
    ]
    for text, kind in (("Ensimmäinen", "short_text"), ("Toinen", "proposals")):
        client.post(url, {"kind": kind, "text_fi": text, "max_proposals": 3, "scale_min": 1,
                          "scale_max": 5})  # fmt: skip
    second = Question.objects.get(text_fi="Toinen")
    client.post(reverse("surveys:question_move", args=[survey.pk, second.pk]), {"direction": "up"})
    assert [q.text_fi for q in section.questions.all()] == ["Toinen", "Ensimmäinen"]


def test_other_municipality_liaison_cannot_create_for_kontiolahti(
    client_for: Any, world: World
) -> None:
    response = client_for("other_liaison").post(
        reverse("surveys:create"),
        {"area": f"m{world.municipality.pk}", "title_fi": "x",
         "opens_at": "2030-01-01T08:00", "closes_at": "2030-02-01T08:00"},
    )  # fmt: skip
    assert response.status_code == 200  # the area is not among their choices
    assert not Survey.objects.exists()


def test_new_survey_offers_only_the_municipality_s_welfare_plans(
    client_for: Any, world: World
) -> None:
    own = PlanFactory.create(municipality=world.municipality, title_en="Kontiolahti plan")
    other = PlanFactory.create(municipality=world.other_municipality, title_en="Joensuu plan")
    client = client_for("liaison")
    page = client.get("/en/surveys/new/").content.decode()
    assert "Kontiolahti plan" in page and "Joensuu plan" not in page
    data = {"area": f"m{world.municipality.pk}", "title_fi": "Kysely",
            "opens_at": "2030-01-01T08:00", "closes_at": "2030-02-01T08:00"}  # fmt: skip
    response = client.post(reverse("surveys:create"), {**data, "plan": other.pk})
    assert response.status_code == 200 and "plan" in response.context["form"].errors
    client.post(reverse("surveys:create"), {**data, "plan": own.pk})
    assert Survey.objects.get(title_fi="Kysely").plan == own


def _invitation(built: Built, world: World) -> Invitation:
    invitations_for_associations(survey=built.survey, send=False)
    return Invitation.objects.get(survey=built.survey, association=world.association)


def _section_post(built: Built, **values: str) -> dict[str, str]:
    data: dict[str, str] = {"go": "stay"}
    for question in built.survey.sections.first().questions.all():  # type: ignore[union-attr]
        data[f"h{question.pk}"] = fingerprint(question, None if question.kind in
                                              ("number", "scale") else "")  # fmt: skip
    data.update(values)
    return data


def test_answer_in_two_sittings_by_two_representatives(client_for: Any, world: World) -> None:
    built = build_survey()
    invitation = _invitation(built, world)
    rep = client_for("rep")
    # "My pages" shows the survey; the link leads to the association's one answer.
    dashboard = rep.get(reverse("core:dashboard")).content.decode()
    assert built.survey.title_fi in dashboard
    response = rep.get(reverse("surveys:continue", args=[invitation.pk]))
    assert response["Location"] == reverse("surveys:respond", args=[invitation.token])
    url = reverse("surveys:respond_section", args=[invitation.token, 1])
    rep.post(url, _section_post(built, **{f"q{built.text.pk}": "Kylätalon illat"}))
    # Browser closed; later someone else with the same link continues.
    other = Client()
    page = other.get(url).content.decode()
    assert "Kylätalon illat" in page
    other.post(url, _section_post(built, **{f"q{built.text.pk}": "Kylätalon illat",
                                            f"q{built.number.pk}": "57"}))  # fmt: skip
    response = other.post(reverse("surveys:respond_submit", args=[invitation.token]))
    assert response.status_code == 302
    invitation.response.refresh_from_db()
    assert invitation.response.status == ResponseStatus.SUBMITTED
    assert Answer.objects.get(question=built.number).number == 57


def test_autosave_answers_json(world: World) -> None:
    built = build_survey()
    invitation = _invitation(built, world)
    url = reverse("surveys:respond_section", args=[invitation.token, 1])
    response = Client().post(
        url, _section_post(built, **{f"q{built.text.pk}": "Automaattisesti"}), HTTP_X_AUTOSAVE="1"
    )
    assert response.status_code == 200 and response.json()["saved"] is True
    assert response.json()["fingerprints"][f"h{built.text.pk}"] == fingerprint(
        built.text, "Automaattisesti"
    )
    bad = Client().post(url, _section_post(built, **{f"q{built.number.pk}": "paljon"}),
                        HTTP_X_AUTOSAVE="1")  # fmt: skip
    assert bad.status_code == 400 and bad.json()["saved"] is False


def test_bad_number_keeps_what_was_typed(world: World) -> None:
    built = build_survey()
    invitation = _invitation(built, world)
    url = reverse("surveys:respond_section", args=[invitation.token, 1])
    typed = {f"q{built.text.pk}": "<b>Teksti</b>", f"q{built.number.pk}": "paljon"}
    response = Client().post(url, _section_post(built, **typed))
    assert response.status_code == 400
    body = response.content.decode()
    assert "&lt;b&gt;Teksti&lt;/b&gt;" in body and 'value="paljon"' in body


def test_late_submit_shows_message_and_draft_stays_readable(world: World) -> None:
    built = build_survey()
    invitation = _invitation(built, world)
    response_save(invitation=invitation, values={built.text.pk: "Luonnos jää"})
    Survey.objects.filter(pk=built.survey.pk).update(
        opens_at=timezone.now() - dt.timedelta(days=5),
        closes_at=timezone.now() - dt.timedelta(seconds=1),
    )
    client = Client()
    response = client.post(reverse("surveys:respond_submit", args=[invitation.token]), follow=True)
    body = response.content.decode()
    assert "Kysely sulkeutui" in body and "Vastauksiasi ei lähetetty" in body
    page = client.get(reverse("surveys:respond_section", args=[invitation.token, 1]))
    assert "Luonnos jää" in page.content.decode()
    assert "disabled" in page.content.decode()
    assert Answer.objects.get(question=built.text).response.status == ResponseStatus.DRAFT


def _answers(built: Built, count: int) -> None:
    choice = built.single.choices.first()
    for i in range(count):
        invitation = cast(Invitation, InvitationFactory(survey=built.survey))
        response_save(
            invitation=invitation,
            values={
                built.text.pk: f"Vastaus {i}",
                built.yes_no.pk: "yes" if i % 2 else "no",
                built.scale.pk: str(1 + i % 5),
                built.number.pk: str(i),
                built.single.pk: str(choice.pk),  # type: ignore[union-attr]
                built.multiple.pk: [str(c.pk) for c in built.multiple.choices.all()],
                built.proposals.pk: {"own": [f"Oma {i}"], "together": [f"Yhdessä {i}"]},
            },
        )
        response_submit(invitation=invitation)


@pytest.mark.parametrize("count", [2, 20])
def test_results_page_runs_constant_queries(
    client_for: Any, world: World, count: int, django_assert_max_num_queries: Any
) -> None:
    built = build_survey()
    _answers(built, count)
    client = client_for("liaison")
    url = reverse("surveys:results", args=[built.survey.pk])
    client.get(url)
    with django_assert_max_num_queries(24):
        response = client.get(url)
    body = response.content.decode()
    assert f"{count}" in body and "Vastaus 1" in body


def test_results_query_count_does_not_grow_with_answers(client_for: Any, world: World) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    built = build_survey()
    client = client_for("liaison")
    url = reverse("surveys:results", args=[built.survey.pk])
    counts = []
    for more in (3, 30):
        _answers(built, more)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_results_of_unpublished_survey_are_private_then_public(
    client_for: Any, world: World
) -> None:
    built = build_survey()
    url = reverse("surveys:results", args=[built.survey.pk])
    assert client_for("rep").get(url).status_code == 403
    client_for("liaison").post(
        reverse("surveys:publish", args=[built.survey.pk]), {"published": "1"}
    )
    assert Client().get(url).status_code == 200
    api = Client().get(f"/api/v1/surveys/{built.survey.pk}/results").json()
    assert api["id"] == built.survey.pk and len(api["questions"]) == 8
    listing = Client().get("/api/v1/surveys?municipality=276").json()
    assert [s["id"] for s in listing["results"]] == [built.survey.pk]


def test_open_link_gives_a_resident_a_personal_link(world: World) -> None:
    built = build_survey(open_link_enabled=True)
    response = Client().post(reverse("surveys:open", args=[built.survey.open_token]))
    invitation = Invitation.objects.get(survey=built.survey, kind="resident")
    assert response["Location"] == reverse("surveys:respond", args=[invitation.token])


def test_liaison_invites_a_team(client_for: Any, world: World) -> None:
    built = build_survey()
    client = client_for("liaison")
    url = reverse("surveys:invitations", args=[built.survey.pk])
    client.post(url, {"action": "named", "kind": "team", "name": "Nuorisotiimi"})
    client.post(url, {"action": "associations"})
    page = client.get(url).content.decode()
    assert "Nuorisotiimi" in page and "Ylä-Kuhan kyläyhdistys ry" in page


def test_region_page_shows_premises_share(world: World) -> None:
    world.association.uses_municipal_premises = True
    world.association.save()
    page = Client().get(reverse("geography:region", args=[world.region.code])).content.decode()
    assert "Joensuu" in page and "Kontiolahti" in page
    row = re.search(r'<th scope="row">Kontiolahti</th>(.*?)</tr>', page, re.S)
    assert row is not None and "100 % (1/1)" in row.group(1)
