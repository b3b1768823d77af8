"""URLs of the premises app's stats domain: the public P22 statistics."""

from __future__ import annotations

from django.urls import URLPattern, path

from kumppani.premises.views import stats

urlpatterns: list[URLPattern] = [
    path("stats/m/<str:code>/", stats.municipality, name="stats_municipality"),
    path("stats/regions/<str:code>/", stats.region, name="stats_region"),
    path("stats/regions/<str:code>/premises-use.csv", stats.region_csv, name="stats_region_csv"),
]
