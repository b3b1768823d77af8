"""URLs of the premises app's book domain."""

from __future__ import annotations

from django.urls import URLPattern, path

from kumppani.premises.views import book

urlpatterns: list[URLPattern] = [
    path("spaces/<int:pk>/book/", book.book, name="book"),
    path("my/", book.my_bookings, name="my_bookings"),
    path("bookings/<int:pk>/", book.booking, name="booking"),
    path("bookings/<int:pk>/booking.ics", book.booking_ics, name="booking_ics"),
    path("bookings/<int:pk>/cancel/", book.booking_cancel, name="booking_cancel"),
    path("series/<int:pk>/cancel/", book.series_cancel, name="series_cancel"),
]
