"""URLs of the premises app's rounds domain (seasonal allocation, kausivaraus)."""

from __future__ import annotations

from django.urls import URLPattern, path

from kumppani.premises.views import rounds

urlpatterns: list[URLPattern] = [
    path("manage/<str:code>/rounds/", rounds.rounds, name="rounds"),
    path("manage/<str:code>/rounds/new/", rounds.round_create, name="round_create"),
    path("manage/rounds/<int:pk>/", rounds.round_manage, name="round_manage"),
    path("manage/rounds/<int:pk>/edit/", rounds.round_edit, name="round_edit"),
    path("manage/rounds/<int:pk>/open/", rounds.round_open, name="round_open"),
    path("manage/rounds/<int:pk>/propose/", rounds.round_propose, name="round_propose"),
    path("manage/rounds/<int:pk>/confirm/", rounds.round_confirm, name="round_confirm"),
    path(
        "manage/rounds/<int:pk>/allocations/new/",
        rounds.allocation_create,
        name="allocation_create",
    ),
    path("manage/allocations/<int:pk>/edit/", rounds.allocation_edit, name="allocation_edit"),
    path("manage/allocations/<int:pk>/delete/", rounds.allocation_delete, name="allocation_delete"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round"),
    path("rounds/<int:pk>/apply/", rounds.round_apply, name="round_apply"),
    path("rounds/requests/<int:pk>/edit/", rounds.request_edit, name="request_edit"),
    path("rounds/requests/<int:pk>/delete/", rounds.request_delete, name="request_delete"),
]
