"""The seasonal allocation proposal: a pure function over plain data and a thin database wrapper.

THE RULE (max-min fairness of the share of requested hours): repeatedly take the applicant whose
granted share (granted weekly hours ÷ requested weekly hours) is the lowest — ties: fewer granted
hours, then the lower association id — and grant its best-priority remaining request (priority 1
first, then the earlier request) that fits:

- inside the space's opening hours on that weekday;
- no overlap, over the whole season, with a slot already granted in the same space, in a space it
  is part of, or in a space inside it (a court and its hall are never both granted at once; two
  courts of one hall can be);
- no clash with an active booking of the season.

A request that cannot fit is skipped and stays unmet (later grants only take more time, so it
never fits later); an applicant with nothing left that fits drops out. The proposal is complete
when nobody has anything left that fits. The result depends only on the data (deterministic).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.accounts.audit import audit_record
from kumppani.accounts.models import User
from kumppani.premises.models import Allocation, AllocationRound, RoundStatus, SlotRequest
from kumppani.premises.selectors_tree import municipality_tree
from kumppani.premises.services.bookings import Occurrence, clashes_for, hours_by_weekday

Hours = Mapping[int, tuple[dt.time, dt.time]] | None


@dataclass(frozen=True)
class Wish:
    """A slot request as plain data."""

    id: int
    applicant: int
    space: int
    weekday: int
    starts: dt.time
    ends: dt.time
    priority: int


@dataclass(frozen=True)
class Slot:
    """A granted (or fixed) weekly slot."""

    applicant: int
    space: int
    weekday: int
    starts: dt.time
    ends: dt.time
    request: int | None = None


@dataclass
class Proposal:
    granted: list[Slot] = field(default_factory=list)
    unmet: list[int] = field(default_factory=list)  # request ids, in the order they were skipped


def minutes(starts: dt.time, ends: dt.time) -> int:
    return (ends.hour * 60 + ends.minute) - (starts.hour * 60 + starts.minute)


def _m(value: dt.time) -> int:
    return value.hour * 60 + value.minute


def within_hours(hours: Hours, weekday: int, starts: dt.time, ends: dt.time) -> bool:
    """Inside the opening hours of the weekday (``None``: open around the clock)."""
    if hours is None:
        return True
    day = hours.get(weekday)
    if day is None:
        return False
    closes = _m(day[1]) + (1 if day[1] >= dt.time(23, 59) else 0)
    return _m(starts) >= _m(day[0]) and _m(ends) <= closes


def overlaps(
    a: Slot | Wish,
    b: Slot | Wish,
    related: Mapping[int, frozenset[int]],
    buffers: Mapping[int, int] | None = None,
) -> bool:
    """Whether two weekly slots block each other: the same weekday, spaces in one line of the
    tree, and times that meet (each space's buffer after its slot counts)."""
    if a.weekday != b.weekday or b.space not in related.get(a.space, frozenset({a.space})):
        return False
    buffers = buffers or {}
    return _m(a.starts) < _m(b.ends) + buffers.get(b.space, 0) and _m(b.starts) < _m(
        a.ends
    ) + buffers.get(a.space, 0)


def allocate(
    wishes: Iterable[Wish],
    *,
    hours: Mapping[int, Hours],
    related: Mapping[int, frozenset[int]],
    buffers: Mapping[int, int] | None = None,
    fixed: Sequence[Slot] = (),
    unavailable: Iterable[int] = (),
) -> Proposal:
    """The proposal by the module's rule. ``hours`` by space id; ``related`` gives for a space
    the ids of itself, its ancestors and descendants; ``fixed`` are slots already decided (the
    officer's adjustments: they take their time and count for their applicant);
    ``unavailable`` are request ids that clash with existing bookings."""
    wishes = sorted(wishes, key=lambda w: (w.applicant, w.priority, w.id))
    blocked = set(unavailable)
    requested: dict[int, int] = {}
    remaining: dict[int, list[Wish]] = {}
    for wish in wishes:
        requested[wish.applicant] = requested.get(wish.applicant, 0) + minutes(
            wish.starts, wish.ends
        )
        remaining.setdefault(wish.applicant, []).append(wish)
    taken: list[Slot] = list(fixed)
    granted_minutes: dict[int, int] = dict.fromkeys(requested, 0)
    for slot in fixed:
        granted_minutes[slot.applicant] = granted_minutes.get(slot.applicant, 0) + minutes(
            slot.starts, slot.ends
        )
    proposal = Proposal()

    def share(applicant: int) -> tuple[Fraction, int, int]:
        total = requested.get(applicant) or 1
        got = granted_minutes.get(applicant, 0)
        return (Fraction(got, total), got, applicant)

    def fits(wish: Wish) -> bool:
        return (
            wish.id not in blocked
            and within_hours(hours.get(wish.space), wish.weekday, wish.starts, wish.ends)
            and not any(overlaps(wish, slot, related, buffers) for slot in taken)
        )

    active = {a for a, items in remaining.items() if items}
    while active:
        applicant = min(active, key=share)
        queue = remaining[applicant]
        chosen = None
        while queue:
            wish = queue.pop(0)
            if fits(wish):
                chosen = wish
                break
            proposal.unmet.append(wish.id)
        if chosen is None:
            active.discard(applicant)
            continue
        slot = Slot(
            applicant=chosen.applicant,
            space=chosen.space,
            weekday=chosen.weekday,
            starts=chosen.starts,
            ends=chosen.ends,
            request=chosen.id,
        )
        taken.append(slot)
        proposal.granted.append(slot)
        granted_minutes[applicant] += minutes(chosen.starts, chosen.ends)
        if not queue:
            active.discard(applicant)
    return proposal


@dataclass(frozen=True)
class Total:
    applicant: int
    requested_minutes: int
    granted_minutes: int

    @property
    def requested_hours(self) -> float:
        return self.requested_minutes / 60

    @property
    def granted_hours(self) -> float:
        return self.granted_minutes / 60

    @property
    def share(self) -> float:
        return self.granted_minutes / self.requested_minutes if self.requested_minutes else 0.0


def totals(wishes: Iterable[Wish], slots: Iterable[Slot]) -> dict[int, Total]:
    """Requested and granted weekly minutes per applicant."""
    requested: dict[int, int] = {}
    granted: dict[int, int] = {}
    for wish in wishes:
        requested[wish.applicant] = requested.get(wish.applicant, 0) + minutes(
            wish.starts, wish.ends
        )
    for slot in slots:
        granted[slot.applicant] = granted.get(slot.applicant, 0) + minutes(slot.starts, slot.ends)
    return {
        a: Total(a, requested.get(a, 0), granted.get(a, 0))
        for a in sorted(set(requested) | set(granted))
    }


# ---------------------------------------------------------------- the database wrapper


def season_dates(season_starts: dt.date, season_ends: dt.date, weekday: int) -> list[dt.date]:
    """Every date of the season on ``weekday``."""
    first = season_starts + dt.timedelta(days=(weekday - season_starts.weekday()) % 7)
    days = []
    while first <= season_ends:
        days.append(first)
        first += dt.timedelta(days=7)
    return days


def season_occurrences(
    round: AllocationRound, weekday: int, starts: dt.time, ends: dt.time
) -> list[Occurrence]:
    """The weekly occurrences of a slot over the round's season, in local time."""
    return [
        Occurrence(
            timezone.make_aware(dt.datetime.combine(day, starts)),
            timezone.make_aware(dt.datetime.combine(day, ends)),
        )
        for day in season_dates(round.season_starts, round.season_ends, weekday)
    ]


def tree_relations(municipality_id: int) -> dict[int, frozenset[int]]:
    """For every space of the municipality: itself, its ancestors and its descendants (one
    query)."""
    children = municipality_tree(municipality_id)
    parent: dict[int, int | None] = {
        space.pk: space.parent_id for items in children.values() for space in items
    }
    related: dict[int, frozenset[int]] = {}
    for pk in parent:
        found = {pk}
        up = parent.get(pk)
        while up is not None and up not in found:
            found.add(up)
            up = parent.get(up)
        stack = [pk]
        while stack:
            for child in children.get(stack.pop(), []):
                if child.pk not in found:
                    found.add(child.pk)
                    stack.append(child.pk)
        related[pk] = frozenset(found)
    return related


def wish_of(request: SlotRequest) -> Wish:
    return Wish(
        id=request.pk,
        applicant=request.organisation_id,
        space=request.space_id,
        weekday=request.weekday,
        starts=request.starts,
        ends=request.ends,
        priority=request.priority,
    )


def slot_of(allocation: Allocation) -> Slot:
    return Slot(
        applicant=allocation.organisation_id,
        space=allocation.space_id,
        weekday=allocation.weekday,
        starts=allocation.starts,
        ends=allocation.ends,
        request=allocation.request_id,
    )


def allocation_propose(*, round: AllocationRound, actor: User) -> list[Allocation]:
    """Run the allocator for the round and store its proposal: the earlier unadjusted
    allocations are replaced; the officer's adjusted ones stay and count as granted. The round
    moves to "being allocated". Applications must have closed."""
    with transaction.atomic():
        round = AllocationRound.objects.select_for_update().get(pk=round.pk)
        if round.status == RoundStatus.CONFIRMED:
            raise ValidationError(_("The round has already been confirmed."))
        if round.status == RoundStatus.DRAFT:
            raise ValidationError(_("The round has not been opened for applications."))
        if timezone.now() < round.applications_close_at:
            raise ValidationError(
                _("Applications are still open; make the proposal after they close.")
            )
        Allocation.objects.filter(round=round, adjusted=False).delete()
        fixed = list(Allocation.objects.filter(round=round))
        fixed_requests = {a.request_id for a in fixed if a.request_id}
        requests = list(
            SlotRequest.objects.filter(round=round)
            .exclude(pk__in=fixed_requests)
            .select_related("space")
        )
        spaces = {r.space_id: r.space for r in requests}
        hours = {pk: hours_by_weekday(space) for pk, space in spaces.items()}
        unavailable = []
        seen: dict[tuple[int, int, dt.time, dt.time], bool] = {}
        for request in requests:
            key = (request.space_id, request.weekday, request.starts, request.ends)
            if key not in seen:
                occurrences = season_occurrences(
                    round, request.weekday, request.starts, request.ends
                )
                seen[key] = bool(occurrences and clashes_for(request.space, occurrences))
            if seen[key]:
                unavailable.append(request.pk)
        buffers = {pk: space.buffer_minutes for pk, space in spaces.items()}
        for allocation in fixed:
            buffers.setdefault(allocation.space_id, allocation.space.buffer_minutes)
        proposal = allocate(
            [wish_of(r) for r in requests],
            hours=hours,
            related=tree_relations(round.municipality_id),
            buffers=buffers,
            fixed=[slot_of(a) for a in fixed],
            unavailable=unavailable,
        )
        created = Allocation.objects.bulk_create(
            [
                Allocation(
                    round=round,
                    request_id=slot.request,
                    organisation_id=slot.applicant,
                    space_id=slot.space,
                    weekday=slot.weekday,
                    starts=slot.starts,
                    ends=slot.ends,
                )
                for slot in proposal.granted
            ]
        )
        round.status = RoundStatus.ALLOCATING
        round.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action="premises.round_propose",
            target=round,
            summary=f"{len(created)} granted, {len(proposal.unmet)} unmet",
        )
    return created
