from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from kumppani.geography.models import Municipality, Region, WellbeingCounty
from kumppani.geography.services import municipalities_load

pytestmark = pytest.mark.django_db


def test_reference_data_has_every_municipality_region_and_county() -> None:
    assert Municipality.objects.count() == 308
    assert Region.objects.count() == 19
    assert WellbeingCounty.objects.count() == 23
    kontiolahti = Municipality.objects.get(code="276")
    assert (kontiolahti.name_sv, kontiolahti.region.code) == ("Kontiolax", "12")
    assert kontiolahti.wellbeing_county.code == "14"
    assert Municipality.objects.get(code="257").needs_swedish  # Kirkkonummi, bilingual
    assert not kontiolahti.needs_swedish


def test_reloading_updates_instead_of_duplicating() -> None:
    result = municipalities_load(path=settings.MUNICIPALITIES_CSV)
    assert (result.created, result.updated) == (0, 308)
    assert Municipality.objects.count() == 308


def test_municipality_list_groups_by_region_and_county_with_attribution(
    django_assert_max_num_queries: object,
) -> None:
    client = Client()
    with django_assert_max_num_queries(3):  # type: ignore[operator]
        response = client.get("/fi/municipalities/")
    html = response.content.decode()
    assert "Pohjois-Karjala" in html and "Kontiolahti" in html
    assert "Tilastokeskus" in html or "Statistics Finland" in html
    response = client.get("/sv/municipalities/?by=county")
    assert "Kontiolax" in response.content.decode()


def test_municipality_page_in_swedish_shows_swedish_name() -> None:
    response = Client().get("/sv/municipalities/276/")
    assert response.status_code == 200
    assert "<h1>Kontiolax</h1>" in response.content.decode()


def test_unknown_municipality_is_404() -> None:
    assert Client().get("/fi/municipalities/999/").status_code == 404
