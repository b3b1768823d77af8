"""Uploads are checked whole, and requests too large are refused before their body is read."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kumppani.accounts.testing import pdf_bytes
from kumppani.core.uploads import archive_too_large, content_matches_extension


def docx(document: bytes = b"<w:document/>") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("muistio.pdf", pdf_bytes(), True),
        ("muistio.pdf", b"%PDF-1.7\n<html><script>alert(1)</script></html>", False),
        ("muistio.pdf", b"%PDF-1.4\n" + b"<!DOCTYPE html><body>hei</body>" * 10, False),
        ("muistio.pdf", pdf_bytes().replace(b"%PDF-1.3", b"%PDF-1.3\n<html>", 1), False),
        ("muistio.pdf", b"%PDF-1.7 and nothing a reader can open", False),
        ("muistio.docx", docx(), True),
        ("muistio.docx", docx(b"<w:document>" + b" " * 20_000_000 + b"</w:document>"), False),
    ],
)
def test_the_whole_file_is_checked(name: str, content: bytes, ok: bool) -> None:
    assert content_matches_extension(SimpleUploadedFile(name, content)) is ok


def test_an_archive_out_of_proportion_to_its_size_is_a_zip_bomb() -> None:
    bomb = docx(b"0" * 20_000_000)
    assert len(bomb) < 100_000
    assert archive_too_large(SimpleUploadedFile("pommi.docx", bomb))
    text_heavy = docx("Kylätalon korjaus ja avustukset. ".encode() * 3000)
    assert not archive_too_large(SimpleUploadedFile("sopimus.docx", text_heavy))


@pytest.mark.django_db
def test_a_page_request_over_the_limit_is_refused_with_a_413_page(settings: Any) -> None:
    settings.MAX_REQUEST_BYTES = 1024 * 1024
    client = Client()
    response = client.post(
        "/fi/accounts/login/", {"login": "x" * (1024 * 1024 + 10)}, HTTP_ACCEPT_LANGUAGE="fi"
    )
    assert response.status_code == 413
    assert response["Connection"] == "close"
    page = response.content.decode()
    assert "enintään 1 Mt" in page and "Högst 1 MB" in page and "At most 1 MB" in page
    assert client.post("/fi/accounts/login/", {"login": "x"}).status_code == 200
