"""Checks that an uploaded document is wholly what its extension says, and removes stored
files that nothing refers to any more.

A PDF must parse as a PDF with at least one page and carry no HTML where a browser sniffing
the content would find it; ODT, DOCX and PPTX are ZIP containers whose inner files say what
they are, and whose unpacked size stays in proportion to the upload (no ZIP bombs). Apps keep
their own allowed types, size limits and messages.
"""

from __future__ import annotations

import logging
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

logger = logging.getLogger(__name__)

_ZIP_MARKERS = {".docx": "word/document.xml", ".pptx": "ppt/presentation.xml"}
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# Browsers that sniff content look at the first bytes; HTML there must not pass as a PDF.
_SNIFF_BYTES = 1024
_HTML = re.compile(rb"<\s*(!doctype|html|head|body|script|iframe|svg|img|a\s)", re.IGNORECASE)
# Office documents compress their XML well, but not a hundredfold once they are large; small
# archives cannot hurt whatever their ratio. Documents have tens of entries, not thousands.
MAX_UNPACKED_RATIO = 100
RATIO_CHECKED_FROM = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ARCHIVE_ENTRIES = 5000

ARCHIVE_TOO_LARGE = _("The file unpacks to far more than its size; it cannot be accepted.")


def extension_of(file: UploadedFile) -> str:
    return Path(file.name or "").suffix.lower()


def _is_pdf(file: UploadedFile) -> bool:
    head = file.read(_SNIFF_BYTES)
    if isinstance(head, str):
        head = head.encode()
    if not head.startswith(b"%PDF-") or _HTML.search(head):
        return False
    file.seek(0)
    try:
        return len(PdfReader(file).pages) > 0
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError):
        return False


def archive_too_large(file: UploadedFile) -> bool:
    """True when the ZIP ``file`` unpacks out of proportion to its size (a ZIP bomb)."""
    if extension_of(file) == ".pdf":
        return False
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return False  # not an archive at all: the content check refuses it
    finally:
        file.seek(0)
    unpacked = sum(entry.file_size for entry in entries)
    packed = max(file.size or 0, 1)
    return (
        len(entries) > MAX_ARCHIVE_ENTRIES
        or unpacked > MAX_UNPACKED_BYTES
        or (unpacked > RATIO_CHECKED_FROM and unpacked > MAX_UNPACKED_RATIO * packed)
    )


def _is_office_document(file: UploadedFile, extension: str) -> bool:
    head = file.read(4)
    file.seek(0)
    if isinstance(head, str):
        head = head.encode()
    if not head.startswith(b"PK\x03\x04") or archive_too_large(file):
        return False
    with zipfile.ZipFile(file) as archive:
        names = set(archive.namelist())
        if extension == ".odt":
            return "mimetype" in names and archive.read("mimetype").strip() == _ODT_MIMETYPE
        return _ZIP_MARKERS[extension] in names


def content_matches_extension(file: UploadedFile) -> bool:
    """True when the file really is the PDF, ODT, DOCX or PPTX its extension claims."""
    extension = extension_of(file)
    file.seek(0)
    try:
        if extension == ".pdf":
            return _is_pdf(file)
        if extension in (".odt", *_ZIP_MARKERS):
            return _is_office_document(file, extension)
        return False
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        return False
    finally:
        file.seek(0)


# --- files no longer referred to ------------------------------------------------------------


def file_delete_on_commit(storage: Storage, name: str) -> None:
    """Removes ``name`` from ``storage`` once the transaction commits (not if it rolls back)."""
    if name:
        transaction.on_commit(partial(_delete_quietly, storage, name))


def _delete_quietly(storage: Storage, name: str) -> None:
    try:
        storage.delete(name)
    except OSError:
        logger.warning("could not delete the replaced file %s", name, exc_info=True)


@contextmanager
def replaced_files_deleted(obj: models.Model) -> Iterator[None]:
    """Around a change of ``obj``: the files it referred to before and no longer does are
    removed from storage after commit."""
    fields = [f for f in obj._meta.concrete_fields if isinstance(f, models.FileField)]
    before: dict[str, str] = {}
    if fields and obj.pk is not None:
        before = (
            type(obj)._default_manager.filter(pk=obj.pk).values(*[f.name for f in fields]).first()
            or {}
        )
    yield
    for field in fields:
        old = before.get(field.name) or ""
        if old and getattr(obj, field.name).name != old:
            file_delete_on_commit(field.storage, old)
