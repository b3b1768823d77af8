"""Who may open every page and call every API operation of the cooperation app."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kumppani.accounts.testing import World
from kumppani.cooperation.models import GuideStatus
from kumppani.cooperation.tests.factories import (
    AgentPairingFactory,
    AgreementFactory,
    BodyFactory,
    BodyMemberFactory,
    CycleEntryFactory,
    GoodPracticeFactory,
    GuideVersionFactory,
    LiaisonFactory,
)
from kumppani.core.tests.matrix import (
    CREATED,
    LIAISON,
    OK,
    Case,
    api_only,
    api_public,
    only,
    public,
    roles_expect,
)

COORDINATOR = ("coordinator", "admin")


def _code(w: World) -> dict[str, Any]:
    return {"code": w.municipality.code}


def _published(w: World) -> dict[str, Any]:
    version = GuideVersionFactory.create(guide__municipality=w.municipality, number=1)
    return {"code": w.municipality.code, "number": version.number}


def _draft(w: World) -> dict[str, Any]:
    version = GuideVersionFactory.create(
        guide__municipality=w.municipality, number=1, status=GuideStatus.DRAFT, published_at=None
    )
    return {"code": w.municipality.code, "number": version.number}


def _liaison(w: World) -> dict[str, Any]:
    return {"pk": LiaisonFactory.create(municipality=w.municipality).pk}


def _agent(w: World) -> dict[str, Any]:
    return {"pk": AgentPairingFactory.create(liaison__municipality=w.municipality).pk}


def _body(w: World) -> dict[str, Any]:
    return {"pk": BodyFactory.create(municipality=w.municipality).pk}


def _member(w: World) -> dict[str, Any]:
    return {"pk": BodyMemberFactory.create(body__municipality=w.municipality).pk}


def _agreement(w: World) -> dict[str, Any]:
    return {
        "pk": AgreementFactory.create(municipality=w.municipality, association=w.association).pk
    }


def _hidden_agreement(w: World) -> dict[str, Any]:
    agreement = AgreementFactory.create(
        municipality=w.municipality, association=w.association, is_public=False
    )
    return {"pk": agreement.pk}


def _entry(w: World) -> dict[str, Any]:
    return {"pk": CycleEntryFactory.create(municipality=w.municipality).pk}


def _practice(w: World) -> dict[str, Any]:
    return {"pk": GoodPracticeFactory.create(origin_municipality=w.other_municipality).pk}


def _own_practice(w: World) -> dict[str, Any]:
    return {"pk": GoodPracticeFactory.create(origin_municipality=w.municipality).pk}


ADOPTERS = ("other_liaison", "liaison", "coordinator", "admin")

PAGES = {
    "cooperation:contacts": public(kwargs=_code),
    "cooperation:liaisons_manage": only(*LIAISON, kwargs=_code),
    "cooperation:liaison_edit": only(*LIAISON, kwargs=_liaison),
    "cooperation:liaison_delete": only(*LIAISON, ok=OK, method="post", kwargs=_liaison),
    "cooperation:agent_add": only(
        *LIAISON, ok=OK, method="post", kwargs=_liaison, data=lambda w: {"agent_name": "Aatu"}
    ),
    "cooperation:agent_remove": only(*LIAISON, ok=OK, method="post", kwargs=_agent),
    "cooperation:bodies": public(kwargs=_code),
    "cooperation:body_create": only(*LIAISON, kwargs=_code),
    "cooperation:body": public(kwargs=_body),
    "cooperation:body_edit": only(*LIAISON, kwargs=_body),
    "cooperation:body_members": only(*LIAISON, kwargs=_body),
    "cooperation:body_member_remove": only(*LIAISON, ok=OK, method="post", kwargs=_member),
    "cooperation:agreements": public(kwargs=_code),
    "cooperation:agreement_create": only(*LIAISON, kwargs=_code),
    "cooperation:agreement": public(kwargs=_agreement),
    "cooperation:agreement_edit": only(*LIAISON, kwargs=_agreement),
    # No attachment in the matrix's agreement: 404 for everyone who may see the agreement.
    "cooperation:agreement_attachment": Case(
        expect=roles_expect(set(), denied=404, anonymous=404), kwargs=_hidden_agreement
    ),
    "cooperation:guide_template": only(*COORDINATOR),
    "cooperation:guide": public(kwargs=_code),
    "cooperation:guide_pdf": public(kwargs=lambda w: {"code": _published(w)["code"]}),
    "cooperation:guide_edit": only(*LIAISON, kwargs=_code),
    "cooperation:guide_start": only(*LIAISON, ok=OK, method="post", kwargs=_code),
    "cooperation:guide_publish": only(*LIAISON, ok=OK, method="post", kwargs=_code),
    "cooperation:guide_versions": public(kwargs=_code),
    "cooperation:guide_version": only(*LIAISON, kwargs=_draft),
    "cooperation:guide_compare": public(kwargs=_published),
    "cooperation:cycle": public(kwargs=_code),
    "cooperation:cycle_entry_create": only(*LIAISON, kwargs=_code),
    "cooperation:cycle_entry_edit": only(*LIAISON, kwargs=_entry),
    "cooperation:cycle_entry_delete": only(*LIAISON, ok=OK, method="post", kwargs=_entry),
    "cooperation:practices": public(),
    "cooperation:practice_create": only(*COORDINATOR),
    "cooperation:practice": public(kwargs=_practice),
    "cooperation:practice_edit": only(*COORDINATOR, kwargs=_own_practice),
    "cooperation:practice_adopt": only(*ADOPTERS, kwargs=_practice),
    "cooperation:practice_material": Case(
        expect=roles_expect(set(), denied=404, anonymous=404), kwargs=_practice
    ),
}


def _liaison_payload(w: World) -> dict[str, Any]:
    return {
        "name": "Uusi Yhdyshenkilö",
        "email": "uusi.yhdyshenkilo@example.org",
        "phone": "040 000 0000",
        "unit": "Sivistyspalvelut",
        "hours_per_month": 16,
        "role_description_fi": "Järjestöyhteistyön koordinointi.",
    }


def _body_payload(w: World) -> dict[str, Any]:
    return {
        "kind": "advisory_council",
        "name_fi": "Paikallis-JANE",
        "members": [{"name": "Maija Jäsen", "association_id": w.association.pk}],
    }


def _agreement_payload(w: World) -> dict[str, Any]:
    return {"association_id": w.association.pk, "title": "Kylätalon käyttö", "start": "2026-01-01"}


def _practice_payload(w: World) -> dict[str, Any]:
    return {"title_fi": "Hyvinvointikioski", "origin_municipality": w.municipality.code}


API = {
    "GET /api/v1/municipalities/{code}/liaisons": api_public(kwargs=_code),
    "POST /api/v1/municipalities/{code}/liaisons": api_only(
        *COORDINATOR, ok=CREATED, kwargs=_code, data=_liaison_payload
    ),
    "GET /api/v1/municipalities/{code}/guide": api_public(
        kwargs=lambda w: {"code": _published(w)["code"]}
    ),
    "GET /api/v1/municipalities/{code}/annual-cycle.ics": api_public(kwargs=_code),
    "GET /api/v1/municipalities/{code}/bodies": api_public(kwargs=_code),
    "GET /api/v1/bodies/{pk}": api_public(kwargs=_body),
    "POST /api/v1/municipalities/{code}/bodies": api_only(
        *LIAISON, ok=CREATED, kwargs=_code, data=_body_payload
    ),
    "GET /api/v1/municipalities/{code}/agreements": api_public(kwargs=_code),
    "POST /api/v1/municipalities/{code}/agreements": api_only(
        *LIAISON, ok=CREATED, kwargs=_code, data=_agreement_payload
    ),
    "GET /api/v1/practices": api_public(),
    "GET /api/v1/practices/{pk}": api_public(kwargs=_practice),
    "POST /api/v1/practices": api_only(*COORDINATOR, ok=CREATED, data=_practice_payload),
    "POST /api/v1/practices/{pk}/adoptions": api_only(
        *LIAISON,
        ok=CREATED,
        kwargs=_practice,
        data=lambda w: {"municipality": w.municipality.code, "adopted_on": str(dt.date.today())},
    ),
}
