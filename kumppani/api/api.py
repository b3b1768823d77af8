"""The versioned JSON API: public reads, token-authenticated writes, one OpenAPI document."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError

from kumppani.api.openapi import KumppaniAPI
from kumppani.api.parser import StrictJSONParser
from kumppani.associations.api import router as associations_router
from kumppani.cooperation.api import router as cooperation_router
from kumppani.forums.api import router as forums_router
from kumppani.geography.api import router as geography_router
from kumppani.grants.api import router as grants_router
from kumppani.premises.api import router as premises_router
from kumppani.proposals.api import router as proposals_router
from kumppani.surveys.api import router as surveys_router
from kumppani.welfare.api import router as welfare_router

api = KumppaniAPI(
    title="Kumppani API",
    version="1",
    description="Municipality–association cooperation data. Reads are public; writes need "
    "`Authorization: Bearer <token>` (`manage.py create_api_token EMAIL`).",
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
    parser=StrictJSONParser(),
)


@api.exception_handler(ValidationError)
def django_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A service's ``ValidationError``: 422 with its field errors, the shape of schema errors.

    API functions call the service and let it enforce its rules; they add none of their own.
    """
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(NinjaValidationError)
def schema_validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        loc = [str(p) for p in error.get("loc", []) if p not in ("body", "payload", "query")]
        fields.setdefault(".".join(loc) or "__all__", []).append(str(error.get("msg", "")))
    return api.create_response(request, {"detail": fields}, status=422)


@api.exception_handler(OperationalError)
def database_busy(request: HttpRequest, exc: OperationalError) -> HttpResponse:
    """SQLite's writers wait their turn for 20 seconds; one that waited longer gets 503 and a
    Retry-After, so a client tries again instead of seeing a server error. Others propagate."""
    if "database is locked" not in str(exc):
        raise exc
    response = api.create_response(
        request, {"detail": _("The service is busy. Try again in a moment.")}, status=503
    )
    response["Retry-After"] = "2"
    return response


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(
        request, {"detail": _("You do not have permission to do this.")}, status=403
    )


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": _("A valid API token is required.")}, status=401)


api.add_router("", geography_router)
api.add_router("", associations_router)
api.add_router("", cooperation_router)
api.add_router("", forums_router)
api.add_router("", surveys_router)
api.add_router("", welfare_router)
api.add_router("", proposals_router)
api.add_router("", grants_router)
api.add_router("", premises_router)
