"""URLs of the premises app's public domain."""

from __future__ import annotations

from django.urls import URLPattern, path

from kumppani.premises.views import public

urlpatterns: list[URLPattern] = [
    path("m/<str:code>/", public.municipality, name="municipality"),
    path("spaces/<int:pk>/", public.space, name="space"),
    path("spaces/<int:pk>/busy.ics", public.busy_feed, name="busy_ics"),
    path("photos/<int:pk>/", public.photo, name="photo"),
]
