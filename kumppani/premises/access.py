"""Who may do what with premises; built only from kumppani.accounts.access primitives.

- Premises (spaces, hours, photos, price rules, usage principles, seasonal rounds) are managed
  by an officer or a liaison of the municipality, or an administrator; they also approve and
  reject bookings and may book on anyone's behalf.
- A representative of an association books for it, sees and cancels its bookings and applies in
  seasonal rounds.
- Spaces available to associations, their busy times (no personal data), usage principles and
  the statistics are public.
"""

from __future__ import annotations

from kumppani.accounts.access import AnyUser, has_municipal_role, is_admin, represents
from kumppani.accounts.models import Role
from kumppani.premises.models import Booking, BookingSeries, Space


def manages_premises_in(user: AnyUser, municipality_id: int) -> bool:
    return is_admin(user) or has_municipal_role(user, municipality_id, Role.OFFICER, Role.LIAISON)


def can_manage_space(user: AnyUser, space: Space) -> bool:
    return manages_premises_in(user, space.municipality_id)


def can_book_for(user: AnyUser, association_id: int) -> bool:
    return bool(user.is_authenticated) and represents(user, association_id)


def can_handle_booking(user: AnyUser, booking: Booking | BookingSeries) -> bool:
    """See the booking's details and cancel it: the association's representatives, the person
    who booked it, and those who manage the space."""
    if not user.is_authenticated:
        return False
    if booking.organisation_id is not None and represents(user, booking.organisation_id):
        return True
    if booking.booked_by_id is not None and booking.booked_by_id == user.pk:
        return True
    return manages_premises_in(user, booking.space.municipality_id)
