"""URLs of the premises app's manage domain."""

from __future__ import annotations

from django.urls import URLPattern, path

from kumppani.premises.views import manage

urlpatterns: list[URLPattern] = [
    path("manage/<str:code>/", manage.manage, name="manage"),
    path("manage/<str:code>/spaces/new/", manage.space_create, name="space_create"),
    path("manage/<str:code>/principles/", manage.principles, name="principles"),
    path("manage/<str:code>/prices/", manage.prices, name="prices"),
    path("manage/<str:code>/prices/new/", manage.price_create, name="price_create"),
    path("manage/<str:code>/approvals/", manage.approvals, name="approvals"),
    path("manage/spaces/<int:pk>/edit/", manage.space_edit, name="space_edit"),
    path("manage/spaces/<int:pk>/delete/", manage.space_delete, name="space_delete"),
    path("manage/spaces/<int:pk>/hours/", manage.space_hours, name="space_hours"),
    path("manage/spaces/<int:pk>/photos/", manage.space_photos, name="space_photos"),
    path("manage/photos/<int:pk>/delete/", manage.photo_delete, name="photo_delete"),
    path("manage/prices/<int:pk>/edit/", manage.price_edit, name="price_edit"),
    path("manage/prices/<int:pk>/delete/", manage.price_delete, name="price_delete"),
    path("manage/bookings/<int:pk>/decide/", manage.booking_decide, name="booking_decide"),
]
