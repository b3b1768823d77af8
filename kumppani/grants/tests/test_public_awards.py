"""The public register of awards: HTML, CSV, JSON and the API."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kumppani.accounts.testing import World
from kumppani.grants.tests.factories import DecisionFactory, ProgrammeFactory

AWARD_KEYS = {
    "id",
    "recipient",
    "amount_awarded",
    "currency",
    "award_date",
    "programme",
    "municipality",
    "purpose",
}


def _awards(world: World) -> dict[str, Any]:
    programme = ProgrammeFactory.create(title_fi="Kylätoiminnan avustus", branch="general")
    granted = DecisionFactory.create(
        application__programme=programme,
        application__association=world.association,
        application__purpose='=HYPERLINK("http://evil.example")',
        amount_eur=Decimal("1500.00"),
        decided_at=dt.datetime(2026, 3, 31, 22, 30, tzinfo=dt.UTC),  # 1.4.2026 in Helsinki
    )
    refused = DecisionFactory.create(
        application__programme=programme,
        application__association__name_fi="Hylätty yhdistys ry",
        amount_eur=Decimal("0"),
    )
    elsewhere = DecisionFactory.create(
        application__programme=ProgrammeFactory.create(municipality=world.other_municipality),
        application__association=world.other_association,
        amount_eur=Decimal("800.00"),
        decided_at=timezone.now() - dt.timedelta(days=400),
    )
    return {"programme": programme, "granted": granted, "refused": refused, "other": elsewhere}


def test_register_shows_granted_awards_only(world: World, client: Client) -> None:
    _awards(world)
    html = client.get(reverse("grants:awards")).content.decode()
    assert "Ylä-Kuhan kyläyhdistys ry" in html and "123.456" in html
    assert "1\xa0500,00\xa0€" in html and "Kylätoiminnan avustus" in html
    assert "Joensuun Sydänyhdistys ry" in html
    assert "Hylätty yhdistys ry" not in html
    assert '<time datetime="2026-04-01">' in html
    only_here = client.get(reverse("grants:awards") + "?municipality=276").content.decode()
    assert "Ylä-Kuhan" in only_here and "Joensuun Sydänyhdistys" not in only_here


def test_register_filters_by_year_and_programme(world: World, client: Client) -> None:
    made = _awards(world)
    url = reverse("grants:awards")
    html = client.get(f"{url}?year=2026").content.decode()
    assert "Ylä-Kuhan" in html and "Joensuun Sydänyhdistys" not in html
    html = client.get(f"{url}?municipality=276&programme={made['programme'].pk}").content.decode()
    assert "Ylä-Kuhan" in html
    other = ProgrammeFactory.create()
    html = client.get(f"{url}?municipality=276&programme={other.pk}").content.decode()
    assert "Ylä-Kuhan" not in html


def test_bad_filter_gets_a_message_and_keeps_the_choices(world: World, client: Client) -> None:
    _awards(world)
    response = client.get(reverse("grants:awards") + "?municipality=276&year=1888")
    html = response.content.decode()
    assert response.status_code == 200 and 'class="errorlist' in html
    assert '<option value="276" selected>' in html
    bad = client.get(reverse("grants:awards_json") + "?year=abc")
    assert bad.status_code == 400 and "year" in bad.json()["detail"]


def test_register_runs_a_constant_number_of_queries(world: World, client: Client) -> None:
    _awards(world)
    url = reverse("grants:awards") + "?municipality=276"
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    DecisionFactory.create_batch(5, amount_eur=Decimal("100.00"))
    with CaptureQueriesContext(connection) as after:
        html = client.get(url).content.decode()
    assert html.count('<th scope="row">') == 6
    assert len(after.captured_queries) == len(before.captured_queries)


def test_csv_is_formula_safe(world: World, client: Client) -> None:
    _awards(world)
    response = client.get(reverse("grants:awards_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:4] == [
        "id",
        "recipient_name",
        "recipient_registration_number",
        "amount_awarded",
    ]
    assert len(rows) == 3  # header and the two granted awards
    mine = next(row for row in rows if row[1] == "Ylä-Kuhan kyläyhdistys ry")
    assert mine[3] == "1500.00" and mine[4] == "EUR" and mine[5] == "2026-04-01"
    assert mine[-1] == '\'=HYPERLINK("http://evil.example")'


def test_json_has_the_register_fields(world: World, client: Client) -> None:
    made = _awards(world)
    data = client.get(reverse("grants:awards_json") + "?municipality=276").json()
    assert isinstance(data, list) and len(data) == 1
    award = data[0]
    assert set(award) == AWARD_KEYS
    assert award["id"] == made["granted"].pk
    assert award["recipient"] == {
        "name": "Ylä-Kuhan kyläyhdistys ry",
        "registration_number": "123.456",
    }
    assert award["amount_awarded"] == 1500.0 and award["currency"] == "EUR"
    assert award["award_date"] == "2026-04-01" and award["municipality"] == "276"
    assert award["programme"]["id"] == made["programme"].pk
    assert award["programme"]["title"] == "Kylätoiminnan avustus"


def test_api_lists_the_register(world: World, client: Client) -> None:
    made = _awards(world)
    data = client.get("/api/v1/grant-awards?municipality=276").json()
    assert data["count"] == 1 and data["next"] is None
    award = data["results"][0]
    assert AWARD_KEYS <= set(award)
    assert award["recipient"]["registration_number"] == "123.456"
    assert award["amount_awarded"] == 1500.0 and award["currency"] == "EUR"
    assert award["award_date"] == "2026-04-01"
    assert award["programme"]["id"] == made["programme"].pk
    assert award["programme"]["title"] == "Kylätoiminnan avustus"
    assert award["purpose"].startswith("=HYPERLINK")
    everything = client.get("/api/v1/grant-awards").json()
    assert everything["count"] == 2
    unknown = client.get("/api/v1/grant-awards?municipality=999")
    assert unknown.status_code == 422 and "municipality" in unknown.json()["detail"]


def test_api_and_html_pages(world: World, client: Client) -> None:
    DecisionFactory.create_batch(51, amount_eur=Decimal("10.00"))
    first = client.get("/api/v1/grant-awards?municipality=276").json()
    assert first["count"] == 51 and len(first["results"]) == 50 and first["next"]
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 1 and second["previous"]
    html = client.get(reverse("grants:awards") + "?municipality=276").content.decode()
    assert html.count('<th scope="row">') == 50 and 'rel="next"' in html
    last = client.get(reverse("grants:awards") + "?municipality=276&page=2").content.decode()
    assert last.count('<th scope="row">') == 1 and 'rel="prev"' in last
