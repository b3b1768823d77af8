"""The cooperation guide as a PDF that looks like a municipal document (WeasyPrint)."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from kumppani.cooperation.guide_render import guide_sections
from kumppani.cooperation.models import GuideVersion
from kumppani.geography.models import Municipality

PDF_CSS = "cooperation/guide-pdf.css"


def guide_pdf_bytes(
    *,
    municipality: Municipality,
    version: GuideVersion,
    language: str,
    request: HttpRequest | None = None,
) -> bytes:
    from weasyprint import CSS, HTML  # imported lazily: Pango loads on first use

    sections = guide_sections(
        municipality=municipality, version=version, language=language, request=request
    )
    html = render_to_string(
        "cooperation/guide_pdf.html",
        {
            "municipality": municipality,
            "version": version,
            "sections": sections,
            "printed": timezone.localdate(),
        },
    )
    base_url = request.build_absolute_uri("/") if request else "http://localhost/"
    css_path = finders.find(PDF_CSS)
    stylesheets = [CSS(filename=str(css_path))] if css_path else []
    return bytes(HTML(string=html, base_url=base_url).write_pdf(stylesheets=stylesheets))
