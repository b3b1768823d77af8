"""Demo surveys from the source articles.

- Nurmes (article 003): the associations' survey for the welfare plan, answered by 28
  associations, 17 municipal teams and 3 stakeholders. The 833 action proposals themselves come
  from the proposals app's demo; here the answers carry the other questions.
- Kitee (article 003): the survey published after the association evening, open now, with
  Joensuu's question set and action proposals to the key themes; some answers sent, some drafts.
- Keski-Suomi (article 002): the regional mapping survey with municipality-specific results,
  including the premises question (article 004, P22).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from kumppani.accounts.models import User
from kumppani.associations.models import Association
from kumppani.geography.models import Municipality, Region
from kumppani.surveys.models import Invitation, Question, QuestionKind, RespondentKind, Survey
from kumppani.surveys.services import (
    invitation_create,
    invitations_for_associations,
    question_create,
    response_save,
    response_submit,
    section_create,
    survey_create,
    survey_update,
)
from kumppani.welfare.models import Plan

NURMES_TEAMS = [
    "Varhaiskasvatuksen tiimi", "Perusopetuksen tiimi", "Lukion tiimi", "Nuorisopalvelut",
    "Liikuntapalvelut", "Kulttuuripalvelut", "Kirjasto", "Kansalaisopisto",
    "Työllisyyspalvelut", "Elinvoimapalvelut", "Tekninen toimi", "Ympäristötoimi",
    "Ruokapalvelut", "Siivouspalvelut", "Hallintopalvelut", "Talouspalvelut", "Vapaa-aikatoimi",
]  # fmt: skip
NURMES_STAKEHOLDERS = [
    "Pohjois-Karjalan hyvinvointialueen Nurmeksen sote-keskus",
    "Nurmeksen seurakunta",
    "Nurmeksen poliisiasema",
]
SCALE_TEXT = "Miten hyvin yhteistyö kaupungin kanssa toimii nyt? (1 = huonosti, 5 = hyvin)"
PREMISES_TEXT = "Toimiiko yhteisönne kunnan tiloissa?"
DEVELOP_TEXTS = [
    "Säännöllinen järjestöfoorumi kaksi kertaa vuodessa auttaisi.",
    "Toivomme nimettyä yhteyshenkilöä, jolle voi soittaa.",
    "Tilojen varaaminen pitäisi olla helpompaa ja maksutonta yhdistyksille.",
    "Yhteinen tapahtumakalenteri kunnan sivuille.",
    "Avustusten hakuajat samaan aikaan kaikilla toimialoilla.",
    "Kumppanuuspöytä kerran kuussa kirjastolla.",
]


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _open_now() -> dict[str, Any]:
    now = timezone.now()
    return {"opens_at": now - dt.timedelta(days=1), "closes_at": now + dt.timedelta(days=1)}


def _q(section: Any, kind: str, text: str, **kw: Any) -> Question:
    return question_create(section=section, kind=kind, text_fi=text, **kw)


def _common_answers(rng: random.Random, q: dict[str, Question], sote: bool) -> dict[int, Any]:
    values: dict[int, Any] = {}
    if "scale" in q:
        values[q["scale"].pk] = str(rng.choice([2, 3, 3, 4, 4, 5]))
    if "premises" in q:
        share = 0.64 if sote else 0.45
        values[q["premises"].pk] = "yes" if rng.random() < share else "no"
    if "members" in q:
        values[q["members"].pk] = str(rng.randint(8, 400))
    if "develop" in q:
        values[q["develop"].pk] = rng.choice(DEVELOP_TEXTS)
    return values


def _is_sote(association: Association | None) -> bool:
    return association is not None and any(
        c.slug == "social-health" for c in association.categories.all()
    )


def _nurmes(rng: random.Random) -> None:
    nurmes = Municipality.objects.get(code="541")
    plan = Plan.objects.filter(municipality=nurmes).order_by("-start_year").first()
    survey = survey_create(
        actor=_user("yhdyshenkilo.nurmes@example.org"),
        scope="municipality",
        municipality=nurmes,
        plan=plan,
        title_fi="Toimenpide-ehdotukset Nurmeksen hyvinvointisuunnitelmaan",
        title_sv="Förslag till åtgärder i Nurmes välfärdsplan",
        title_en="Action proposals for the welfare plan of Nurmes",
        intro_fi="Ehdotukset saavat olla suuria tai pieniä, omaa yhteisöä koskevia tai koko "
        "kaupungin laajuisia. Hyte-työryhmä arvioi ehdotusten vaikuttavuuden.",
        **_open_now(),
    )
    basics = section_create(survey=survey, title_fi="Yhteisön tiedot", title_en="About you")
    q = {
        "scale": _q(basics, QuestionKind.SCALE, SCALE_TEXT, required=True),
        "premises": _q(basics, QuestionKind.YES_NO, PREMISES_TEXT, is_premises_question=True),
        "develop": _q(basics, QuestionKind.LONG_TEXT, "Miten kehittäisitte yhteistyötä?"),
    }
    for theme in plan.themes.all() if plan else []:
        section = section_create(survey=survey, theme=theme, title_fi=theme.name_fi,
                                 title_sv=theme.name_sv, title_en=theme.name_en)  # fmt: skip
        _q(
            section,
            QuestionKind.PROPOSALS,
            "Mitkä kolme toimenpidettä yhdistyksenne voi toteuttaa, ja mitkä kolme yhdessä "
            "muiden kanssa?",
            max_proposals=3,
        )
    invitations_for_associations(survey=survey, send=False)
    associations = list(
        Invitation.objects.filter(survey=survey, association__isnull=False)
        .select_related("association")
        .prefetch_related("association__categories")[:28]
    )
    parties = associations + [
        invitation_create(survey=survey, kind=RespondentKind.TEAM, name=n, send=False)
        for n in NURMES_TEAMS
    ] + [
        invitation_create(survey=survey, kind=RespondentKind.STAKEHOLDER, name=n, send=False)
        for n in NURMES_STAKEHOLDERS
    ]  # fmt: skip
    for invitation in parties:
        values = _common_answers(rng, q, _is_sote(invitation.association))
        if invitation.association is None:
            values.pop(q["premises"].pk)
        response_save(invitation=invitation, values=values)
        response_submit(invitation=invitation)
    survey_update(
        survey=survey,
        opens_at=dt.datetime(2024, 9, 2, 8, tzinfo=dt.UTC),
        closes_at=dt.datetime(2024, 10, 15, 14, tzinfo=dt.UTC),
    )
    survey.results_published = True
    survey.save(update_fields=["results_published"])


def _kitee(rng: random.Random) -> None:
    kitee = Municipality.objects.get(code="260")
    survey = survey_create(
        actor=None,
        scope="municipality",
        municipality=kitee,
        title_fi="Järjestöjen ideat kiteeläisten hyvinvointiin",
        title_sv="Föreningarnas idéer för välfärden i Kides",
        title_en="Associations' ideas for wellbeing in Kitee",
        intro_fi="Kiitos järjestöillasta! Kerro vielä ideasi ja toimenpide-ehdotuksesi laajan "
        "hyvinvointikertomuksen kärkiteemoihin.",
        open_link_enabled=True,
        opens_at=timezone.now() - dt.timedelta(days=7),
        closes_at=timezone.now() + dt.timedelta(days=21),
    )
    role = section_create(survey=survey, title_fi="Järjestöni rooli hyvinvointityössä")
    q = {
        "can_do": _q(role, QuestionKind.LONG_TEXT,
                     "Mitä yhteisöni voi tehdä kiteeläisten hyvinvoinnin edistämiseksi?",
                     required=True),
        "dialogue": _q(role, QuestionKind.LONG_TEXT,
                       "Minkälaista vuoropuhelua toivotte kaupungin ja järjestöjen välille?"),
        "scale": _q(role, QuestionKind.SCALE, SCALE_TEXT),
        "premises": _q(role, QuestionKind.YES_NO, PREMISES_TEXT, is_premises_question=True),
    }  # fmt: skip
    themes = ["Osallisuus ja yhteisöllisyys", "Liikunta ja terveelliset elintavat"]
    proposal_questions = []
    for name in themes:
        section = section_create(survey=survey, title_fi=name)
        proposal_questions.append(
            _q(section, QuestionKind.PROPOSALS, "Toimenpide-ehdotuksesi teemaan", max_proposals=3)
        )
    invitations_for_associations(survey=survey, send=False)
    ideas = ["Kylätalon avoimet ovet kerran kuussa", "Ikäihmisten kävelyryhmä",
             "Nuorten kesätyöt yhdistyksissä", "Yhteinen liikuntapäivä koulun kanssa"]  # fmt: skip
    invitations = list(
        Invitation.objects.filter(survey=survey).select_related("association")
        .prefetch_related("association__categories")[:20]
    )  # fmt: skip
    for i, invitation in enumerate(invitations):
        values: dict[int, Any] = {
            q["can_do"].pk: rng.choice(DEVELOP_TEXTS),
            q["dialogue"].pk: rng.choice(DEVELOP_TEXTS),
            q["scale"].pk: str(rng.randint(2, 5)),
            q["premises"].pk: "yes" if rng.random() < 0.55 else "no",
        }
        for question in proposal_questions:
            values[question.pk] = {
                "own": rng.sample(ideas, 2),
                "together": rng.sample(ideas, 1),
            }
        response_save(invitation=invitation, values=values)
        if i % 3:  # every third stays a draft
            response_submit(invitation=invitation)


def _keski_suomi(rng: random.Random) -> None:
    region = Region.objects.get(code="13")
    survey = survey_create(
        actor=_user("koordinaattori.ks@example.org"),
        scope="region",
        region=region,
        title_fi="Keski-Suomen järjestökartoitus",
        title_sv="Kartläggning av organisationerna i Mellersta Finland",
        title_en="Mapping survey of associations in Central Finland",
        intro_fi="Kartoitus kunta-järjestöyhteistyöstä. Tulokset käsitellään kuntakohtaisesti "
        "elinvoimapajoissa.",
        **_open_now(),
    )
    cooperation = section_create(survey=survey, title_fi="Yhteistyö kunnan kanssa")
    liaison = question_create(
        section=cooperation, kind=QuestionKind.SINGLE, required=True,
        text_fi="Onko kunnassanne nimetty järjestöyhdyshenkilö?",
        choices=[
            ("Kyllä", "Ja", "Yes"),
            ("Ei", "Nej", "No"),
            ("En tiedä", "Vet inte", "Don't know"),
        ],
    )  # fmt: skip
    forms_q = question_create(
        section=cooperation, kind=QuestionKind.MULTIPLE,
        text_fi="Missä yhteistyön muodoissa yhdistyksenne on mukana?",
        choices=[("Järjestöilta tai -foorumi", "", ""), ("Kumppanuuspöytä", "", ""),
                 ("Hyvinvointiryhmä", "", ""), ("Avustukset", "", ""),
                 ("Kunnan tilojen käyttö", "", "")],
    )  # fmt: skip
    q = {
        "scale": _q(cooperation, QuestionKind.SCALE, SCALE_TEXT),
        "premises": _q(cooperation, QuestionKind.YES_NO, PREMISES_TEXT, is_premises_question=True),
        "members": _q(cooperation, QuestionKind.NUMBER, "Montako jäsentä yhdistyksellä on?"),
        "develop": _q(cooperation, QuestionKind.LONG_TEXT,
                      "Miten yhteistyötä tulisi kehittää suunnitelmallisemmaksi?"),
    }  # fmt: skip
    invitations_for_associations(survey=survey, send=False)
    invitations = list(
        Invitation.objects.filter(survey=survey).select_related("association")
        .prefetch_related("association__categories")
    )  # fmt: skip
    liaison_choices = list(liaison.choices.all())
    form_choices = list(forms_q.choices.all())
    for invitation in invitations:
        if rng.random() < 0.15:
            continue  # not everyone answers
        values = _common_answers(rng, q, _is_sote(invitation.association))
        values[liaison.pk] = str(rng.choice(liaison_choices).pk)
        values[forms_q.pk] = [str(c.pk) for c in rng.sample(form_choices, rng.randint(1, 3))]
        response_save(invitation=invitation, values=values)
        response_submit(invitation=invitation)
    survey_update(
        survey=survey,
        opens_at=timezone.now() - dt.timedelta(days=60),
        closes_at=timezone.now() - dt.timedelta(days=20),
    )
    survey.results_published = True
    survey.save(update_fields=["results_published"])


def seed(rng: random.Random) -> dict[str, str]:
    """Create the demo surveys once; running again changes nothing."""
    if not Survey.objects.filter(municipality__code="541").exists():
        _nurmes(rng)
    if not Survey.objects.filter(municipality__code="260").exists():
        _kitee(rng)
    if not Survey.objects.filter(region__code="13", scope="region").exists():
        _keski_suomi(rng)
    return {}
