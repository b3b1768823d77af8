"""Every page with an id in its URL answers 404 for an id that does not exist, even to an
administrator (who passes every permission check), never a server error."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client
from django.urls import get_resolver, reverse
from django.urls.converters import IntConverter

from kumppani.accounts.testing import World
from kumppani.core.tests.test_permissions import PAGES, url_patterns

UNKNOWN_ID = 987654321


def _with_ids() -> dict[str, list[str]]:
    """URL name → its integer parameters, for every page whose URL has one."""
    found: dict[str, list[str]] = {}
    for name, pattern in url_patterns(get_resolver().url_patterns):
        ints = [k for k, v in pattern.pattern.converters.items() if isinstance(v, IntConverter)]
        if ints:
            found[name] = ints
    return found


WITH_IDS = _with_ids()


def test_pages_with_ids_are_found() -> None:
    assert "associations:representatives" in WITH_IDS
    assert len(WITH_IDS) > 50


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(WITH_IDS))
def test_unknown_id_is_404_for_admin(name: str, world: World) -> None:
    case = PAGES[name]
    with transaction.atomic():
        kwargs = case.kwargs(world)
        transaction.set_rollback(True)
    for param in WITH_IDS[name]:
        kwargs[param] = UNKNOWN_ID
    client = Client()
    client.force_login(world.admin)
    url = reverse(name, kwargs=kwargs)
    data = case.data(world) if case.data else {}
    response = getattr(client, case.method)(url, data)
    assert response.status_code == 404, f"admin {case.method.upper()} {url}: {response.status_code}"
