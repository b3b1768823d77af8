"""Checks that an uploaded document's content matches its extension (not just its name).

PDF files start with ``%PDF-``; ODT, DOCX and PPTX are ZIP containers whose inner files say
what they are. Apps keep their own allowed types, size limits and messages.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from django.core.files.uploadedfile import UploadedFile

_ZIP_MARKERS = {".docx": "word/document.xml", ".pptx": "ppt/presentation.xml"}
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def extension_of(file: UploadedFile) -> str:
    return Path(file.name or "").suffix.lower()


def content_matches_extension(file: UploadedFile) -> bool:
    """True when the file really is the PDF, ODT, DOCX or PPTX its extension claims."""
    extension = extension_of(file)
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if isinstance(head, str):
        head = head.encode()
    if extension == ".pdf":
        return head.startswith(b"%PDF-")
    if extension not in (".odt", *_ZIP_MARKERS) or not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if extension == ".odt":
                return "mimetype" in names and archive.read("mimetype").strip() == _ODT_MIMETYPE
            return _ZIP_MARKERS[extension] in names
    except (zipfile.BadZipFile, KeyError, OSError):
        return False
    finally:
        file.seek(0)
