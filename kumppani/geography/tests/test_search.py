"""A resident finds a municipality by name in any language, and the municipality list is short."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from kumppani.geography.models import Municipality
from kumppani.geography.selectors import municipality_search

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Hämeenlinna", "109"),  # Finnish
        ("hameenlinna", "109"),  # without the accent, lower case
        ("Tavastehus", "109"),  # Swedish
        ("TAVASTEHUS ", "109"),
        ("ahtari", "989"),  # Ähtäri
        ("Etseri", "989"),  # Ähtäri in Swedish
        ("mariehamn", "478"),  # Maarianhamina in Swedish and English
        ("mantta vilppula", "508"),  # Mänttä-Vilppula
        ("tavasteh", "109"),  # the beginning of a name, one match
        ("meenlin", "109"),  # inside a name, one match
    ],
)
def test_a_single_or_exact_match_goes_to_the_municipality(query: str, code: str) -> None:
    response = Client().get("/fi/municipalities/", {"q": query})
    assert response.status_code == 302
    assert response["Location"] == f"/fi/municipalities/{code}/"


def test_an_english_name_is_found() -> None:
    Municipality.objects.filter(code="091").update(name_en="Helsinki City")
    response = Client().get("/sv/municipalities/", {"q": "helsinki city"})
    assert response["Location"] == "/sv/municipalities/091/"


def test_an_exact_name_wins_over_names_that_contain_it() -> None:
    # "Hamina" is also inside Maarianhamina.
    assert [m.code for m in municipality_search(query="hamina").matches] == ["075", "478"]
    response = Client().get("/fi/municipalities/", {"q": "hamina"})
    assert response["Location"] == "/fi/municipalities/075/"


def test_several_matches_are_listed_with_their_names_in_both_languages(
    django_assert_num_queries: Any,
) -> None:
    with django_assert_num_queries(2):
        response = Client().get("/sv/municipalities/", {"q": "koski"})
    assert response.status_code == 200
    html = response.content.decode()
    results = html[html.index('<ul class="results">') : html.index("</ul>", html.index("results"))]
    assert "Äänekoski" in results and "Valkeakoski" in results
    assert "Kokemäki" not in results
    assert "Raseborg" not in results
    assert "<details" not in html.split("<main", 1)[1].split("</main>")[0]


def test_a_prefix_ranks_before_a_match_inside_a_name() -> None:
    names = [m.name_fi for m in municipality_search(query="por").matches]
    assert names[:3] == ["Pori", "Pornainen", "Porvoo"]
    assert "Kemijärvi" not in names


def test_no_match_says_so_and_offers_the_list() -> None:
    response = Client().get("/en/municipalities/", {"q": "xyz"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "No municipality matches “xyz”" in html
    assert html.count('<details class="area-group">') == 19
    finnish = Client().get("/fi/municipalities/", {"q": "xyz"}).content.decode()
    assert "Yksikään kunta ei vastaa hakua ”xyz”" in finnish


def test_list_is_grouped_by_region_in_collapsed_sections(django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(2):
        response = Client().get("/fi/municipalities/")
    html = response.content.decode()
    main = html.split("<main", 1)[1].split("</main>")[0]
    assert main.count('<details class="area-group">') == 19
    assert "<details open" not in main and 'class="card"' not in main
    # Every municipality is inside its region's collapsed section, none on the page itself.
    outside = re.sub(r"<details.*?</details>", "", main, flags=re.S)
    assert not re.search(r'href="/fi/municipalities/\d{3}/"', outside)
    pohjois_karjala = main[main.index("<summary>Pohjois-Karjala") :].split("</details>")[0]
    assert "Kontiolahti" in pohjois_karjala and "(13 kuntaa)" in pohjois_karjala
    assert "Ähtäri" in main and main.index("Ähtäri") > main.index("Alajärvi")


def test_search_form_with_type_ahead_is_on_the_front_page_and_the_list() -> None:
    for path in ("/fi/", "/fi/municipalities/"):
        html = Client().get(path).content.decode()
        assert 'action="/fi/municipalities/"' in html and 'name="q"' in html
        assert 'list="municipality-names"' in html
        assert '<option value="Tavastehus">' in html and '<option value="Hämeenlinna">' in html


def test_an_empty_query_shows_the_list() -> None:
    response = Client().get("/fi/municipalities/", {"q": "  "})
    assert response.status_code == 200
    assert response.content.decode().count('<details class="area-group">') == 19
