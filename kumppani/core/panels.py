"""Sections apps contribute to shared pages (home, the municipality page, "My pages", ...).

An app registers a provider in its ``AppConfig.ready()``; geography and core stay unaware of the
apps that build on them. Each provider runs a constant number of queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict[str, Any]
    order: int = 100


PanelProvider = Callable[[HttpRequest, Any], Panel | None]

_registry: dict[str, list[PanelProvider]] = {}


def register(page: str, provider: PanelProvider) -> None:
    providers = _registry.setdefault(page, [])
    if provider not in providers:
        providers.append(provider)


def panels_for(page: str, request: HttpRequest, obj: Any) -> list[Panel]:
    found = [p for p in (provider(request, obj) for provider in _registry.get(page, [])) if p]
    return sorted(found, key=lambda panel: panel.order)


HOME_PAGE = "home"
MUNICIPALITY_PAGE = "municipality"
REGION_PAGE = "region"
DASHBOARD = "dashboard"
BODY_PAGE = "body"
MEASURE_PAGE = "welfare_measure"
ASSOCIATION_PAGE = "association"
