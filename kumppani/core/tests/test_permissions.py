"""Every URL and every API operation, checked for every role of the shared world."""

from __future__ import annotations

import importlib
import importlib.util
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kumppani.accounts.services import api_token_create
from kumppani.accounts.testing import ROLES, World
from kumppani.core.tests.matrix import LOGIN, Case

# Third-party and framework URLs, tested by their own projects.
EXCLUDED_NAMESPACES = {"admin", "api-v1"}
EXCLUDED_PREFIXES = ("account_", "socialaccount_", "set_language", "healthz", "mfa_")


def url_patterns(patterns: list[Any], namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    """Every named URL of the project (but the excluded ones) with its namespaced name."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            if ns in EXCLUDED_NAMESPACES:
                continue
            yield from url_patterns(entry.url_patterns, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            if entry.name.startswith(EXCLUDED_PREFIXES):
                continue
            yield f"{namespace}{entry.name}", entry


def _collect(patterns: list[Any]) -> set[str]:
    return {name for name, _pattern in url_patterns(patterns)}


def _matrices(attribute: str) -> dict[str, Case]:
    merged: dict[str, Case] = {}
    for config in apps.get_app_configs():
        module_name = f"{config.name}.tests.access_matrix"
        if not config.name.startswith("kumppani.") or importlib.util.find_spec(module_name) is None:
            continue
        merged.update(getattr(importlib.import_module(module_name), attribute, {}))
    return merged


PAGES = _matrices("PAGES")
API = _matrices("API")


def _api_operations() -> set[str]:
    client = Client()
    schema = client.get("/api/v1/openapi.json").json()
    return {
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method in operations
    }


def test_every_url_has_a_permission_entry() -> None:
    missing = _collect(get_resolver().url_patterns) - set(PAGES)
    assert not missing, f"URLs without an entry in an access_matrix.py: {sorted(missing)}"


@pytest.mark.django_db
def test_every_api_operation_has_a_permission_entry() -> None:
    missing = _api_operations() - set(API)
    assert not missing, f"API operations without an entry in an access_matrix.py: {sorted(missing)}"


def _check(outcome: Any, expected: Any, where: str, hidden: str = "") -> None:
    if hidden:
        assert hidden not in outcome.content.decode(), f"{where}: shows {hidden!r}"
    if expected == LOGIN:
        assert outcome.status_code == 302 and "/accounts/login/" in outcome["Location"], where
    elif isinstance(expected, tuple):
        assert outcome.status_code in expected, f"{where}: {outcome.status_code}"
    else:
        assert outcome.status_code == expected, f"{where}: {outcome.status_code}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_permissions(name: str, world: World) -> None:
    case = PAGES[name]
    for role in ROLES:
        with transaction.atomic():
            client = Client()
            user = world.user(role)
            if user is not None:
                client.force_login(user)
            url = reverse(name, kwargs=case.kwargs(world)) + case.query
            data = case.data(world) if case.data else {}
            response = getattr(client, case.method)(url, data)
            where = f"{role} {case.method.upper()} {url}"
            _check(response, case.expect[role], where, case.hidden)
            transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize("operation", sorted(API))
def test_api_permissions(operation: str, world: World) -> None:
    case = API[operation]
    method, path = operation.split(" ", 1)
    tokens = {
        role: api_token_create(user=user)
        for role in ROLES
        if (user := world.user(role)) is not None
    }
    for role in ROLES:
        with transaction.atomic():
            headers: dict[str, Any] = (
                {} if role == "anonymous" else {"HTTP_AUTHORIZATION": f"Bearer {tokens[role]}"}
            )
            url = path.format(**case.kwargs(world)) + case.query
            body = json.dumps(case.data(world)) if case.data else None
            response = Client().generic(
                method, url, body or "", content_type="application/json", **headers
            )
            _check(response, case.expect[role], f"{role} {method} {url}", case.hidden)
            transaction.set_rollback(True)
