"""Drafts, concurrency, the close time, anonymity, regional results and premises shares."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from openpyxl import load_workbook

from kumppani.accounts.testing import World
from kumppani.associations.models import Category
from kumppani.associations.tests.factories import AssociationFactory
from kumppani.core.spreadsheets import safe_cell
from kumppani.surveys.exports import export_csv, export_xlsx
from kumppani.surveys.models import Answer, Invitation, ResponseStatus, Scope
from kumppani.surveys.results import premises_statistics, results_for
from kumppani.surveys.selectors import survey_structure
from kumppani.surveys.services import (
    SurveyClosedError,
    invitations_for_associations,
    response_save,
    response_submit,
)
from kumppani.surveys.tests.factories import Built, build_survey
from kumppani.surveys.values import fingerprint

pytestmark = pytest.mark.django_db


def _invite(built: Built, world: World) -> Invitation:
    invitations_for_associations(survey=built.survey)
    return Invitation.objects.get(survey=built.survey, association=world.association)


def test_association_invitations_email_and_once_only(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    built = build_survey()
    with django_capture_on_commit_callbacks(execute=True):
        first = invitations_for_associations(survey=built.survey)
    assert world.association in [i.association for i in first]
    assert world.other_association not in [i.association for i in first]  # Joensuu
    assert any("rep@example.org" in m.to for m in mail.outbox)
    assert invitations_for_associations(survey=built.survey) == []


def test_draft_is_resumed_by_a_second_representative(world: World) -> None:
    built = build_survey()
    invitation = _invite(built, world)
    response_save(invitation=invitation, values={built.text.pk: "Kylätalon illat"}, user=world.rep)
    # Another person continues the same response with the same personal link.
    response_save(invitation=invitation, values={built.number.pk: "57"}, user=world.admin)
    answers = {a.question_id: a for a in Answer.objects.filter(response__invitation=invitation)}
    assert answers[built.text.pk].text == "Kylätalon illat"
    assert answers[built.number.pk].number == Decimal("57")
    assert (
        Invitation.objects.filter(survey=built.survey, association=world.association).count() == 1
    )


def test_two_people_saving_different_questions_both_keep_their_answers(world: World) -> None:
    built = build_survey()
    invitation = _invite(built, world)
    shown = {built.text.pk: "", built.long.pk: ""}
    prints = {
        qid: fingerprint(q, "")
        for qid, q in ((built.text.pk, built.text), (built.long.pk, built.long))
    }
    # Both opened the empty page; A fills the first question, B the second.
    response_save(
        invitation=invitation, values={**shown, built.text.pk: "A:n vastaus"}, fingerprints=prints
    )
    response_save(
        invitation=invitation, values={**shown, built.long.pk: "B:n vastaus"}, fingerprints=prints
    )
    answers = {
        a.question_id: a.text for a in Answer.objects.filter(response__invitation=invitation)
    }
    assert answers == {built.text.pk: "A:n vastaus", built.long.pk: "B:n vastaus"}


def test_late_submit_is_rejected_and_the_draft_stays(world: World) -> None:
    built = build_survey()
    invitation = _invite(built, world)
    response_save(invitation=invitation, values={built.text.pk: "Luonnos"})
    built.survey.closes_at = timezone.now() - dt.timedelta(minutes=1)
    built.survey.opens_at = timezone.now() - dt.timedelta(days=3)
    built.survey.save()
    invitation.refresh_from_db()
    with pytest.raises(SurveyClosedError) as error:
        response_submit(invitation=invitation)
    assert "sulkeutui" in " ".join(error.value.messages)  # "the survey closed on …"
    with pytest.raises(SurveyClosedError):
        response_save(invitation=invitation, values={built.text.pk: "Myöhässä"})
    answer = Answer.objects.get(response__invitation=invitation, question=built.text)
    assert answer.text == "Luonnos"
    assert answer.response.status == ResponseStatus.DRAFT


def test_required_questions_block_submit(world: World) -> None:
    built = build_survey()
    invitation = _invite(built, world)
    response_save(invitation=invitation, values={built.number.pk: "3"})
    with pytest.raises(ValidationError) as error:
        response_submit(invitation=invitation)
    assert "Mitä yhteisönne voi tehdä?" in " ".join(error.value.messages)


def _answer(built: Built, invitation: Invitation, text: str, yes: str, scale: str) -> None:
    response_save(
        invitation=invitation,
        values={
            built.text.pk: text,
            built.yes_no.pk: yes,
            built.scale.pk: scale,
            built.single.pk: str(built.single.choices.first().pk),  # type: ignore[union-attr]
            built.multiple.pk: [str(c.pk) for c in built.multiple.choices.all()[:2]],
            built.proposals.pk: {"own": ["Lukupiiri", ""], "together": ["Yhteinen kesäjuhla"]},
        },
    )
    response_submit(invitation=invitation)


def test_anonymous_survey_hides_identities_in_results_and_exports(world: World) -> None:
    built = build_survey(anonymous=True)
    invitation = _invite(built, world)
    _answer(built, invitation, '=HYPERLINK("http://evil")', "yes", "4")
    survey = survey_structure(survey_id=built.survey.pk)
    data = results_for(survey=survey)
    texts = [t for _s, rows in data.sections for r in rows for t in r.texts]
    assert texts and all(t.who == "" for t in texts)
    content = export_csv(survey=survey)
    assert "Ylä-Kuhan kyläyhdistys" not in content
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    assert "Respondent" not in rows[0]
    assert '\'=HYPERLINK("http://evil")' in rows[1]
    workbook = load_workbook(io.BytesIO(export_xlsx(survey=survey)))
    values = [c.value for row in workbook.active.iter_rows() for c in row]
    assert '\'=HYPERLINK("http://evil")' in values
    assert not any("Ylä-Kuhan" in str(v) for v in values)


def test_named_survey_shows_who_answered(world: World) -> None:
    built = build_survey()
    _answer(built, _invite(built, world), "Kylätalon illat", "no", "2")
    data = results_for(survey=survey_structure(survey_id=built.survey.pk))
    texts = [t for _s, rows in data.sections for r in rows for t in r.texts]
    assert any(t.who == "Ylä-Kuhan kyläyhdistys ry" for t in texts)
    assert "Ylä-Kuhan kyläyhdistys ry" in export_csv(survey=built.survey)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+2", "'=1+2"), ("+358", "'+358"), ("-x", "'-x"), ("@SUM", "'@SUM"),
     ("\tx", "'\tx"), ("\rx", "'\rx"), ("ok", "ok"), (5, 5)],
)  # fmt: skip
def test_formula_safe_cells(value: object, expected: object) -> None:
    assert safe_cell(value) == expected


def test_regional_survey_results_per_municipality(world: World) -> None:
    built = build_survey(scope=Scope.REGION, municipality=None, region=world.region)
    invitations_for_associations(survey=built.survey)
    mine = Invitation.objects.get(survey=built.survey, association=world.association)
    theirs = Invitation.objects.get(survey=built.survey, association=world.other_association)
    _answer(built, mine, "Kontiolahden vastaus", "yes", "5")
    _answer(built, theirs, "Joensuun vastaus", "no", "1")
    survey = survey_structure(survey_id=built.survey.pk)
    region = results_for(survey=survey)
    assert region.respondents == 2
    assert {r.municipality.code: r.submitted for r in region.by_municipality} == {
        "276": 1,
        "167": 1,
    }
    local = results_for(survey=survey, municipality=world.municipality)
    yes_no = next(r for _s, rows in local.sections for r in rows if r.question == built.yes_no)
    assert [(b.count, b.percent) for b in yes_no.main.bars] == [(1, 100), (0, 0)]  # yes, no
    assert yes_no.region is not None
    assert [b.percent for b in yes_no.region.bars] == [50, 50]
    texts = [t.text for _s, rows in local.sections for r in rows for t in r.texts]
    assert "Kontiolahden vastaus" in texts and "Joensuun vastaus" not in texts


def test_premises_share_from_survey_and_registry(world: World) -> None:
    sote = Category.objects.get(slug="social-health")
    culture = Category.objects.get(slug="culture")
    for i, uses in enumerate([True, True, False]):
        AssociationFactory(
            name_fi=f"Sote {i} ry", home_municipality=world.municipality, categories=[sote],
            uses_municipal_premises=uses,
        )  # fmt: skip
    AssociationFactory(
        name_fi="Kulttuuri ry", home_municipality=world.municipality, categories=[culture]
    )
    built = build_survey(scope=Scope.REGION, municipality=None, region=world.region)
    invitations_for_associations(survey=built.survey)
    for invitation in Invitation.objects.filter(survey=built.survey).select_related("association"):
        name = invitation.association.name_fi  # type: ignore[union-attr]
        yes = "no" if name in ("Sote 2 ry", "Kulttuuri ry") else "yes"
        _answer(built, invitation, "x", yes, "3")
    stats = premises_statistics(region=world.region, survey=built.survey)
    kontiolahti = next(r for r in stats.rows if r.municipality == world.municipality)
    # Survey: Sote 0 and 1 yes, Sote 2 no; registry: the same. Joensuun Sydänyhdistys (sote) yes.
    assert (kontiolahti.survey_sote.yes, kontiolahti.survey_sote.total) == (2, 3)
    assert kontiolahti.survey_sote.percent == 67
    assert (kontiolahti.registry_sote.yes, kontiolahti.registry_sote.total) == (2, 3)
    assert (stats.total.survey_sote.yes, stats.total.survey_sote.total) == (3, 4)
    assert stats.total.survey_sote.percent == 75
    # Other associations: the village association (yes) and the culture one (no).
    assert (kontiolahti.survey_other.yes, kontiolahti.survey_other.total) == (1, 2)


def test_survey_period_feeds_the_annual_cycle(world: World) -> None:
    from kumppani.core.cycle import cycle_items

    built = build_survey()
    regional = build_survey(scope=Scope.REGION, municipality=None, region=world.region)
    today = timezone.localdate()
    items = [
        i
        for i in cycle_items(world.municipality, today, today + dt.timedelta(days=30))
        if i.kind == "survey_period"
    ]
    uids = {i.uid for i in items}
    assert {f"survey-{built.survey.pk}@kumppani", f"survey-{regional.survey.pk}@kumppani"} <= uids
    far = cycle_items(world.far_municipality, today, today + dt.timedelta(days=30))
    assert not [i for i in far if i.kind == "survey_period"]
