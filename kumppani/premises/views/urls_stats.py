"""URLs of the premises app's stats domain."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
