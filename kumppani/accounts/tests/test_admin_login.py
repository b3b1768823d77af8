"""The admin login shares the site login's brute-force limit, kept in the shared cache."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from kumppani.accounts.testing import World

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = "/en/admin/login/?next=/en/admin/"


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def _admin_login(client: Client, password: str) -> int:
    client.post(ADMIN_LOGIN, {"username": "admin@example.org", "password": password})
    return int(client.get("/en/admin/").status_code)


def test_admin_login_locks_after_five_failures(world: World) -> None:
    world.admin.is_staff = True
    world.admin.save(update_fields=["is_staff"])
    client = Client()
    for _ in range(5):
        assert _admin_login(client, "wrong-password") == 302
    response = client.post(
        ADMIN_LOGIN, {"username": "admin@example.org", "password": "secret-pass-123"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.get("/en/admin/").status_code == 302  # still not in


def test_the_lock_lives_in_the_shared_cache(world: World) -> None:
    world.admin.is_staff = True
    world.admin.save(update_fields=["is_staff"])
    client = Client()
    for _ in range(5):
        _admin_login(client, "wrong-password")
    cache.clear()  # another process sees the same cache; emptied, the lock is gone
    assert _admin_login(client, "secret-pass-123") == 200


def test_site_login_failures_lock_the_admin_login(world: World) -> None:
    world.admin.is_staff = True
    world.admin.save(update_fields=["is_staff"])
    client = Client()
    for _ in range(5):
        client.post("/en/accounts/login/", {"login": "admin@example.org", "password": "nope"})
    assert _admin_login(client, "secret-pass-123") == 302


def test_admin_login_works_for_staff(world: World) -> None:
    world.admin.is_staff = True
    world.admin.save(update_fields=["is_staff"])
    assert _admin_login(Client(), "secret-pass-123") == 200


def test_admin_login_refuses_non_staff(world: World) -> None:
    assert _admin_login(Client(), "secret-pass-123") == 302
