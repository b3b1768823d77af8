"""Demo premises: Joutsa's Hyvinvointitupa (a meeting room and a teaching kitchen, free of charge
for associations) and Kontiolahti's sports house with a ball games hall of two courts
(association prices, dearer weekday evenings, a dearer whole hall), opening hours and usage
principles; a weekly series of the demo representative's village association and some single
bookings made through the booking service; last spring's weekly series (for the statistics);
and an open seasonal round in Kontiolahti with competing applications for the same Tuesday and
Thursday evening slots.

Future bookings go through ``services.bookings.series_create`` (rules, prices, blocks). The past
season cannot be booked through the service (it refuses a start in the past), so it is written
with the service's own row writer, which prices each occurrence and writes its blocks. Running
``seed`` again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from django.utils import timezone, translation

from kumppani.accounts.models import Role, User
from kumppani.associations.models import Association
from kumppani.geography.models import Municipality
from kumppani.premises import demo_data as data
from kumppani.premises.models import (
    AllocationRound,
    OpeningHours,
    PriceRule,
    RoundStatus,
    SlotRequest,
    Space,
    UsagePrinciples,
)
from kumppani.premises.services.bookings import (
    BookingClash,
    Occurrence,
    past_series_record,
    series_create,
)

DEMO_REPRESENTATIVE_ASSOCIATION = "Ylä-Kuhan kyläyhdistys ry"


def _local(day: dt.date, at: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, at))


def _next(weekday: int, weeks: int = 1) -> dt.date:
    """The first ``weekday`` at least ``weeks`` weeks from today."""
    start = timezone.localdate() + dt.timedelta(weeks=weeks)
    return start + dt.timedelta(days=(weekday - start.weekday()) % 7)


def _spaces(municipality: Municipality) -> dict[str, Space]:
    made: dict[str, Space] = {}
    for kind, fi, sv, en, capacity, area, parent, description in data.SPACES[municipality.code]:
        made[fi] = Space.objects.create(
            municipality=municipality,
            parent=made[parent] if parent else None,
            kind=kind,
            name_fi=fi,
            name_sv=sv,
            name_en=en,
            address="Jousitie 8, 19650 Joutsa"
            if municipality.code == data.JOUTSA
            else "Urheilutie 4, 81100 Kontiolahti",
            description_fi=description,
            capacity=capacity,
            area_m2=area,
            step_free=True,
            accessible_toilet=True,
            induction_loop=kind == "meeting_room",
            bookable=kind != "building" or municipality.code == data.JOUTSA,
            min_minutes=60,
            max_minutes=600,
            book_ahead_days=365,
            cancel_hours=24,
        )
    building = made[data.SPACES[municipality.code][0][1]]
    OpeningHours.objects.bulk_create(
        OpeningHours(space=building, weekday=d, opens=opens, closes=closes)
        for d, opens, closes in data.OPENING[municipality.code]
    )
    return made


def _prices(municipality: Municipality, space: Space, prices: data.Prices, note: str = "") -> None:
    for customer_type, (day, evening) in prices.items():
        PriceRule.objects.create(
            municipality=municipality,
            space=space,
            customer_type=customer_type,
            price_per_hour=day,
            note_fi=note if day == 0 else "",
        )
        if evening is not None:
            PriceRule.objects.create(
                municipality=municipality,
                space=space,
                customer_type=customer_type,
                weekdays=data.WEEKDAYS,
                time_from=data.EVENING[0],
                time_to=data.EVENING[1],
                price_per_hour=evening,
                note_fi=data.PRICE_NOTES["evening"],
            )


def _associations(
    municipality: Municipality, wanted: Sequence[Sequence[str]], exclude: Sequence[int] = ()
) -> list[Association]:
    """One association of the municipality for each tuple of category slugs (the first found
    in name order), else any other association of the municipality; none twice."""
    pool = Association.objects.filter(home_municipality=municipality, is_active=True).exclude(
        pk__in=exclude
    )
    chosen: list[Association] = []
    for slugs in wanted:
        found = (
            pool.filter(categories__slug__in=slugs)
            .exclude(pk__in=[a.pk for a in chosen])
            .order_by("name_fi")
            .first()
        ) or pool.exclude(pk__in=[a.pk for a in chosen]).order_by("name_fi").first()
        if found is not None:
            chosen.append(found)
    return chosen


def _representative(association: Association) -> User | None:
    return (
        User.objects.filter(
            roles__association=association, roles__role=Role.REPRESENTATIVE, is_active=True
        )
        .order_by("pk")
        .first()
    )


def _series(
    space: Space,
    association: Association,
    weekday: int,
    starts: dt.time,
    ends: dt.time,
    purpose: str,
    weeks: int,
) -> None:
    day = _next(weekday)
    series_create(
        space=space,
        starts_at=_local(day, starts),
        ends_at=_local(day, ends),
        purpose=purpose,
        customer_type="association",
        rrule=f"FREQ=WEEKLY;COUNT={weeks}",
        organisation=association,
        booked_by=_representative(association),
        skip_clashes=True,
    )


def _single(space: Space, association: Association, spec: data.Single) -> None:
    _name, weeks, weekday, starts, ends, purpose = spec
    day = _next(weekday, weeks)
    try:
        series_create(
            space=space,
            starts_at=_local(day, starts),
            ends_at=_local(day, ends),
            purpose=purpose,
            customer_type="association",
            rrule=None,
            organisation=association,
            booked_by=_representative(association),
        )
    except BookingClash:
        pass  # the demo's own series holds the time; a single booking is not essential


def _past_season(space: Space, association: Association, spec: data.Past) -> None:
    """Last season's weekly series, ending last week, recorded as having taken place."""
    _name, weekday, starts, ends, purpose = spec
    last = _next(weekday, -1) - dt.timedelta(weeks=1)
    days = [last - dt.timedelta(weeks=n) for n in range(data.PAST_WEEKS - 1, -1, -1)]
    past_series_record(
        space=space,
        occurrences=[Occurrence(_local(d, starts), _local(d, ends)) for d in days],
        organisation=association,
        customer_type="association",
        purpose=purpose,
        rrule=f"FREQ=WEEKLY;COUNT={data.PAST_WEEKS}",
    )


def _round(municipality: Municipality, spaces: dict[str, Space], clubs: list[Association]) -> None:
    """The coming season's round, open for applications, with competing requests."""
    today = timezone.localdate()
    if today.month <= 6:
        starts, ends, season = dt.date(today.year, 8, 10), dt.date(today.year, 12, 20), "syys"
    else:
        starts, ends, season = (
            dt.date(today.year + 1, 1, 7),
            dt.date(today.year + 1, 5, 31),
            "kevät",
        )
    fi, sv, en = data.ROUND_NAME
    if season == "syys":
        fi, sv, en = (
            "Syyskauden vuorojako",
            "Turfördelning för höstsäsongen",
            "Autumn season allocation",
        )
    now = timezone.now()
    allocation_round = AllocationRound.objects.create(
        municipality=municipality,
        name_fi=f"{fi} {starts.year}",
        name_sv=f"{sv} {starts.year}",
        name_en=f"{en} {starts.year}",
        season_starts=starts,
        season_ends=ends,
        applications_open_at=now - dt.timedelta(days=7),
        applications_close_at=now + dt.timedelta(days=21),
        status=RoundStatus.OPEN,
    )
    allocation_round.spaces.set([spaces[data.HALL], *(spaces[c] for c in data.COURTS)])
    for index, name, weekday, begin, end, priority, purpose in data.REQUESTS:
        if index >= len(clubs):
            continue
        SlotRequest.objects.create(
            round=allocation_round,
            organisation=clubs[index],
            submitted_by=_representative(clubs[index]),
            space=spaces[name],
            weekday=weekday,
            starts=begin,
            ends=end,
            priority=priority,
            purpose=purpose,
        )


def _principles(municipality: Municipality) -> None:
    UsagePrinciples.objects.update_or_create(
        municipality=municipality, defaults={"text_fi": data.PRINCIPLES[municipality.code]}
    )


def _joutsa(municipality: Municipality) -> None:
    spaces = _spaces(municipality)
    building = spaces[data.JOUTSA_BUILDING]
    _prices(municipality, building, data.JOUTSA_PRICES, data.PRICE_NOTES["free"])
    _principles(municipality)
    groups = _associations(municipality, data.JOUTSA_GROUPS)
    if not groups:
        return
    name, weekday, starts, ends, purpose, weeks = data.JOUTSA_SERIES
    _series(spaces[name], groups[0], weekday, starts, ends, purpose, weeks)
    for spec in data.SINGLES[data.JOUTSA]:
        _single(spaces[spec[0]], groups[-1], spec)
    for past in data.PAST_SERIES[data.JOUTSA]:
        _past_season(spaces[past[0]], groups[0], past)


def _kontiolahti(municipality: Municipality) -> None:
    spaces = _spaces(municipality)
    for court in data.COURTS:
        _prices(municipality, spaces[court], data.COURT_PRICES)
    _prices(municipality, spaces[data.HALL], data.HALL_PRICES)
    _principles(municipality)
    village = Association.objects.filter(
        home_municipality=municipality, name_fi=DEMO_REPRESENTATIVE_ASSOCIATION
    ).first()
    clubs = _associations(
        municipality, data.KONTIOLAHTI_CLUBS, exclude=[village.pk] if village else []
    )
    if village is not None:
        name, weekday, starts, ends, purpose, weeks = data.VILLAGE_SERIES
        _series(spaces[name], village, weekday, starts, ends, purpose, weeks)
    for club, spec in zip(clubs, data.SINGLES[data.KONTIOLAHTI], strict=False):
        _single(spaces[spec[0]], clubs[-1] if spec[0] == data.HALL else club, spec)
    for club, past in zip(clubs, data.PAST_SERIES[data.KONTIOLAHTI], strict=False):
        _past_season(spaces[past[0]], club, past)
    _round(municipality, spaces, clubs)


def seed(rng: random.Random) -> dict[str, str]:
    """Create the demo premises once; running again changes nothing. The demo associations
    book in Finnish (their confirmations and the round's results are written in it)."""
    with translation.override("fi"):
        for code, building, build in (
            (data.JOUTSA, data.JOUTSA_BUILDING, _joutsa),
            (data.KONTIOLAHTI, data.KONTIOLAHTI_BUILDING, _kontiolahti),
        ):
            municipality = Municipality.objects.filter(code=code).first()
            if municipality is None:
                continue
            if Space.objects.filter(municipality=municipality, name_fi=building).exists():
                continue
            build(municipality)
    return {}
