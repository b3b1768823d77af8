"""Safe uploads for shared materials: PDF, ODT, DOCX, PPTX up to 10 MB, checked by content."""

from __future__ import annotations

import zipfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from kumppani.forums.models.network import ALLOWED_EXTENSIONS, MAX_UPLOAD

_ZIP_MARKERS = {
    ".docx": "word/document.xml",
    ".pptx": "ppt/presentation.xml",
}
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def validate_material(file: UploadedFile) -> None:
    name = file.name or ""
    extension = Path(name).suffix.lower()
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError({"file": _("Only PDF, ODT, DOCX and PPTX files can be shared.")})
    if (file.size or 0) > MAX_UPLOAD:
        raise ValidationError({"file": _("The file is larger than 10 MB.")})
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    ok = False
    if extension == ".pdf":
        ok = head.startswith(b"%PDF-")
    elif head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(file) as archive:
                names = set(archive.namelist())
                if extension == ".odt":
                    ok = "mimetype" in names and archive.read("mimetype").strip() == _ODT_MIMETYPE
                else:
                    ok = _ZIP_MARKERS[extension] in names
        except (zipfile.BadZipFile, KeyError, OSError):
            ok = False
        file.seek(0)
    if not ok:
        raise ValidationError(
            {
                "file": _("The file's content does not match its type (%(ext)s).")
                % {"ext": extension}
            }
        )
