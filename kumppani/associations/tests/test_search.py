"""Finnish-aware search: inflected queries find base forms, results are ranked and highlighted."""

from __future__ import annotations

import logging

import pytest
from django.test import Client

from kumppani.associations.models import Association, Category
from kumppani.associations.selectors import DirectoryFilter, association_directory
from kumppani.associations.tests.factories import AssociationFactory
from kumppani.core import text

pytestmark = pytest.mark.django_db


def names(q: str, **filters: str) -> list[str]:
    return [a.name_fi for a in association_directory(filters=DirectoryFilter(q=q, **filters))]


@pytest.fixture
def registry() -> None:
    AssociationFactory.create(name_fi="Ylä-Kuhan kyläyhdistys ry", purpose_fi="Kylätalo.")
    AssociationFactory.create(name_fi="Kontiolahden urheiluseura ry", purpose_fi="Hiihto.")
    AssociationFactory.create(
        name_fi="Kotiseutuyhdistys ry", purpose_fi="Haemme avustus kunnalta museoaitalle."
    )
    AssociationFactory.create(
        name_fi="Kyrkslätts Pensionärer ry",
        name_sv="Kyrkslätts Pensionärer r.f.",
        purpose_fi="",
        purpose_sv="Föreningen ordnar klubbar för pensionärer.",
    )


@pytest.mark.usefixtures("registry")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kyläyhdistyksille", "Ylä-Kuhan kyläyhdistys ry"),
        ("urheiluseuran", "Kontiolahden urheiluseura ry"),
        ("avustuksista", "Kotiseutuyhdistys ry"),
        ("pensionärerna", "Kyrkslätts Pensionärer ry"),
        ("Ylä-Kuhan", "Ylä-Kuhan kyläyhdistys ry"),
    ],
)
def test_inflected_query_finds_base_form(query: str, expected: str) -> None:
    assert expected in names(query)


@pytest.mark.usefixtures("registry")
def test_every_word_must_match() -> None:
    assert names("kyläyhdistys hiihto") == []
    assert names("urheiluseuralle hiihtoa") == ["Kontiolahden urheiluseura ry"]


@pytest.mark.usefixtures("registry")
def test_compound_part_finds_compound() -> None:
    assert "Ylä-Kuhan kyläyhdistys ry" in names("yhdistykset")


def test_name_match_ranks_above_purpose_match() -> None:
    AssociationFactory.create(name_fi="Aaltosen kuoro ry", purpose_fi="Laulamme kylätalolla.")
    AssociationFactory.create(name_fi="Zetan kylätalo ry", purpose_fi="Ylläpidämme taloa.")
    assert names("kylätalon")[0] == "Zetan kylätalo ry"


def test_search_combines_with_filters(world: object) -> None:
    assert names("sydänyhdistys", municipality="167") == ["Joensuun Sydänyhdistys ry"]
    assert names("sydänyhdistys", municipality="276") == []
    assert names("", category="residents-village") == ["Ylä-Kuhan kyläyhdistys ry"]


def test_search_index_follows_updates(world: object) -> None:
    from kumppani.associations.services import association_update

    association = Association.objects.get(name_fi="Ylä-Kuhan kyläyhdistys ry")
    association_update(association=association, purpose_fi="Järjestämme lentopalloturnauksen.")
    assert names("lentopalloturnaukseen") == ["Ylä-Kuhan kyläyhdistys ry"]
    assert names("kylätalon") == []


def test_snowball_fallback_without_voikko(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(text, "_voikko_missing_logged", False)
    monkeypatch.setattr(text._local, "voikko", None, raising=False)
    monkeypatch.delattr(text._local, "voikko")
    monkeypatch.setattr("libvoikko.Voikko", _raise)
    text.word_forms.cache_clear()
    text.query_forms.cache_clear()
    try:
        with caplog.at_level(logging.WARNING):
            AssociationFactory.create(name_fi="Honkaniemen urheiluseura ry")
            assert "Honkaniemen urheiluseura ry" in names("urheiluseuran")
        assert "Voikko is not available" in caplog.text
    finally:
        text.word_forms.cache_clear()
        text.query_forms.cache_clear()
        if hasattr(text._local, "voikko"):
            del text._local.voikko


def _raise(*args: object, **kwargs: object) -> None:
    raise OSError("libvoikko missing")


@pytest.mark.usefixtures("registry")
def test_directory_page_highlights_and_paginates(
    django_assert_max_num_queries: object,
) -> None:
    village = Category.objects.get(slug="residents-village")
    for number in range(25):
        AssociationFactory.create(name_fi=f"Kylä {number} kyläyhdistys ry", categories=[village])
    client = Client()
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        first = client.get("/fi/associations/", {"q": "kyläyhdistyksille"})
    html = first.content.decode()
    assert "26 yhdistystä" in html or "26 associations" in html
    assert "<mark>kyläyhdistys</mark>" in html
    assert 'rel="next"' in html
    second = client.get("/fi/associations/", {"q": "kyläyhdistyksille", "page": "2"})
    assert second.status_code == 200 and 'rel="prev"' in second.content.decode()


def test_html_in_names_is_shown_as_text() -> None:
    AssociationFactory.create(name_fi="<script>alert(1)</script> kerho ry")
    html = Client().get("/fi/associations/", {"q": "kerho"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_constant_queries_whatever_the_number_of_rows(
    django_assert_num_queries: object,
) -> None:
    client = Client()
    AssociationFactory.create_batch(3)
    client.get("/fi/associations/")  # fills the filter-choice cache
    with django_assert_num_queries(3):  # type: ignore[operator]
        client.get("/fi/associations/")
    AssociationFactory.create_batch(30)
    with django_assert_num_queries(3):  # type: ignore[operator]
        client.get("/fi/associations/")
