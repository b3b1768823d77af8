"""Sign-up does not tell whether an address is registered; an unverified account's association
stays out of the public directory until the address is verified or a liaison confirms it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from kumppani.accounts.models import User
from kumppani.accounts.testing import World
from kumppani.associations.models import Association, Category

pytestmark = pytest.mark.django_db

PASSWORD = "Kumppani-salasana-2026"


def _signup(email: str) -> Any:
    return Client().post(
        "/en/accounts/signup/",
        {"email": email, "full_name": "Uusi Ihminen", "password1": PASSWORD, "password2": PASSWORD},
    )


def test_signup_answers_alike_for_new_and_registered_addresses(world: World) -> None:
    taken = _signup("rep@example.org")
    fresh = _signup("uusi.ihminen@example.org")
    assert taken.status_code == fresh.status_code == 302
    assert taken["Location"] == fresh["Location"]
    assert User.objects.filter(email__iexact="rep@example.org").count() == 1
    to_taken = [m for m in mail.outbox if "rep@example.org" in m.to]
    to_fresh = [m for m in mail.outbox if "uusi.ihminen@example.org" in m.to]
    assert len(to_taken) == 1 and len(to_fresh) == 1  # each address's owner hears of it


def test_an_unverified_account_cannot_log_in(world: World) -> None:
    _signup("vahvistamaton@example.org")
    client = Client()
    response = client.post(
        "/en/accounts/login/", {"login": "vahvistamaton@example.org", "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302 and "confirm-email" in response["Location"]


def _create(client: Client, world: World, name: str) -> Association:
    village = Category.objects.get(slug="residents-village")
    response = client.post(
        "/en/associations/new/",
        {"name_fi": name, "home_municipality": world.municipality.pk, "categories": [village.pk]},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Association.objects.get(name_fi=name)


def _in_directory(name: str) -> bool:
    association = Association.objects.get(name_fi=name)
    page = Client().get("/en/associations/", {"q": name}).content.decode()
    return f'href="{association.get_absolute_url()}"' in page


def test_unverified_creator_association_waits_for_email_verification(world: World) -> None:
    _signup("uusi.yhdistys@example.org")
    user = User.objects.get(email="uusi.yhdistys@example.org")
    client = Client()
    client.force_login(user)  # e.g. an API token or an older session
    association = _create(client, world, "Odottava kyläyhdistys ry")
    assert association.awaiting_confirmation and not association.is_active
    assert not _in_directory("Odottava kyläyhdistys ry")
    assert Client().get(association.get_absolute_url()).status_code == 404
    (message,) = [m for m in mail.outbox if "uusi.yhdistys@example.org" in m.to]
    link = re.search(r"https?://\S+/confirm-email/\S+", str(message.body))
    assert link is not None
    path = link.group(0).split("://", 1)[1].split("/", 1)[1]
    Client().post("/" + path)
    association.refresh_from_db()
    assert association.is_active and not association.awaiting_confirmation
    assert _in_directory("Odottava kyläyhdistys ry")


def test_liaison_confirms_a_waiting_association(client_for: Any, world: World) -> None:
    _signup("toinen.uusi@example.org")
    client = Client()
    client.force_login(User.objects.get(email="toinen.uusi@example.org"))
    association = _create(client, world, "Vahvistettava seura ry")
    page = client_for("liaison").get("/en/municipalities/276/").content.decode()
    assert "Awaiting confirmation" in page and "Vahvistettava seura ry" in page
    assert (
        client_for("other_liaison").post(f"/en/associations/{association.pk}/confirm/").status_code
        == 403
    )
    client_for("liaison").post(f"/en/associations/{association.pk}/confirm/")
    association.refresh_from_db()
    assert association.is_active
    assert _in_directory("Vahvistettava seura ry")


def test_verified_creator_publishes_at_once(client_for: Any, world: World) -> None:
    association = _create(client_for("rep"), world, "Heti näkyvä yhdistys ry")
    assert association.is_active and not association.awaiting_confirmation
    assert _in_directory("Heti näkyvä yhdistys ry")
