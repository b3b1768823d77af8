"""The public pages of grants: a municipality's programmes, a programme's page, the deadline
feed and the panels on the municipality and region pages."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from kumppani.accounts.testing import World
from kumppani.grants.tests.factories import (
    ApplicationPeriodFactory,
    CriterionFactory,
    ProgrammeFactory,
    QuestionFactory,
)
from kumppani.welfare.tests.factories import PlanFactory, ThemeFactory

DAY = dt.timedelta(days=1)


def _at(days: float) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=days)


def _programmes(world: World) -> dict[str, Any]:
    period = ApplicationPeriodFactory.create(
        municipality=world.municipality,
        name_fi="Kevään yhteinen haku",
        opens_at=_at(-3),
        closes_at=_at(10),
    )
    return {
        "period": period,
        "in_period": ProgrammeFactory.create(
            title_fi="Nuorisotyön avustus",
            branch="youth",
            period=period,
            opens_at=period.opens_at,
            closes_at=period.closes_at,
        ),
        "own": ProgrammeFactory.create(
            title_fi="Liikuntaseurojen avustus",
            branch="sports",
            opens_at=_at(20),
            closes_at=_at(40),
            budget_eur=Decimal("15000.00"),
        ),
        "hidden": ProgrammeFactory.create(title_fi="Keskeneräinen ohjelma", published=False),
        "past": ProgrammeFactory.create(
            title_fi="Syksyn kulttuuriavustus", opens_at=_at(-60), closes_at=_at(-30)
        ),
        "elsewhere": ProgrammeFactory.create(
            title_fi="Joensuun avustus", municipality=world.other_municipality
        ),
    }


def test_municipality_page_lists_open_and_upcoming_grouped_by_period(
    world: World, client: Client
) -> None:
    made = _programmes(world)
    url = reverse("grants:municipality", args=[world.municipality.code])
    html = client.get(url).content.decode()
    assert "Nuorisotyön avustus" in html and "Liikuntaseurojen avustus" in html
    assert "Keskeneräinen ohjelma" not in html and "Joensuun avustus" not in html
    # the common period's programmes first, under the period's name; then those without one
    assert html.index("Kevään yhteinen haku") < html.index("Nuorisotyön avustus")
    assert html.index("Nuorisotyön avustus") < html.index("Liikuntaseurojen avustus")
    assert "15\xa0000,00\xa0€" in html  # the budget in Finnish
    # the past is there, collapsed
    past = html[html.index('id="past-heading"') :]
    details = past[past.index("<details>") : past.index("</details>")]
    assert "Syksyn kulttuuriavustus" in details and "Nuorisotyön avustus" not in details
    assert reverse("grants:deadlines_ics", args=[world.municipality.code]) in html
    assert f"{reverse('grants:awards')}?municipality={world.municipality.code}" in html
    assert made["own"].get_absolute_url() in html
    # Finnish time, with the date_range tag's <time> elements
    opens = timezone.localtime(made["own"].opens_at)
    assert f'<time datetime="{opens.isoformat()}">' in html


def test_municipality_page_runs_a_constant_number_of_queries(world: World, client: Client) -> None:
    _programmes(world)
    url = reverse("grants:municipality", args=[world.municipality.code])
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    period = ApplicationPeriodFactory.create(opens_at=_at(5), closes_at=_at(30))
    ProgrammeFactory.create_batch(4, period=period, opens_at=_at(5), closes_at=_at(30))
    ProgrammeFactory.create_batch(3, opens_at=_at(-90), closes_at=_at(-2))
    with CaptureQueriesContext(connection) as after:
        html = client.get(url).content.decode()
    assert html.count("<li>\n  <h3>") == 10
    assert len(after.captured_queries) == len(before.captured_queries)


def test_unknown_municipality_is_404(world: World, client: Client) -> None:
    assert client.get(reverse("grants:municipality", args=["999"])).status_code == 404


def test_programme_page_shows_what_an_applicant_needs(world: World, client: Client) -> None:
    theme = ThemeFactory.create(
        plan=PlanFactory.create(municipality=world.municipality),
        name_fi="Yksinäisyyden vähentäminen",
    )
    programme = ProgrammeFactory.create(
        eligibility_fi="Vain **rekisteröidyt** yhdistykset.\n\n<script>alert(1)</script>",
        attachments_fi="Talousarvio\nToimintasuunnitelma\n",
    )
    CriterionFactory.create(
        programme=programme, name_fi="Vaikuttavuus", weight=Decimal("3"), max_points=10
    )
    CriterionFactory.create(
        programme=programme,
        kind="bonus",
        name_fi="Hyvinvointibonus",
        weight=Decimal("1"),
        max_points=4,
        welfare_theme=theme,
    )
    QuestionFactory.create(
        programme=programme, text_fi="Kuvaile hankkeen tavoitteet", required=True
    )
    QuestionFactory.create(
        programme=programme,
        kind="single",
        text_fi="Kohderyhmä",
        choices=[{"fi": "Nuoret", "sv": "Unga"}, {"fi": "Ikääntyneet", "sv": "Äldre"}],
    )
    html = client.get(programme.get_absolute_url()).content.decode()
    assert "<strong>rekisteröidyt</strong>" in html and "<script>alert" not in html
    assert "<li>Talousarvio</li>" in html and "<li>Toimintasuunnitelma</li>" in html
    row = re.search(r"<tr><th scope=\"row\">Vaikuttavuus.*?</tr>", html, re.S)
    assert row and ">3</td>" in row.group(0) and ">10</td>" in row.group(0)
    assert "Hyvinvointibonus" in html and theme.get_absolute_url() in html
    assert "Yksinäisyyden vähentäminen" in html
    assert "Kuvaile hankkeen tavoitteet" in html and "Ikääntyneet" in html
    assert f'href="{programme.get_absolute_url()}apply/"' in html
    sv = client.get(f"/sv/grants/programmes/{programme.pk}/").content.decode()
    assert "Äldre" in sv and "Ikääntyneet" not in sv


def test_apply_link_only_while_open(world: World, client: Client) -> None:
    upcoming = ProgrammeFactory.create(opens_at=_at(3), closes_at=_at(10))
    closed = ProgrammeFactory.create(opens_at=_at(-10), closes_at=_at(-1))
    for programme in (upcoming, closed):
        html = client.get(programme.get_absolute_url()).content.decode()
        assert f"{programme.get_absolute_url()}apply/" not in html
    assert "Hakuaika alkaa" in client.get(upcoming.get_absolute_url()).content.decode()


def test_unpublished_programme_is_hidden_but_its_runners_see_it(
    world: World, client_for: Any
) -> None:
    programme = ProgrammeFactory.create(published=False)
    for role in ("anonymous", "rep", "coordinator", "other_liaison"):
        assert client_for(role).get(programme.get_absolute_url()).status_code == 404, role
    response = client_for("liaison").get(programme.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200 and "Ei julkaistu" in html
    assert f"{programme.get_absolute_url()}apply/" not in html  # open, but not published


def test_deadline_feed_has_every_opening_and_deadline(world: World, client: Client) -> None:
    made = _programmes(world)
    response = client.get(reverse("grants:deadlines_ics", args=[world.municipality.code]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    for key in ("in_period", "own", "past"):
        programme = made[key]
        closes = events[f"grant-programme-{programme.pk}-closes@kumppani"]
        opens = events[f"grant-programme-{programme.pk}-opens@kumppani"]
        assert closes.decoded("dtstart") == programme.closes_at.replace(microsecond=0)
        assert opens.decoded("dtstart") == programme.opens_at.replace(microsecond=0)
        assert str(programme) in str(closes["summary"])
        assert str(closes["url"]).endswith(programme.get_absolute_url())
    assert len(events) == 6  # not the unpublished one, nor Joensuu's
    assert "Keskeneräinen" not in response.content.decode()


def test_municipality_page_has_a_grants_panel(world: World, client: Client) -> None:
    _programmes(world)
    html = client.get(world.municipality.get_absolute_url()).content.decode()
    panel = html[html.index('id="grants-heading"') :]
    assert "Nuorisotyön avustus" in panel and "Liikuntaseurojen avustus" in panel
    assert "Keskeneräinen ohjelma" not in panel and "Syksyn kulttuuriavustus" not in panel
    assert reverse("grants:municipality", args=[world.municipality.code]) in panel


def test_region_page_links_to_the_harmonisation_view(world: World, client: Client) -> None:
    html = client.get(world.region.get_absolute_url()).content.decode()
    assert reverse("grants:region", args=[world.region.code]) in html


def test_pages_in_finnish_and_swedish(world: World, client: Client) -> None:
    _programmes(world)
    code = world.municipality.code
    fi = client.get(f"/fi/grants/m/{code}/").content.decode()
    sv = client.get(f"/sv/grants/m/{code}/").content.decode()
    assert "<h1>Avustukset – Kontiolahti</h1>" in fi and "<h1>Understöd – Kontiolax</h1>" in sv
    assert "Yhteinen hakuaika: Kevään yhteinen haku" in fi
    assert "Gemensam ansökningsperiod: Vårens ansökningsomgång" in sv  # the period's sv name
    assert "Päättyneet haut" in fi and "Avslutade ansökningar" in sv
    assert "Nuoriso" in fi and "Ungdom" in sv  # the branch
    region = client.get(f"/sv/grants/regions/{world.region.code}/").content.decode()
    assert "Harmoniseringsgrad" in region
    feed = client.get(f"/sv/grants/m/{code}/deadlines.ics").content.decode()
    assert "Sista ansökningsdag för understöd" in feed
