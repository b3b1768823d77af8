"""The OpenAPI document tells the truth about errors, filters and created objects."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from kumppani.accounts.services import api_token_create
from kumppani.accounts.testing import World

pytestmark = pytest.mark.django_db

ERROR = {"$ref": "#/components/schemas/Error"}


def document() -> dict[str, Any]:
    return Client().get("/api/v1/openapi.json").json()


def operation(path: str, method: str) -> dict[str, Any]:
    return document()["paths"][f"/api/v1{path}"][method]


def error_schema(op: dict[str, Any], code: int) -> Any:
    return op["responses"][str(code)]["content"]["application/json"]["schema"]


def test_every_write_declares_its_errors_with_the_shared_shape() -> None:
    writes = [
        op
        for ops in document()["paths"].values()
        for method, op in ops.items()
        if method in {"post", "patch"}
    ]
    assert len(writes) >= 14
    for op in writes:
        for code in (401, 403, 422):
            assert error_schema(op, code) == ERROR, op["operationId"]


def test_errors_follow_the_shape_of_the_operation() -> None:
    create = operation("/municipalities/{code}/bodies", "post")
    assert {"400", "401", "403", "404", "413", "422"} <= set(create["responses"])
    one = operation("/organisations/{pk}", "get")
    assert set(one["responses"]) == {"200", "404"}
    assert set(operation("/regions", "get")["responses"]) == {"200"}
    detail = document()["components"]["schemas"]["Error"]["properties"]["detail"]
    assert {"type": "string"} in detail["anyOf"]


def test_filters_with_fixed_values_declare_them() -> None:
    def enum(path: str, name: str) -> list[str]:
        (param,) = [p for p in operation(path, "get")["parameters"] if p["name"] == name]
        return next(s["enum"] for s in param["schema"]["anyOf"] if "enum" in s)

    assert "vitality_workshop" in enum("/forums", "type")
    assert enum("/proposal-decisions", "decision") == ["adopted", "merged", "forwarded", "rejected"]
    assert enum("/municipalities/{code}/guide", "language") == ["fi", "sv", "en"]
    assert Client().get("/api/v1/proposal-decisions?decision=approved").status_code == 422


def test_creates_answer_the_id_and_url_their_schema_promises(world: World) -> None:
    response = Client().post(
        "/api/v1/practices",
        json.dumps({"title_fi": "Kylätalon avoimet ovet"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=world.admin)}",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["url"] == f"http://testserver/fi/practices/{body['id']}/"
    created = operation("/practices", "post")["responses"]["201"]["content"]["application/json"]
    assert created["schema"] == {"$ref": "#/components/schemas/Created"}
    assert document()["components"]["schemas"]["Created"]["required"] == ["id", "url"]


@pytest.mark.parametrize(
    "path", ["/api/v1/organisations/abc", "/api/v1/forums/1.5", "/api/v1/no-such-thing"]
)
def test_unrouted_api_paths_answer_json_not_html(path: str) -> None:
    response = Client().get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not Found"}


def test_a_page_path_still_answers_the_html_404_page() -> None:
    response = Client().get("/fi/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_an_oversize_api_body_is_a_json_413_before_it_is_read(settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = Client().post(
        "/api/v1/practices",
        json.dumps({"title_fi": "x" * 2000}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="fi",
    )
    assert response.status_code == 413
    assert response.json() == {
        "detail": "Pyyntö on liian suuri: kerralla voi lähettää enintään 1 Mt."
    }
