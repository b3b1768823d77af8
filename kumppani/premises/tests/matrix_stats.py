"""Permission-matrix entries of the premises statistics: public pages of aggregates, which never
name an association."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from kumppani.accounts.testing import World
from kumppani.core.tests.matrix import public
from kumppani.premises.models import BookingStatus
from kumppani.premises.tests.factories import BookingFactory, SpaceFactory

SECRET_ASSOCIATION = "Nimetön Tilastoseura ry"


def _booked(w: World) -> None:
    """A past confirmed booking of a named association in Kontiolahti (aggregates show its hours,
    never its name)."""
    start = timezone.now() - dt.timedelta(days=30)
    BookingFactory.create(
        space=SpaceFactory.create(municipality=w.municipality),
        organisation__name_fi=SECRET_ASSOCIATION,
        organisation__home_municipality=w.municipality,
        purpose=SECRET_ASSOCIATION,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        status=BookingStatus.CONFIRMED,
        price_eur=Decimal("16.00"),
    )


def _municipality(w: World) -> dict[str, Any]:
    _booked(w)
    return {"code": w.municipality.code}


def _region(w: World) -> dict[str, Any]:
    _booked(w)
    return {"code": w.region.code}


PAGES: dict[str, Any] = {
    "premises:stats_municipality": public(kwargs=_municipality, hidden=SECRET_ASSOCIATION),
    "premises:stats_region": public(kwargs=_region, hidden=SECRET_ASSOCIATION),
    "premises:stats_region_csv": public(
        kwargs=_region, query="?year=2026", hidden=SECRET_ASSOCIATION
    ),
}
API: dict[str, Any] = {}
