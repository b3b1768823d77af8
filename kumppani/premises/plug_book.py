"""Registrations of the premises app's book domain: the next bookings on "My pages", and a
person's bookings in their personal data (export and erasure)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kumppani.core import panels
from kumppani.core.panels import Panel


def dashboard_panel(request: HttpRequest, user: Any) -> Panel | None:
    """The person's next bookings (one query); nothing when there are none."""
    from kumppani.premises.selectors_book import next_bookings

    bookings = next_bookings(user)
    if not bookings:
        return None
    return Panel("premises/book/panels/dashboard.html", {"bookings": bookings}, order=55)


def register() -> None:
    from kumppani.accounts.personal_data import register_personal_data
    from kumppani.premises import personal_data_book

    panels.register(panels.DASHBOARD, dashboard_panel)
    register_personal_data(
        "premises_bookings", exporter=personal_data_book.export, eraser=personal_data_book.erase
    )
