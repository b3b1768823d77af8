"""Pages: what residents, liaisons and coordinators see; constant query counts; PDF and ics."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar
from pypdf import PdfReader

from kumppani.accounts.models import Role
from kumppani.accounts.services import role_assign
from kumppani.accounts.testing import World
from kumppani.associations.tests.factories import UserFactory
from kumppani.cooperation.models import GuideStatus, GuideVersion
from kumppani.cooperation.tests.factories import (
    AdoptionFactory,
    AgentPairingFactory,
    AgreementFactory,
    BodyFactory,
    BodyMemberFactory,
    CycleEntryFactory,
    GoodPracticeFactory,
    GuideVersionFactory,
    LiaisonFactory,
)
from kumppani.geography.models import Municipality

pytestmark = pytest.mark.django_db


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _grow(world: World, n: int) -> None:
    """n more of everything the cooperation pages show."""
    m = world.municipality
    for _ in range(n):
        liaison = LiaisonFactory.create(municipality=m)
        AgentPairingFactory.create(liaison=liaison, association=world.association)
        body = BodyFactory.create(municipality=m)
        BodyMemberFactory.create(
            body=body,
            association=world.association,
            term_end=timezone.localdate() + dt.timedelta(days=30),
        )
        AgreementFactory.create(
            municipality=m,
            association=world.association,
            end=timezone.localdate() + dt.timedelta(days=40),
        )
        CycleEntryFactory.create(municipality=m)
        AdoptionFactory.create(
            practice=GoodPracticeFactory.create(origin_municipality=world.other_municipality),
            municipality=m,
        )


@pytest.mark.parametrize(
    "path",
    [
        lambda w: f"/fi/municipalities/{w.municipality.code}/",
        lambda w: f"/fi/municipalities/{w.municipality.code}/guide/",
        lambda w: f"/fi/municipalities/{w.municipality.code}/annual-cycle/",
        lambda w: f"/fi/regions/{w.region.code}/",
        lambda w: "/fi/practices/",
        lambda w: f"/api/v1/municipalities/{w.municipality.code}/liaisons",
    ],
)
def test_pages_run_a_constant_number_of_queries(
    world: World, client_for: Any, path: Callable[[World], str]
) -> None:
    GuideVersionFactory.create(guide__municipality=world.municipality, number=1)
    client = client_for("liaison")
    url = path(world)
    _grow(world, 1)
    client.get(url)  # warm up caches (session, reference data) outside the measurement
    small = _count(client, url)
    _grow(world, 6)
    assert _count(client, url) == small


def test_municipality_page_answers_who_do_i_contact(world: World, client: Client) -> None:
    liaison = LiaisonFactory.create(
        municipality=world.municipality,
        name="Kaisa Kuntalainen",
        hours_per_month=24,
        role_description_fi="Kutsuu järjestöt koolle kolmesti vuodessa.",
    )
    AgentPairingFactory.create(
        liaison=liaison, agent_name="Aatu Agentti", association=world.association
    )
    LiaisonFactory.create(municipality=world.municipality, name="Piilo Henkilö", is_public=False)
    html = client.get(f"/fi/municipalities/{world.municipality.code}/").content.decode()
    assert "Kaisa Kuntalainen" in html and "Aatu Agentti" in html
    assert "Kutsuu järjestöt koolle" in html
    assert "Piilo Henkilö" not in html


def test_region_page_counts_municipalities_with_a_liaison(world: World, client: Client) -> None:
    region_municipalities = list(Municipality.objects.filter(region=world.region)[:9])
    this_year = dt.date(timezone.localdate().year, 1, 2)
    for index, m in enumerate(region_municipalities):
        LiaisonFactory.create(
            municipality=m, named_on=this_year if index >= 7 else dt.date(2024, 9, 1)
        )
    total = Municipality.objects.filter(region=world.region).count()
    GuideVersionFactory.create(guide__municipality=world.municipality, number=1)
    html = client.get(f"/en/regions/{world.region.code}/").content.decode()
    assert f"9 of {total} municipalities have a named association liaison" in html
    assert "7 had one; 2 more have named one since" in html
    assert f"1 of {total} municipalities have published a cooperation guide" in html


def test_public_guide_shows_latest_version_with_live_sections(world: World, client: Client) -> None:
    GuideVersionFactory.create(guide__municipality=world.municipality, number=1)
    version = GuideVersion.objects.get()
    GuideVersionFactory.create(
        guide=version.guide,
        number=2,
        published_at=dt.datetime(2026, 4, 2, 12, tzinfo=dt.UTC),
        narrative={"strategy": {"fi": "Uusi painopiste <b>lihavoitu</b>"}},
    )
    GuideVersionFactory.create(
        guide=version.guide,
        number=3,
        status=GuideStatus.DRAFT,
        published_at=None,
        narrative={"strategy": {"fi": "Keskeneräinen luonnos"}},
    )
    LiaisonFactory.create(municipality=world.municipality, name="Kaisa Kuntalainen")
    BodyFactory.create(municipality=world.municipality, name_fi="Kontiolahden paikallis-JANE")
    html = client.get(f"/fi/municipalities/{world.municipality.code}/guide/").content.decode()
    assert "Uusi painopiste" in html and "2.4.2026" in html
    assert "Keskeneräinen luonnos" not in html
    assert "<b>lihavoitu</b>" not in html  # raw HTML in Markdown is sanitised away
    assert "Kaisa Kuntalainen" in html and "Kontiolahden paikallis-JANE" in html


def test_swedish_narrative_for_bilingual_municipality(world: World, client: Client) -> None:
    porvoo = Municipality.objects.get(code="638")
    assert porvoo.needs_swedish
    GuideVersionFactory.create(
        guide__municipality=porvoo,
        number=1,
        narrative={"strategy": {"fi": "Suomeksi", "sv": "Samarbete med föreningar"}},
    )
    html = client.get("/sv/municipalities/638/guide/").content.decode()
    assert "Samarbete med föreningar" in html and 'lang="sv"' in html


def test_guide_compare_marks_added_and_removed_lines(world: World, client: Client) -> None:
    first = GuideVersionFactory.create(
        guide__municipality=world.municipality, number=1, narrative={"grants": {"fi": "Vanha rivi"}}
    )
    GuideVersionFactory.create(
        guide=first.guide, number=2, narrative={"grants": {"fi": "Uusi rivi"}}
    )
    html = client.get(
        f"/en/municipalities/{world.municipality.code}/guide/versions/2/compare/"
    ).content.decode()
    assert "<ins" in html and "Uusi rivi" in html
    assert "<del" in html and "Vanha rivi" in html
    assert "Added:" in html and "Removed:" in html
    assert "Version 2 compared with version 1" in html


def test_guide_compare_any_two_versions_rendered(world: World, client: Client) -> None:
    first = GuideVersionFactory.create(
        guide__municipality=world.municipality,
        number=1,
        narrative={"grants": {"fi": "Haku **maaliskuussa**.\n\nYhteyshenkilö: Anu"}},
    )
    GuideVersionFactory.create(guide=first.guide, number=2, narrative={"grants": {"fi": "X"}})
    GuideVersionFactory.create(
        guide=first.guide,
        number=3,
        narrative={"grants": {"fi": "Haku **huhtikuussa**.\n\nYhteyshenkilö: Anu"}},
    )
    url = f"/en/municipalities/{world.municipality.code}/guide/versions/3/compare/"
    html = client.get(url, {"old": "1", "new": "3"}).content.decode()
    assert "Version 3 compared with version 1" in html
    assert "<strong>huhtikuussa</strong>" in html and "<strong>maaliskuussa</strong>" in html
    assert "**" not in html
    assert html.count("<ins") == 1 and html.count("<del") == 1  # the unchanged block stays
    assert '<option value="1" selected>' in html


def test_guide_pdf_looks_like_a_municipal_document(world: World, client: Client) -> None:
    GuideVersionFactory.create(
        guide__municipality=world.municipality,
        number=4,
        narrative={"premises": {"fi": "Kunnan tilat ovat yhdistysten käytössä maksutta."}},
    )
    LiaisonFactory.create(municipality=world.municipality, name="Kaisa Kuntalainen")
    response = client.get(f"/fi/municipalities/{world.municipality.code}/guide/guide.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Kontiolahti" in text
    assert "Järjestöyhteistyön ohje" in text
    assert "Versio" in text and "Version" not in text
    assert "1.2.2026" in text
    assert "maksutta" in text and "Kaisa Kuntalainen" in text


def test_pdf_and_api_guide_404_without_published_version(world: World, client: Client) -> None:
    code = world.municipality.code
    assert client.get(f"/fi/municipalities/{code}/guide/guide.pdf").status_code == 404
    assert client.get(f"/api/v1/municipalities/{code}/guide").status_code == 404


def test_annual_cycle_month_grid_and_ics(world: World, client: Client) -> None:
    year = timezone.localdate().year
    CycleEntryFactory.create(
        municipality=world.municipality,
        title_fi="Avustushaku alkaa",
        month=2,
        day=1,
        end_month=2,
        end_day=28,
    )
    AgreementFactory.create(
        municipality=world.municipality,
        association=world.association,
        title="Kylätalosopimus",
        end=dt.date(year, 10, 31),
    )
    html = client.get(
        f"/fi/municipalities/{world.municipality.code}/annual-cycle/?year={year}"
    ).content.decode()
    assert html.count("<h3>") >= 12
    assert "Avustushaku alkaa" in html and "Kylätalosopimus" in html
    response = client.get(f"/api/v1/municipalities/{world.municipality.code}/annual-cycle.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert "Avustushaku alkaa" in summaries
    assert all(event.get("UID") and event.get("DTSTART") for event in calendar.walk("VEVENT"))


def test_liaison_writes_and_publishes_guide(world: World, client_for: Any) -> None:
    client = client_for("liaison")
    code = world.municipality.code
    assert (
        b"Start from the template" in client.get(f"/en/municipalities/{code}/guide/edit/").content
    )
    client.post(f"/en/municipalities/{code}/guide/start/")
    response = client.post(
        f"/en/municipalities/{code}/guide/edit/",
        {
            "strategy_fi": "Painopisteet",
            "grants_fi": "Avustukset haetaan kerran vuodessa.",
            "action": "publish",
        },
    )
    assert response.status_code == 302
    html = client.get(f"/en/municipalities/{code}/guide/").content.decode()
    assert "Avustukset haetaan kerran vuodessa." in html and "Version 1" in html


def test_agent_sees_draft_but_cannot_edit(world: World) -> None:
    agent = UserFactory.create(email="agentti@example.org")
    role_assign(user=agent, role=Role.AGENT, municipality=world.municipality)
    GuideVersionFactory.create(
        guide__municipality=world.municipality,
        number=1,
        status=GuideStatus.DRAFT,
        published_at=None,
    )
    client = Client()
    client.force_login(agent)
    code = world.municipality.code
    assert client.get(f"/fi/municipalities/{code}/guide/versions/1/").status_code == 200
    assert client.get(f"/fi/municipalities/{code}/guide/edit/").status_code == 403
    assert client.post(f"/fi/municipalities/{code}/guide/publish/").status_code == 403


def test_bad_agreement_upload_keeps_what_was_typed(world: World, client_for: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for("liaison")
    response = client.post(
        f"/en/municipalities/{world.municipality.code}/agreements/new/",
        {
            "association": world.association.pk,
            "title": "Kylätalon käyttö",
            "start": "2026-01-01",
            "attachment": SimpleUploadedFile("virus.exe", b"MZ"),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Attach a PDF, ODT or DOCX file." in html
    assert 'value="Kylätalon käyttö"' in html


def test_adoption_shows_on_both_municipalities_and_region(world: World, client_for: Any) -> None:
    practice = GoodPracticeFactory.create(
        title_fi="Kumppanuuspöytä", origin_municipality=world.other_municipality
    )
    client = client_for("liaison")
    response = client.post(
        f"/fi/practices/{practice.pk}/adopt/",
        {"municipality": world.municipality.pk, "adopted_on": "2026-05-01"},
    )
    assert response.status_code == 302
    for url in (
        f"/fi/municipalities/{world.municipality.code}/",
        f"/fi/municipalities/{world.other_municipality.code}/",
        f"/fi/regions/{world.region.code}/",
    ):
        assert "Kumppanuuspöytä" in client.get(url).content.decode(), url
    # The liaison cannot record an adoption for another municipality.
    other = GoodPracticeFactory.create(origin_municipality=world.far_municipality)
    response = client.post(
        f"/fi/practices/{other.pk}/adopt/",
        {"municipality": world.other_municipality.pk, "adopted_on": "2026-05-01"},
    )
    assert response.status_code == 200  # not a valid choice for them


def test_agent_reads_unpublished_agreements_without_edit_rights(world: World) -> None:
    agent = UserFactory.create(email="agentti2@example.org")
    role_assign(user=agent, role=Role.AGENT, municipality=world.municipality)
    hidden = AgreementFactory.create(
        municipality=world.municipality, association=world.association,
        title="Valmisteilla oleva sopimus", is_public=False,
    )  # fmt: skip
    client = Client()
    client.force_login(agent)
    code = world.municipality.code
    assert (
        "Valmisteilla oleva sopimus"
        in client.get(f"/fi/municipalities/{code}/agreements/").content.decode()
    )
    assert client.get(f"/fi/agreements/{hidden.pk}/").status_code == 200
    assert client.get(f"/fi/agreements/{hidden.pk}/edit/").status_code == 403
    assert Client().get(f"/fi/agreements/{hidden.pk}/").status_code == 404


def test_coordinator_edits_the_template_a_new_guide_copies(world: World, client_for: Any) -> None:
    response = client_for("coordinator").post(
        "/fi/guide-template/", {"strategy_fi": "Aloitusteksti", "strategy_sv": "Starttext"}
    )
    assert response.status_code == 302
    client_for("liaison").post(f"/fi/municipalities/{world.municipality.code}/guide/start/")
    draft = GuideVersion.objects.get(guide__municipality=world.municipality)
    assert draft.text("strategy", "fi") == "Aloitusteksti"
    assert client_for("liaison").get("/fi/guide-template/").status_code == 403


def test_publish_the_draft_is_offered_only_when_there_is_a_draft(
    world: World, client_for: Any
) -> None:
    client = client_for("liaison")
    version = GuideVersionFactory.create(guide__municipality=world.municipality, number=1)
    url = f"/en/municipalities/{world.municipality.code}/guide/versions/"
    assert "Publish the draft" not in client.get(url).content.decode()
    GuideVersionFactory.create(
        guide=version.guide, number=2, status=GuideStatus.DRAFT, published_at=None
    )
    assert "Publish the draft" in client.get(url).content.decode()
