"""The grants part of the JSON API: one router made of each domain's router."""

from __future__ import annotations

from ninja import Router

from kumppani.grants.api.applications import router as applications_router
from kumppani.grants.api.awards import router as awards_router
from kumppani.grants.api.programmes import router as programmes_router
from kumppani.grants.api.reviews import router as reviews_router

router = Router(tags=["grants"])
router.add_router("", programmes_router)
router.add_router("", applications_router)
router.add_router("", reviews_router)
router.add_router("", awards_router)
