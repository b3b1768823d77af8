"""Permission-matrix entries of the application path (pages and API)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from kumppani.accounts.testing import World
from kumppani.core.tests.matrix import OK, Case, api_only, only, roles_expect

# An application of Kontiolahti's association (``rep``) in a programme of Kontiolahti, run by its
# liaison; the region's coordinator runs no grants.
EDITORS = ("rep", "admin")
SEERS = ("rep", "liaison", "admin")


def _programme(w: World) -> dict[str, int]:
    from kumppani.grants.tests.factories import ProgrammeFactory

    return {"pk": ProgrammeFactory.create(municipality=w.municipality).pk}


def _draft(w: World) -> Any:
    from kumppani.grants.tests.factories import ApplicationFactory, ProgrammeFactory

    return ApplicationFactory.create(
        programme=ProgrammeFactory.create(municipality=w.municipality),
        association=w.association,
    )


def _submitted(w: World) -> Any:
    from kumppani.grants.models import ApplicationVersion
    from kumppani.grants.tests.factories import ApplicationFactory, ProgrammeFactory

    application = ApplicationFactory.create(
        programme=ProgrammeFactory.create(municipality=w.municipality),
        association=w.association,
        status="submitted",
        submitted_at=timezone.now(),
        submitted_version=1,
        submitted_sha256="0" * 64,
    )
    ApplicationVersion.objects.create(
        application=application, number=1, content="{}", sha256="0" * 64, submitted=True
    )
    return application


def _closed_submitted(w: World) -> Any:
    application = _submitted(w)
    programme = application.programme
    programme.opens_at = timezone.now() - dt.timedelta(days=30)
    programme.closes_at = timezone.now() - dt.timedelta(days=1)
    programme.save()
    return application


def _attachment(w: World) -> dict[str, int]:
    from kumppani.grants.tests.factories import AttachmentFactory

    return {"pk": AttachmentFactory.create(application=_submitted(w)).pk}


def _draft_attachment(w: World) -> dict[str, int]:
    from kumppani.grants.tests.factories import AttachmentFactory

    return {"pk": AttachmentFactory.create(application=_draft(w)).pk}


def _pk(make: Any) -> Any:
    return lambda w: {"pk": make(w).pk}


def _reopen_data(w: World) -> dict[str, str]:
    until = timezone.localtime() + dt.timedelta(days=3)
    return {"reason": "Liite puuttui.", "until": until.strftime("%Y-%m-%dT%H:%M")}


PAGES = {
    # Only representatives choose an association to apply for (an administrator represents none).
    "grants:apply": only("rep", "other_rep", kwargs=_programme),
    "grants:application": only(*SEERS, kwargs=_pk(_submitted)),
    "grants:submit": only(*EDITORS, kwargs=_pk(_draft)),
    "grants:receipt": only(*SEERS, kwargs=_pk(_submitted)),
    "grants:attachment_add": only(*EDITORS, kwargs=_pk(_draft)),
    "grants:attachment_remove": only(*EDITORS, kwargs=_draft_attachment),
    "grants:attachment_download": only(*SEERS, kwargs=_attachment),
    "grants:reopen": only(
        "liaison", "admin", ok=OK, method="post", kwargs=_pk(_closed_submitted), data=_reopen_data
    ),
    "grants:cases": only("rep", "admin", kwargs=lambda w: {"association_id": w.association.pk}),
}


def _create_payload(w: World) -> dict[str, Any]:
    from kumppani.grants.tests.factories import ProgrammeFactory

    programme = ProgrammeFactory.create(municipality=w.municipality)
    return {"programme": programme.pk, "organisation": w.association.pk, "amount_eur": "900.00"}


def _draft_id(w: World) -> dict[str, int]:
    return {"pk": _draft(w).pk}


API = {
    "POST /api/v1/grant-applications": api_only("rep", ok=201, data=_create_payload),
    "GET /api/v1/grant-applications/{pk}": Case(
        expect=roles_expect(SEERS, ok=200, anonymous=401),
        kwargs=lambda w: {"pk": _submitted(w).pk},
    ),
    "PATCH /api/v1/grant-applications/{pk}": api_only(
        *EDITORS, ok=200, kwargs=_draft_id, data=lambda w: {"version": 1, "purpose": "Uusi"}
    ),
    "POST /api/v1/grant-applications/{pk}/submit": api_only(*EDITORS, ok=200, kwargs=_draft_id),
}
