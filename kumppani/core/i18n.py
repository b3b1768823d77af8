"""Per-field content translation: fields named ``<base>_fi``, ``<base>_sv``, ``<base>_en``."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language

FALLBACK_ORDER = ("fi", "sv", "en")


def localized(obj: Any, base: str, language: str | None = None) -> str:
    """The value of ``obj.<base>_<lang>`` in the active language, falling back to fi, sv, en."""
    lang = (language or get_language() or "fi")[:2]
    for code in (lang, *FALLBACK_ORDER):
        value = getattr(obj, f"{base}_{code}", "") or ""
        if value:
            return str(value)
    return ""
