"""Safe uploads for shared materials: PDF, ODT, DOCX, PPTX up to 10 MB, checked by content."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from kumppani.core.uploads import (
    ARCHIVE_TOO_LARGE,
    archive_too_large,
    content_matches_extension,
    extension_of,
)
from kumppani.forums.models.network import ALLOWED_EXTENSIONS, MAX_UPLOAD


def validate_material(file: UploadedFile) -> None:
    extension = extension_of(file)
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError({"file": _("Only PDF, ODT, DOCX and PPTX files can be shared.")})
    if (file.size or 0) > MAX_UPLOAD:
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
