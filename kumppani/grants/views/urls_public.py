from __future__ import annotations

from django.urls import URLPattern, path

from kumppani.grants.views import public

urlpatterns: list[URLPattern] = [
    path("m/<str:code>/", public.municipality, name="municipality"),
    path("m/<str:code>/deadlines.ics", public.deadlines, name="deadlines_ics"),
    path("programmes/<int:pk>/", public.programme, name="programme"),
    path("regions/<str:code>/", public.region, name="region"),
    path("awards/", public.awards_list, name="awards"),
    path("awards.csv", public.awards_csv, name="awards_csv"),
    path("awards.json", public.awards_json, name="awards_json"),
]
