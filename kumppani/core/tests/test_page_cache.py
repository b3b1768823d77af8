from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from kumppani.accounts.testing import World
from kumppani.associations.services import association_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings: Any) -> None:
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    cache.clear()


@pytest.mark.usefixtures("page_cache")
def test_anonymous_public_page_is_served_from_cache_until_content_changes(
    world: World, client_for: Any, django_assert_num_queries: Any
) -> None:
    anonymous = client_for("anonymous")
    url = f"/fi/associations/{world.association.pk}/"
    first = anonymous.get(url)
    assert "Ylä-Kuhan kyläyhdistys ry" in first.content.decode()
    with django_assert_num_queries(0):
        again = anonymous.get(url)
    assert again.content == first.content
    association_update(association=world.association, name_fi="Ylä-Kuhan kylä ry")
    assert "Ylä-Kuhan kylä ry" in anonymous.get(url).content.decode()


@pytest.mark.usefixtures("page_cache")
def test_logged_in_people_and_languages_are_never_mixed(world: World, client_for: Any) -> None:
    url = f"/fi/municipalities/{world.municipality.code}/"
    client_for("anonymous").get(url)
    liaison_page = client_for("liaison").get(url).content.decode()
    assert "Kirjaudu ulos" in liaison_page  # not the anonymous copy
    swedish = client_for("anonymous").get(url.replace("/fi/", "/sv/")).content.decode()
    assert 'lang="sv"' in swedish


def test_error_pages_are_in_the_users_language(world: World, client_for: Any) -> None:
    missing = client_for("anonymous").get("/sv/no-such-page/")
    assert missing.status_code == 404 and "Kontrollera adressen" in missing.content.decode()
    denied = client_for("other_rep").get(f"/fi/associations/{world.association.pk}/edit/")
    assert denied.status_code == 403 and "Ei käyttöoikeutta" in denied.content.decode()


def test_password_rules_are_in_finnish(client_for: Any) -> None:
    response = client_for("anonymous").post(
        "/fi/accounts/signup/",
        {"email": "lyhyt@example.org", "password1": "abc", "password2": "abc"},
    )
    assert "Salasana on liian lyhyt" in response.content.decode()
