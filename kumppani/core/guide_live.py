"""Live parts of the cooperation guide's sections, provided by other apps.

An app registers ``provider(municipality, language) -> safe HTML`` for a section key in its
``AppConfig.ready()``; the guide shows the provider's HTML under that section's narrative, so
the cooperation app shows other apps' current data without importing them. A provider runs a
constant number of queries and returns escaped, safe HTML.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.safestring import SafeString

from kumppani.geography.models import Municipality

GuideLiveProvider = Callable[[Municipality, str], SafeString]
_providers: dict[str, list[GuideLiveProvider]] = {}


def register_guide_live(section_key: str, provider: GuideLiveProvider) -> None:
    providers = _providers.setdefault(section_key, [])
    if provider not in providers:
        providers.append(provider)


def guide_live_html(section_key: str, municipality: Municipality, language: str) -> str:
    """The registered providers' HTML for one section, joined (empty when none)."""
    return "".join(
        str(provider(municipality, language)) for provider in _providers.get(section_key, [])
    )
