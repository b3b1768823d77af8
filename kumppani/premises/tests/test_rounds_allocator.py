"""The allocator on plain data: priorities, the space tree, fairness, opening hours."""

from __future__ import annotations

import datetime as dt

from kumppani.premises.services.allocation import Slot, Wish, allocate, totals

T = dt.time
HALL, COURT_A, COURT_B, ROOM = 1, 2, 3, 4
RELATED = {
    HALL: frozenset({HALL, COURT_A, COURT_B}),
    COURT_A: frozenset({COURT_A, HALL}),
    COURT_B: frozenset({COURT_B, HALL}),
    ROOM: frozenset({ROOM}),
}
OPEN = {s: None for s in RELATED}


def wish(id, applicant, space, start, end, priority=1, weekday=1):
    return Wish(id, applicant, space, weekday, T(start), T(end), priority)


def granted_ids(proposal):
    return sorted(s.request for s in proposal.granted)


def test_priorities_are_honoured():
    proposal = allocate(
        [
            wish(1, 10, ROOM, 18, 19, priority=2),
            wish(2, 10, ROOM, 18, 19, priority=1, weekday=2),
        ],
        hours=OPEN,
        related=RELATED,
    )
    assert [s.request for s in proposal.granted] == [2, 1]

    # One room, one hour: the applicant's first wish wins over its second.
    proposal = allocate(
        [wish(3, 10, ROOM, 18, 19, priority=2), wish(4, 10, ROOM, 18, 19, priority=1)],
        hours=OPEN,
        related=RELATED,
    )
    assert granted_ids(proposal) == [4]
    assert proposal.unmet == [3]


def test_a_court_and_its_hall_are_never_both_granted_at_overlapping_times():
    proposal = allocate(
        [wish(1, 10, COURT_A, 18, 20), wish(2, 20, HALL, 19, 21)],
        hours=OPEN,
        related=RELATED,
    )
    assert granted_ids(proposal) == [1]
    assert proposal.unmet == [2]


def test_two_courts_of_one_hall_can_be_granted_at_once():
    proposal = allocate(
        [wish(1, 10, COURT_A, 18, 20), wish(2, 20, COURT_B, 18, 20)],
        hours=OPEN,
        related=RELATED,
    )
    assert granted_ids(proposal) == [1, 2]


def test_back_to_back_fits_but_a_buffer_is_kept():
    wishes = [wish(1, 10, ROOM, 17, 18), wish(2, 20, ROOM, 18, 19)]
    assert granted_ids(allocate(wishes, hours=OPEN, related=RELATED)) == [1, 2]
    buffered = allocate(wishes, hours=OPEN, related=RELATED, buffers={ROOM: 15})
    assert len(buffered.granted) == 1


def test_two_applicants_competing_for_the_same_slots_alternate():
    # Both want the same four evenings; one must not take them all.
    wishes = []
    for n, weekday in enumerate(range(4)):
        wishes.append(wish(10 + n, 100, ROOM, 18, 20, priority=n + 1, weekday=weekday))
        wishes.append(wish(20 + n, 200, ROOM, 18, 20, priority=n + 1, weekday=weekday))
    proposal = allocate(wishes, hours=OPEN, related=RELATED)
    by_applicant = {a: [s for s in proposal.granted if s.applicant == a] for a in (100, 200)}
    assert len(by_applicant[100]) == 2 and len(by_applicant[200]) == 2
    # The lower id goes first on a tie, then the other gets its best remaining slot.
    assert [s.applicant for s in proposal.granted] == [100, 200, 100, 200]
    result = totals(wishes, proposal.granted)
    assert result[100].share == result[200].share == 0.5


def test_a_tie_in_share_goes_to_the_one_with_fewer_granted_hours():
    # 100 asks for 2 × 2 h, 200 for 2 × 1 h. After one grant each both have half of what they
    # asked for; 200 has fewer hours, so it is served before 100's second slot.
    wishes = [
        wish(1, 100, ROOM, 10, 12),
        wish(2, 100, ROOM, 12, 14, priority=2),
        wish(3, 200, ROOM, 14, 15),
        wish(4, 200, ROOM, 15, 16, priority=2),
    ]
    proposal = allocate(wishes, hours=OPEN, related=RELATED)
    assert [s.request for s in proposal.granted] == [1, 3, 4, 2]


def test_opening_hours_are_respected():
    hours = {ROOM: {1: (T(8), T(21))}}
    proposal = allocate(
        [
            wish(1, 10, ROOM, 20, 22),  # ends after closing
            wish(2, 10, ROOM, 7, 9, priority=2),  # starts before opening
            wish(3, 10, ROOM, 18, 19, priority=3, weekday=6),  # closed on Sundays
            wish(4, 10, ROOM, 19, 21, priority=4),
        ],
        hours=hours,
        related=RELATED,
    )
    assert granted_ids(proposal) == [4]
    assert proposal.unmet == [1, 2, 3]


def test_fixed_slots_and_existing_bookings_take_their_time():
    fixed = [Slot(applicant=100, space=HALL, weekday=1, starts=T(18), ends=T(19))]
    proposal = allocate(
        [wish(1, 200, COURT_A, 18, 19), wish(2, 200, COURT_B, 19, 20), wish(3, 300, ROOM, 9, 10)],
        hours=OPEN,
        related=RELATED,
        fixed=fixed,
        unavailable=[3],
    )
    assert granted_ids(proposal) == [2]
    assert sorted(proposal.unmet) == [1, 3]


def test_the_result_is_deterministic():
    wishes = [
        wish(i, 100 + i % 3, (COURT_A, COURT_B, HALL)[i % 3], 16 + i % 4, 18 + i % 4, i % 5 + 1)
        for i in range(1, 30)
    ]
    first = allocate(wishes, hours=OPEN, related=RELATED)
    second = allocate(list(reversed(wishes)), hours=OPEN, related=RELATED)
    assert first.granted == second.granted
