"""An officer reopens one submitted application after the deadline, with a logged reason."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kumppani.accounts.audit import audit_record
from kumppani.accounts.models import User
from kumppani.core.notifications import Email, email_send
from kumppani.grants import access
from kumppani.grants.models import Application, ApplicationStatus, Reopening
from kumppani.grants.services.applications import applicant_emails, locked


@transaction.atomic
def application_reopen(
    *,
    application: Application,
    user: User,
    reason: str,
    until: dt.datetime,
    now: dt.datetime | None = None,
) -> Reopening:
    """An officer reopens one submitted application after the deadline, with a logged reason."""
    if not access.can_manage_programme(user, application.programme):
        raise PermissionDenied
    app = locked(application)
    now = now or timezone.now()
    if app.status not in (ApplicationStatus.SUBMITTED, ApplicationStatus.REOPENED):
        raise ValidationError(_("Only a submitted application can be reopened."))
    if now < app.programme.closes_at:
        raise ValidationError(
            _("The application period is still open; the applicant can still make changes.")
        )
    if until <= now:
        raise ValidationError({"until": _("The time must be in the future.")})
    reopening = Reopening(application=app, reason=(reason or "").strip(), until=until, by=user)
    reopening.full_clean()
    reopening.save()
    app.status = ApplicationStatus.REOPENED
    app.reopened_until = until
    app.save(update_fields=["status", "reopened_until", "updated_at"])
    audit_record(
        actor=user,
        action="grant_application.reopen",
        target=app,
        summary=reopening.reason,
        changes={"reopened_until": [None, until.isoformat()]},
    )
    email_send(
        Email(
            to=applicant_emails(app),
            subject=gettext_lazy("Your grant application was reopened for changes"),
            template="grants/apply/email/reopened.txt",
            language=app.language,
            context={"application": app, "programme": app.programme, "reopening": reopening},
        )
    )
    application.status = app.status
    application.reopened_until = until
    return reopening
