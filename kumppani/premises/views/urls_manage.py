"""URLs of the premises app's manage domain."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
