"""Free text in surveys has one length limit, enforced by forms and services alike."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from kumppani.accounts.testing import World
from kumppani.core.limits import SHORT_TEXT
from kumppani.surveys.models import ANSWER_TEXT_LIMIT, PROPOSAL_TEXT_LIMIT, Answer, Invitation
from kumppani.surveys.services import (
    invitations_for_associations,
    question_create,
    response_save,
    section_update,
    survey_update,
)
from kumppani.surveys.tests.factories import Built, build_survey
from kumppani.surveys.values import fingerprint

pytestmark = pytest.mark.django_db

TOO_LONG = "Ensure this value has at most {limit} characters (it has {length})."


def _invitation(built: Built, world: World) -> Invitation:
    invitations_for_associations(survey=built.survey, send=False)
    return Invitation.objects.get(survey=built.survey, association=world.association)


def test_over_long_answer_is_refused_by_the_service(world: World) -> None:
    built = build_survey()
    invitation = _invitation(built, world)
    with pytest.raises(ValidationError) as error:
        response_save(
            invitation=invitation,
            values={built.text.pk: "Lyhyt", built.long.pk: "x" * (ANSWER_TEXT_LIMIT + 1)},
        )
    assert error.value.message_dict == {
        f"q{built.long.pk}": [
            f"Tämän arvon tulee olla enintään {ANSWER_TEXT_LIMIT} merkkiä pitkä "
            f"(tällä hetkellä {ANSWER_TEXT_LIMIT + 1})."
        ]
    }
    assert not Answer.objects.exists()  # nothing of the save was kept


def test_over_long_proposal_is_refused_by_the_service(world: World) -> None:
    built = build_survey()
    invitation = _invitation(built, world)
    with pytest.raises(ValidationError):
        response_save(
            invitation=invitation,
            values={built.proposals.pk: {"own": ["y" * (PROPOSAL_TEXT_LIMIT + 1)], "together": []}},
        )
    assert not Answer.objects.exists()


def test_over_long_answer_on_the_page_keeps_the_other_answers(world: World) -> None:
    built = build_survey()
    invitation = _invitation(built, world)
    url = "/en" + reverse("surveys:respond_section", args=[invitation.token, 1])[3:]
    data = {"go": "stay"}
    for question in built.survey.sections.first().questions.all():  # type: ignore[union-attr]
        empty = None if question.kind in ("number", "scale") else ""
        data[f"h{question.pk}"] = fingerprint(question, empty)
    data[f"q{built.text.pk}"] = "Kylätalon illat"
    data[f"q{built.number.pk}"] = "57"
    data[f"q{built.long.pk}"] = "x" * (ANSWER_TEXT_LIMIT + 5)
    response = Client().post(url, data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Check the answers marked below; nothing was saved." in body
    assert TOO_LONG.format(limit=ANSWER_TEXT_LIMIT, length=ANSWER_TEXT_LIMIT + 5) in body
    assert 'value="Kylätalon illat"' in body and 'value="57"' in body
    assert not Answer.objects.exists()


def test_over_long_descriptions_are_refused(world: World) -> None:
    built = build_survey()
    with pytest.raises(ValidationError) as error:
        survey_update(survey=built.survey, intro_fi="a" * (SHORT_TEXT + 1))
    assert list(error.value.message_dict) == ["intro_fi"]
    section = built.text.section
    with pytest.raises(ValidationError) as error:
        section_update(section=section, intro_sv="a" * (SHORT_TEXT + 1))
    assert list(error.value.message_dict) == ["intro_sv"]
    with pytest.raises(ValidationError) as error:
        question_create(section=section, kind="short_text", text_fi="K?", help_fi="a" * 5000)
    assert list(error.value.message_dict) == ["help_fi"]


def test_builder_form_refuses_an_over_long_help_text(client_for: object, world: World) -> None:
    built = build_survey()
    client = client_for("liaison")  # type: ignore[operator]
    url = reverse("surveys:question_edit", args=[built.survey.pk, built.text.pk])
    response = client.post(url, {"text_fi": "Kysymys?", "help_fi": "a" * (SHORT_TEXT + 1)})
    assert response.status_code == 200
    assert "help_fi" in response.context["form"].errors
