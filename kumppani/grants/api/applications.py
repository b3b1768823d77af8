"""Grant applications in the API: create, change (with the version it is based on), submit, read.

A change based on a version that is no longer the current one is refused with 409, as is any
change or submission after the deadline; nothing changes then.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from kumppani.accounts.access import authenticated_user
from kumppani.api.auth import token_auth
from kumppani.associations.models import Association
from kumppani.grants import access
from kumppani.grants.models import Application, Programme
from kumppani.grants.selectors_apply import (
    application_answers,
    application_detail,
    application_theme_ids,
    application_version,
)
from kumppani.grants.services.applications import (
    ApplicationClosed,
    StaleVersion,
    application_content,
    application_save,
    application_start,
    application_submit,
)

router = Router()

OPTIONAL_FIELDS = (
    "contact_name",
    "contact_email",
    "contact_phone",
    "iban",
    "purpose",
    "amount_eur",
    "welfare_themes",
)


class ApplicationIn(Schema):
    programme: int
    organisation: int
    amount_eur: Decimal | None = None
    answers: dict[str, Any] = {}
    purpose: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    iban: str | None = None
    welfare_themes: list[int] | None = None


class ApplicationPatch(Schema):
    version: int
    amount_eur: Decimal | None = None
    answers: dict[str, Any] = {}
    purpose: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    iban: str | None = None
    welfare_themes: list[int] | None = None


class VersionOut(Schema):
    id: int
    version: int
    status: str


class ReceiptOut(Schema):
    sha256: str
    submitted_at: str


class SubmitOut(Schema):
    id: int
    status: str
    version: int
    receipt: ReceiptOut


class DetailOut(Schema):
    id: int
    programme: int
    organisation: int
    status: str
    version: int
    amount_eur: str | None
    purpose: str
    contact_name: str
    contact_email: str
    contact_phone: str
    welfare_themes: list[int]
    answers: dict[str, Any]
    submitted_at: str | None
    submitted_version: int | None
    submitted_sha256: str


class Message(Schema):
    detail: Any


def _answers(raw: dict[str, Any]) -> dict[int, Any]:
    out: dict[int, Any] = {}
    for key, value in raw.items():
        if not str(key).isdigit():
            raise ValidationError({"answers": _("Answers are keyed by question id.")})
        out[int(key)] = value
    return out


def _fields(data: dict[str, Any]) -> dict[str, Any]:
    """The fields the request gave; ``null`` clears the amount and is ignored elsewhere."""
    return {
        name: data[name]
        for name in OPTIONAL_FIELDS
        if name in data and (data[name] is not None or name == "amount_eur")
    }


def _visible(request: HttpRequest, pk: int) -> Application:
    try:
        found = application_detail(pk=pk)
    except Application.DoesNotExist:
        raise Http404 from None
    if not access.can_see_application(request.user, found):
        raise PermissionDenied
    return found


def _editable(request: HttpRequest, pk: int) -> Application:
    found = _visible(request, pk)
    if not access.can_edit_application(request.user, found):
        raise PermissionDenied
    return found


@router.post(
    "/grant-applications",
    response={201: VersionOut, 409: Message},
    auth=token_auth,
    summary="Start (or continue) an association's application and save its answers",
)
def application_create(request: HttpRequest, payload: ApplicationIn) -> tuple[int, Any]:
    association = Association.objects.filter(pk=payload.organisation).first()
    if association is None:
        raise ValidationError({"organisation": _("There is no such association.")})
    if not access.can_apply_for(request.user, association.pk):
        raise PermissionDenied
    programme = Programme.objects.filter(pk=payload.programme).first()
    if programme is None:
        raise ValidationError({"programme": _("There is no such programme.")})
    data = payload.dict(exclude_unset=True)
    answers = _answers(payload.answers)
    user = authenticated_user(request)
    fields = _fields(data)
    try:
        # One transaction: a refused answer leaves no empty draft behind.
        with transaction.atomic():
            found = application_start(programme=programme, association=association, user=user)
            if fields or answers:
                found = application_save(
                    application=found, user=user, fields=fields, answers=answers
                ).application
    except ApplicationClosed as exc:
        return 409, {"detail": " ".join(exc.messages)}
    return 201, {"id": found.pk, "version": found.version, "status": found.status}


@router.get(
    "/grant-applications/{int:pk}",
    response=DetailOut,
    auth=token_auth,
    summary="One application: the current draft for its applicants, the submitted version "
    "for the programme's officers and reviewers",
)
def application_get(request: HttpRequest, pk: int) -> dict[str, Any]:
    found = _visible(request, pk)
    if access.can_edit_application(request.user, found):
        content = application_content(found)
        content["answers"] = {str(k): v for k, v in application_answers(application=found).items()}
        content["welfare_themes"] = application_theme_ids(application=found)
    else:
        stored = (
            application_version(application=found, number=found.submitted_version)
            if found.submitted_version
            else None
        )
        if stored is None:
            raise Http404
        content = json.loads(stored.content)
    return {
        "id": found.pk,
        "programme": found.programme_id,
        "organisation": found.association_id,
        "status": found.status,
        "version": content.get("version", found.version),
        "amount_eur": content.get("amount_eur"),
        "purpose": content.get("purpose", ""),
        "contact_name": content.get("contact_name", ""),
        "contact_email": content.get("contact_email", ""),
        "contact_phone": content.get("contact_phone", ""),
        "welfare_themes": content.get("welfare_themes", []),
        "answers": content.get("answers", {}),
        "submitted_at": found.submitted_at.isoformat() if found.submitted_at else None,
        "submitted_version": found.submitted_version,
        "submitted_sha256": found.submitted_sha256,
    }


@router.patch(
    "/grant-applications/{int:pk}",
    response={200: VersionOut, 409: Message},
    auth=token_auth,
    summary="Change an application; `version` must be the current one (else 409)",
)
def application_patch(request: HttpRequest, pk: int, payload: ApplicationPatch) -> tuple[int, Any]:
    found = _editable(request, pk)
    data = payload.dict(exclude_unset=True)
    try:
        result = application_save(
            application=found,
            user=authenticated_user(request),
            fields=_fields(data),
            answers=_answers(payload.answers),
            version=payload.version,
        )
    except (StaleVersion, ApplicationClosed) as exc:
        return 409, {"detail": " ".join(exc.messages)}
    app = result.application
    return 200, {"id": app.pk, "version": app.version, "status": app.status}


@router.post(
    "/grant-applications/{int:pk}/submit",
    response={200: SubmitOut, 409: Message},
    auth=token_auth,
    summary="Submit before the deadline; the receipt names the stored version's SHA-256",
)
def application_submit_api(request: HttpRequest, pk: int) -> tuple[int, Any]:
    found = _editable(request, pk)
    try:
        stored = application_submit(application=found, user=authenticated_user(request))
    except ApplicationClosed as exc:
        return 409, {"detail": " ".join(exc.messages)}
    submitted_at = found.submitted_at.isoformat() if found.submitted_at else ""
    return 200, {
        "id": found.pk,
        "status": found.status,
        "version": stored.number,
        "receipt": {"sha256": stored.sha256, "submitted_at": submitted_at},
    }
