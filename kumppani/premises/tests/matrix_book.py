"""Permission-matrix entries of the premises app's book domain: the public pages and feeds, the
booking path and the bookings API.

The booking of the cases is Kontiolahti's association's (``rep``) in a space of Kontiolahti,
made by ``rep``: it is handled by ``rep``, Kontiolahti's liaison and the administrator.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kumppani.accounts.testing import World
from kumppani.core.tests.matrix import (
    LOGIN,
    Case,
    api_only,
    api_public,
    logged_in,
    public,
    roles_expect,
)

HIDDEN_SPACE = "Salainen varasto"
BOOKER = "Varaaja Salainen"
PURPOSE = "Salainen tarkoitus"
FIXED_SPACE = 990001
HANDLERS = ("rep", "liaison", "admin")


def _space(w: World, **kwargs: Any) -> Any:
    from kumppani.premises.tests.factories import SpaceFactory

    return SpaceFactory.create(municipality=w.municipality, **kwargs)


def _booking(w: World, space: Any = None) -> Any:
    from kumppani.premises.services.bookings import booking_create
    from kumppani.premises.tests.factories import next_weekday_at

    w.rep.full_name = BOOKER
    w.rep.save()
    start = next_weekday_at(1, 18)
    return booking_create(
        space=space or _space(w),
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        purpose=PURPOSE,
        customer_type="association",
        organisation=w.association,
        booked_by=w.rep,
    )


def _series(w: World) -> Any:
    from kumppani.premises.services.bookings import series_create
    from kumppani.premises.tests.factories import next_weekday_at

    start = next_weekday_at(2, 18)
    return series_create(
        space=_space(w),
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        purpose=PURPOSE,
        customer_type="association",
        rrule="FREQ=WEEKLY;COUNT=3",
        organisation=w.association,
        booked_by=w.rep,
    ).series


def _municipality(w: World) -> dict[str, str]:
    _space(w, name_fi=HIDDEN_SPACE, for_associations=False)
    _space(w)
    return {"code": w.municipality.code}


def _space_with_booking(w: World) -> dict[str, int]:
    return {"pk": _booking(w).space_id}


def _booking_pk(w: World) -> dict[str, int]:
    return {"pk": _booking(w).pk}


def _series_pk(w: World) -> dict[str, int]:
    return {"pk": _series(w).pk}


def _fixed_space(w: World) -> dict[str, int]:
    _booking(w, _space(w, pk=FIXED_SPACE))
    return {}


def _book_payload(w: World) -> dict[str, Any]:
    from kumppani.premises.tests.factories import next_weekday_at

    start = next_weekday_at(3, 10)
    return {
        "space": _space(w).pk,
        "start": start.isoformat(),
        "end": (start + dt.timedelta(hours=2)).isoformat(),
        "organisation": w.association.pk,
        "purpose": "Kokous",
    }


# Anyone who represents an association may book (for it); Kontiolahti's premises managers may
# book for anyone. The Tampere liaison and the coordinator represent no association.
BOOKERS = roles_expect({"rep", "other_rep", "liaison", "admin"}, ok=200, anonymous=LOGIN)


def _photo(w: World) -> dict[str, int]:
    from kumppani.premises.tests.factories import SpacePhotoFactory

    return {"pk": SpacePhotoFactory.create(space=_space(w)).pk}


PAGES: dict[str, Any] = {
    "premises:photo": public(kwargs=_photo),
    "premises:municipality": public(kwargs=_municipality, hidden=HIDDEN_SPACE),
    "premises:space": public(kwargs=_space_with_booking, hidden=BOOKER),
    "premises:busy_ics": public(kwargs=_space_with_booking, hidden=PURPOSE),
    "premises:book": Case(expect=BOOKERS, kwargs=lambda w: {"pk": _space(w).pk}),
    "premises:my_bookings": logged_in(),
    "premises:booking": Case(expect=roles_expect(HANDLERS), kwargs=_booking_pk),
    "premises:booking_ics": Case(expect=roles_expect(HANDLERS), kwargs=_booking_pk),
    "premises:booking_cancel": Case(expect=roles_expect(HANDLERS), kwargs=_booking_pk),
    "premises:series_cancel": Case(expect=roles_expect(HANDLERS), kwargs=_series_pk),
}

API: dict[str, Any] = {
    # A representative of the association, or a manager of the space's premises.
    "POST /api/v1/bookings": api_only("rep", "liaison", "admin", ok=201, data=_book_payload),
    "GET /api/v1/bookings": api_public(
        kwargs=_fixed_space, query=f"?space={FIXED_SPACE}", hidden=BOOKER
    ),
    "DELETE /api/v1/bookings/{pk}": api_only(*HANDLERS, ok=204, kwargs=_booking_pk),
    "GET /api/v1/premises/{pk}/busy.ics": api_public(kwargs=_space_with_booking, hidden=PURPOSE),
}
