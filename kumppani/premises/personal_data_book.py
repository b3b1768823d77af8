"""What premises keep about a person: the bookings and series they made. Erasure keeps the
bookings (they are the association's or the municipality's record of use) without the person."""

from __future__ import annotations

from typing import Any

from kumppani.accounts.models import User
from kumppani.premises.models import Booking, BookingSeries


def export(user: User) -> dict[str, Any]:
    return {
        "bookings": [
            {
                "id": booking.pk,
                "space": str(booking.space),
                "association": booking.organisation_id,
                "purpose": booking.purpose,
                "starts_at": booking.starts_at.isoformat(),
                "ends_at": booking.ends_at.isoformat(),
                "status": booking.status,
                "price_eur": str(booking.price_eur) if booking.price_eur is not None else None,
                "series": booking.series_id,
                "created_at": booking.created_at.isoformat(),
            }
            for booking in Booking.objects.filter(booked_by=user)
            .select_related("space")
            .order_by("starts_at", "id")
        ],
    }


def erase(user: User) -> None:
    Booking.objects.filter(booked_by=user).update(booked_by=None)
    BookingSeries.objects.filter(booked_by=user).update(booked_by=None)
    Booking.objects.filter(decided_by=user).update(decided_by=None)
    Booking.objects.filter(cancelled_by=user).update(cancelled_by=None)
