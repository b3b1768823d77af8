"""The API's OpenAPI document with the error answers every operation can give.

Which errors an operation can answer follows from its shape, so they are added here once rather
than on each route: a path parameter can name nothing (404); query parameters and bodies can be
invalid, and writes can break a service's rule (422); a body can be malformed JSON (400) or too
large (413); an operation with a token can lack one (401) or not be allowed (403).
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from kumppani.api.schemas import Error

ERROR_REF = {"$ref": "#/components/schemas/Error"}
DESCRIPTIONS = {
    400: "Malformed request body (not JSON, or text with NUL characters)",
    401: "No valid API token",
    403: "The token's user may not do this",
    404: "Nothing found at this path",
    413: "The request body is too large",
    422: "Invalid parameters or body, or a rule of the service: messages per field",
}


def error_codes(operation: dict[str, Any]) -> set[int]:
    """The error statuses ``operation`` (an OpenAPI operation object) can answer."""
    places = {p.get("in") for p in operation.get("parameters", [])}
    codes: set[int] = set()
    if "path" in places:
        codes.add(404)
    if "query" in places or "requestBody" in operation:
        codes.add(422)
    if "requestBody" in operation:
        codes |= {400, 413}
    if operation.get("security"):
        codes |= {401, 403, 422}
    return codes


def error_responses(operation: dict[str, Any]) -> None:
    """Declares on ``operation`` each error it can answer, with the shared ``Error`` shape."""
    responses = operation.setdefault("responses", {})
    for code in sorted(error_codes(operation)):
        responses.setdefault(
            code,
            {
                "description": DESCRIPTIONS[code],
                "content": {"application/json": {"schema": ERROR_REF}},
            },
        )


class KumppaniAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        schemas["Error"] = Error.model_json_schema(ref_template="#/components/schemas/{model}")
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                error_responses(operation)
        return schema
