"""The premises part of the JSON API: one router made of each domain's router."""

from __future__ import annotations

from ninja import Router

from kumppani.premises.api.bookings import router as bookings_router
from kumppani.premises.api.premises import router as premises_router

router = Router(tags=["premises"])
router.add_router("", premises_router)
router.add_router("", bookings_router)
