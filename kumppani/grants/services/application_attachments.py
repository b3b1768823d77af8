"""Attachments of an application: checked by content (core.uploads), each a new version."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.accounts.models import User
from kumppani.core.uploads import (
    ARCHIVE_TOO_LARGE,
    archive_too_large,
    content_matches_extension,
    extension_of,
    file_delete_on_commit,
)
from kumppani.grants.models import Application, Attachment
from kumppani.grants.services.applications import (
    bump,
    editable_error,
    locked,
    require_editor,
)

ATTACHMENT_EXTENSIONS = {".pdf", ".odt", ".docx", ".pptx"}
MAX_ATTACHMENT = 10 * 1024 * 1024
MAX_ATTACHMENTS = 20


def attachment_validate(file: UploadedFile) -> None:
    extension = extension_of(file)
    if extension not in ATTACHMENT_EXTENSIONS:
        raise ValidationError({"file": _("Only PDF, ODT, DOCX and PPTX files can be attached.")})
    if (file.size or 0) > MAX_ATTACHMENT:
        raise ValidationError({"file": _("The file is larger than 10 MB.")})
    if archive_too_large(file):
        raise ValidationError({"file": ARCHIVE_TOO_LARGE})
    if not content_matches_extension(file):
        raise ValidationError(
            {
                "file": _("The file's content does not match its type (%(ext)s).")
                % {"ext": extension}
            }
        )


@transaction.atomic
def attachment_add(
    *,
    application: Application,
    user: User,
    title: str,
    file: UploadedFile,
    now: dt.datetime | None = None,
) -> Attachment:
    require_editor(user, application)
    app = locked(application)
    error = editable_error(app, now or timezone.now())
    if error is not None:
        raise error
    if Attachment.objects.filter(application=app).count() >= MAX_ATTACHMENTS:
        raise ValidationError(
            _("An application can have at most %(count)s attachments.") % {"count": MAX_ATTACHMENTS}
        )
    attachment_validate(file)
    attachment = Attachment(
        application=app,
        title=(title or "").strip() or (file.name or ""),
        file=file,
        uploaded_by=user,
    )
    attachment.full_clean()
    attachment.save()
    bump(app, user)
    return attachment


@transaction.atomic
def attachment_remove(
    *, attachment: Attachment, user: User, now: dt.datetime | None = None
) -> None:
    application = attachment.application
    require_editor(user, application)
    app = locked(application)
    error = editable_error(app, now or timezone.now())
    if error is not None:
        raise error
    name = attachment.file.name
    storage = attachment.file.storage
    attachment.delete()
    file_delete_on_commit(storage, name)
    bump(app, user)
