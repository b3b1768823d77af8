"""Schemathesis against the OpenAPI document: no server error, every answer as documented.

Every operation gets a few generated requests (valid and invalid ones), reads anonymously and
writes with an administrator's token, in-process through the WSGI application on the test
database. (Schemathesis' lazy pytest fixture does not run under pytest 9, so the operations are
walked here with its Python API.)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from kumppani.accounts.services import api_token_create
from kumppani.accounts.testing import World
from kumppani.cooperation.tests.factories import BodyFactory, GoodPracticeFactory
from kumppani.forums.tests.factories import ForumFactory
from kumppani.welfare.tests.factories import MeasureFactory
from kumppani.wsgi import application

MAX_EXAMPLES = 10
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def existing_objects(world: World) -> dict[str, int]:
    """An object of each kind a path can name, by the path's first part."""
    measure = MeasureFactory.create(goal__theme__plan__municipality=world.municipality)
    theme = measure.goal.theme
    return {
        "organisations": world.association.pk,
        "bodies": BodyFactory.create(municipality=world.municipality).pk,
        "practices": GoodPracticeFactory.create().pk,
        "forums": ForumFactory.create(municipalities=[world.municipality]).pk,
        "plans": theme.plan.pk,
        "themes": theme.pk,
        "goals": measure.goal.pk,
        "measures": measure.pk,
    }


def grounded(case: Any, world: World, objects: dict[str, int]) -> Any:
    """``case`` naming things that exist, so that generated writes can also succeed."""
    codes = {"code": world.municipality.code, "municipality": world.municipality.code}
    kind = case.operation.path.removeprefix("/api/v1/").split("/")[0]
    for name in list(case.path_parameters or {}):
        if name in codes:
            case.path_parameters[name] = codes[name]
        elif kind in objects:
            case.path_parameters[name] = objects[kind]
    if isinstance(case.query, dict) and "municipality" in case.query:
        case.query["municipality"] = world.municipality.code
    if isinstance(case.body, dict):
        for name in ("municipality", "origin_municipality"):
            if isinstance(case.body.get(name), str):
                case.body[name] = world.municipality.code
        for name in ("municipalities", "active_municipalities"):
            if isinstance(case.body.get(name), list):
                case.body[name] = [world.municipality.code]
        if isinstance(case.body.get("association_id"), int):
            case.body["association_id"] = world.association.pk
    return case


def run_operation(
    operation: Any, headers: dict[str, str], world: World, objects: dict[str, int]
) -> list[int]:
    statuses: list[int] = []
    cases = st.tuples(operation.as_strategy(), st.booleans()).map(
        lambda drawn: grounded(drawn[0], world, objects) if drawn[1] else drawn[0]
    )

    @given(case=cases)
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,  # the same requests on every run
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Any) -> None:
        statuses.append(case.call_and_validate(headers=headers, checks=CHECKS).status_code)

    check()
    return statuses


@pytest.fixture
def connections_kept() -> Iterator[None]:
    """Requests through the WSGI application keep the test's database connection (Django would
    close it at the end of each request: it is inside the test's transaction), as the test
    client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.usefixtures("connections_kept")
def test_the_api_answers_as_its_openapi_document_says(world: World) -> None:
    token = api_token_create(user=world.admin)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    failures: list[str] = []
    statuses: list[int] = []
    objects = existing_objects(world)
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) > 40
    for operation in operations:
        writes = operation.method.upper() != "GET"
        headers = {"Authorization": f"Bearer {token}"} if writes else {}
        try:
            statuses += run_operation(operation, headers, world, objects)
        except Exception as error:  # every failing operation is reported, not just the first
            failures.append(f"{operation.method.upper()} {operation.path}: {error}")
    assert not failures, "\n\n".join(failures)
    assert statuses.count(201) >= 3, "generated writes with the token should create something"
