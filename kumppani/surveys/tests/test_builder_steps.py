"""Adding a question in two steps (type, then that type's fields), scale end labels, preview."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kumppani.accounts.testing import World
from kumppani.surveys.forms import SCALE_FIELDS
from kumppani.surveys.models import Invitation, Question, QuestionKind
from kumppani.surveys.services import invitations_for_associations, response_save, response_submit
from kumppani.surveys.tests.factories import build_survey

pytestmark = pytest.mark.django_db


def _en(url: str) -> str:
    return "/en" + url[3:]


def _names(html: str) -> set[str]:
    """The names of the form's visible inputs."""
    return {
        m.group(1)
        for m in re.finditer(r'<(?:input|textarea|select)[^>]*name="([^"]+)"', html)
        if 'type="hidden"' not in m.group(0)
    }


def test_adding_a_question_asks_the_type_first(client_for: Any, world: World) -> None:
    built = build_survey()
    client = client_for("liaison")
    url = _en(reverse("surveys:question_create", args=[built.survey.pk, built.text.section_id]))
    first = client.get(url).content.decode()
    assert 'method="get"' in first and "Step 1 of 2" in first
    assert _names(first) == {"kind"}
    assert 'value="scale"' in first and "Single choice" in first


@pytest.mark.parametrize(
    ("kind", "specific"),
    [
        ("short_text", set()),
        ("single", {"choices_fi", "choices_sv", "choices_en"}),
        ("multiple", {"choices_fi", "choices_sv", "choices_en"}),
        ("scale", set(SCALE_FIELDS)),
        ("proposals", {"max_proposals"}),
        ("yes_no", {"is_premises_question"}),
    ],
)
def test_the_second_step_shows_only_the_fields_of_the_type(
    client_for: Any, world: World, kind: str, specific: set[str]
) -> None:
    built = build_survey()
    url = _en(reverse("surveys:question_create", args=[built.survey.pk, built.text.section_id]))
    page = client_for("liaison").get(url, {"kind": kind}).content.decode()
    common = {"text_fi", "text_sv", "text_en", "help_fi", "help_sv", "help_en", "required"}
    assert _names(page) == common | specific
    assert f'name="kind" value="{kind}"' in page
    assert "Change the type" in page


def test_scale_end_labels_reach_respondents_and_results(client_for: Any, world: World) -> None:
    built = build_survey()
    client = client_for("liaison")
    section = built.text.section
    url = reverse("surveys:question_create", args=[built.survey.pk, section.pk])
    response = client.post(
        url + "?kind=scale",
        {
            "kind": "scale",
            "text_fi": "Kuinka tärkeää yhteistyö on?",
            "text_en": "How important is cooperation?",
            "scale_min": 1,
            "scale_max": 5,
            "scale_min_label_fi": "ei lainkaan",
            "scale_min_label_en": "not at all",
            "scale_max_label_fi": "erittäin paljon",
            "scale_max_label_en": "very much",
            # A field of another type sent by hand is ignored.
            "choices_fi": "A\nB",
        },
    )
    assert response.status_code == 302
    question = Question.objects.get(text_fi="Kuinka tärkeää yhteistyö on?")
    assert question.kind == QuestionKind.SCALE and not question.choices.exists()
    assert (question.scale_min_label_en, question.scale_max_label_fi) == (
        "not at all",
        "erittäin paljon",
    )
    invitations_for_associations(survey=built.survey, send=False)
    invitation = Invitation.objects.get(survey=built.survey, association=world.association)
    answer_page = Client().get(_en(reverse("surveys:respond_section", args=[invitation.token, 1])))
    body = answer_page.content.decode()
    assert "1 – not at all" in body and "5 – very much" in body
    response_save(invitation=invitation, values={built.text.pk: "x", question.pk: "4"})
    response_submit(invitation=invitation)
    results = client.get(_en(reverse("surveys:results", args=[built.survey.pk])))
    assert "1 – not at all" in results.content.decode()
    assert "5 – very much" in results.content.decode()


def test_editing_keeps_the_type_and_can_go_back_to_choose_it(client_for: Any, world: World) -> None:
    built = build_survey()
    client = client_for("liaison")
    url = _en(reverse("surveys:question_edit", args=[built.survey.pk, built.single.pk]))
    page = client.get(url).content.decode()
    assert "choices_fi" in _names(page) and "scale_min" not in _names(page)
    assert "Kylä\nKunta\nMaakunta" in page
    choose = client.get(url, {"choose": "1"}).content.decode()
    assert _names(choose) == {"kind"}
    assert re.search(r'<input[^>]*value="single"[^>]*checked', choose)


def test_owner_previews_the_survey_read_only(client_for: Any, world: World) -> None:
    built = build_survey(title_en="Cooperation survey")
    built.scale.scale_min_label_en = "not at all"
    built.scale.save()
    page = client_for("liaison").get(_en(reverse("surveys:preview", args=[built.survey.pk])))
    assert page.status_code == 200
    body = page.content.decode()
    main = body[body.index("<main") : body.index("</main>")]
    assert "how respondents will see the survey" in main
    for question in (built.text, built.single, built.proposals):
        assert question.text_fi in main
    assert "1 – not at all" in main and "Kylä" in main
    assert "<form" not in main and "<button" not in main  # nothing to send
    inputs = re.findall(r"<(?:input|textarea)[^>]*>", main)
    assert inputs and all("disabled" in tag for tag in inputs)
    detail = client_for("liaison").get(_en(reverse("surveys:detail", args=[built.survey.pk])))
    assert _en(reverse("surveys:preview", args=[built.survey.pk])) in detail.content.decode()
