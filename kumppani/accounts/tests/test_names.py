"""People have names: asked at sign-up, editable on "My pages", shown wherever they are listed."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kumppani.accounts.models import Role, User
from kumppani.accounts.services import role_assign
from kumppani.accounts.testing import World

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "nimi@example.org",
    "password1": "pitka-salasana-42",
    "password2": "pitka-salasana-42",
}


def test_signup_asks_for_a_name(world: World) -> None:
    client = Client()
    form = client.get("/en/accounts/signup/").content.decode()
    assert 'name="full_name"' in form and 'autocomplete="name"' in form
    refused = client.post("/en/accounts/signup/", SIGNUP)
    assert refused.status_code == 200
    assert not User.objects.filter(email="nimi@example.org").exists()
    client.post("/en/accounts/signup/", {**SIGNUP, "full_name": "  Aino   Virtanen "})
    assert User.objects.get(email="nimi@example.org").full_name == "Aino Virtanen"


def test_a_person_sets_their_name_from_my_pages(client_for: Any, world: World) -> None:
    client = client_for("rep")
    dashboard = client.get("/en/me/").content.decode()
    assert "/en/people/me/name/" in dashboard
    form = client.get("/en/people/me/name/").content.decode()
    assert 'value="Rep"' in form
    blank = client.post("/en/people/me/name/", {"full_name": "   "})
    assert blank.status_code == 200
    response = client.post("/en/people/me/name/", {"full_name": "Maija Meikäläinen"})
    assert response.status_code == 302
    world.rep.refresh_from_db()
    assert world.rep.full_name == "Maija Meikäläinen"


def test_a_representative_without_a_name_is_shown_by_email(client_for: Any, world: World) -> None:
    nameless = User.objects.create_user(email="nimeton@example.org")
    role_assign(user=nameless, role=Role.REPRESENTATIVE, association=world.association)
    html = (
        client_for("rep")
        .get(f"/en/associations/{world.association.pk}/representatives/")
        .content.decode()
    )
    assert '<td data-label="Name">nimeton@example.org</td>' in html
    assert "–</td>" not in html
    assert nameless.display_name == "nimeton@example.org"
    assert world.rep.display_name == "Rep"


def test_my_pages_greets_a_person_by_name_and_one_without_a_name_by_email(world: World) -> None:
    client = Client()
    client.force_login(world.rep)
    html = client.get("/fi/me/").content.decode()
    assert f"Kirjautunut: {world.rep.full_name} ({world.rep.email})." in html
    nameless = User.objects.create_user(email="nimeton@example.org")
    client.force_login(nameless)
    assert "Kirjautunut: nimeton@example.org." in client.get("/fi/me/").content.decode()
