"""Round services: the application window and rules, the proposal, the officer's adjustments
and the all-or-nothing confirmation with its emails."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from kumppani.premises.models import Allocation, Booking, BookingSeries, RoundStatus, SlotRequest
from kumppani.premises.services import rounds as services
from kumppani.premises.services.allocation import allocation_propose, season_dates
from kumppani.premises.services.bookings import booking_create
from kumppani.premises.tests.factories import (
    AllocationRoundFactory,
    OpeningHoursFactory,
    SlotRequestFactory,
    SpaceFactory,
)

pytestmark = pytest.mark.django_db
T = dt.time


@pytest.fixture(autouse=True)
def _english():
    """Messages are matched in English (the catalogues may translate them later)."""
    with translation.override("en"):
        yield


def space(name, **kwargs):
    return SpaceFactory.create(name_fi=name, name_sv=name, name_en=name, **kwargs)


@pytest.fixture
def hall(world):
    building = space(name="Liikuntahalli", kind="building", bookable=False)
    hall = space(name="Palloiluhalli", kind="hall", parent=building)
    for day in range(7):
        OpeningHoursFactory.create(space=building, weekday=day, opens=T(8), closes=T(22))
    hall.court_a = space(name="Kenttä A", kind="court", parent=hall)
    hall.court_b = space(name="Kenttä B", kind="court", parent=hall)
    return hall


@pytest.fixture
def round(hall):
    round = AllocationRoundFactory.create(status="open")
    round.spaces.set([hall, hall.court_a, hall.court_b])
    return round


def close(round):
    round.applications_close_at = timezone.now() - dt.timedelta(minutes=1)
    round.applications_open_at = timezone.now() - dt.timedelta(days=10)
    round.save()


def ask(round, world, space, **kwargs):
    fields = {"weekday": 1, "starts": T(18), "ends": T(19, 30), "priority": 1, "purpose": "Sähly"}
    fields.update(kwargs)
    return services.slot_request_create(
        round=round,
        organisation=kwargs.pop("organisation", world.association),
        actor=world.rep,
        space=space,
        **{k: v for k, v in fields.items() if k != "organisation"},
    )


def test_a_round_is_created_as_a_draft_and_opened(world, hall):
    now = timezone.now()
    round = services.round_create(
        municipality=world.municipality,
        actor=world.liaison,
        spaces=[hall.court_a],
        name_fi="Kevätkausi",
        season_starts=timezone.localdate() + dt.timedelta(days=30),
        season_ends=timezone.localdate() + dt.timedelta(days=120),
        applications_open_at=now,
        applications_close_at=now + dt.timedelta(days=7),
    )
    assert round.status == RoundStatus.DRAFT
    with pytest.raises(ValidationError):
        ask(round, world, hall.court_a)
    services.round_open(round=round, actor=world.liaison)
    round.refresh_from_db()
    assert round.status == RoundStatus.OPEN
    assert ask(round, world, hall.court_a).pk
    with pytest.raises(ValidationError, match="Only a draft"):
        services.round_open(round=round, actor=world.liaison)


def test_a_round_takes_only_the_municipalitys_bookable_spaces(world, hall):
    elsewhere = SpaceFactory.create(municipality=world.other_municipality)
    now = timezone.now()
    for spaces in ([elsewhere], [hall.parent], []):
        with pytest.raises(ValidationError):
            services.round_create(
                municipality=world.municipality,
                actor=world.liaison,
                spaces=spaces,
                name_fi="Kausi",
                season_starts=timezone.localdate() + dt.timedelta(days=30),
                season_ends=timezone.localdate() + dt.timedelta(days=120),
                applications_open_at=now,
                applications_close_at=now + dt.timedelta(days=7),
            )


def test_requests_are_accepted_only_in_the_window(world, round, hall):
    round.applications_open_at = timezone.now() + dt.timedelta(hours=1)
    round.save()
    with pytest.raises(ValidationError, match="does not accept"):
        ask(round, world, hall.court_a)
    close(round)
    with pytest.raises(ValidationError, match="does not accept"):
        ask(round, world, hall.court_a)


def test_request_rules_give_clear_messages(world, round, hall):
    with pytest.raises(ValidationError) as error:
        ask(round, world, hall.court_a, starts=T(21), ends=T(23))
    assert "is not open on" in str(error.value)
    other = SpaceFactory.create(name_fi="Kerhohuone")
    with pytest.raises(ValidationError) as error:
        ask(round, world, other)
    assert "not part of this round" in str(error.value)
    with pytest.raises(ValidationError) as error:
        ask(round, world, hall.court_a, priority=21)
    assert "priority" in error.value.message_dict
    with pytest.raises(ValidationError):
        ask(round, world, hall.court_a, starts=T(19), ends=T(18))
    request = ask(round, world, hall.court_a, priority=3)
    services.slot_request_update(request=request, actor=world.rep, priority=2)
    assert SlotRequest.objects.get(pk=request.pk).priority == 2
    services.slot_request_delete(request=request, actor=world.rep)
    assert not SlotRequest.objects.exists()


def test_the_proposal_waits_for_the_deadline_and_honours_the_tree(world, round, hall):
    SlotRequestFactory.create(round=round, organisation=world.association, space=hall.court_a)
    SlotRequestFactory.create(round=round, organisation=world.other_association, space=hall)
    with pytest.raises(ValidationError, match="still open"):
        allocation_propose(round=round, actor=world.liaison)
    close(round)
    created = allocation_propose(round=round, actor=world.liaison)
    assert len(created) == 1  # the court and its hall at the same time: one of them
    round.refresh_from_db()
    assert round.status == RoundStatus.ALLOCATING


def test_adjusted_allocations_survive_a_new_proposal(world, round, hall):
    first = SlotRequestFactory.create(
        round=round, organisation=world.association, space=hall.court_a
    )
    SlotRequestFactory.create(round=round, organisation=world.other_association, space=hall.court_b)
    close(round)
    allocation_propose(round=round, actor=world.liaison)
    moved = Allocation.objects.get(request=first)
    services.allocation_update(allocation=moved, actor=world.liaison, starts=T(17), ends=T(18))
    allocation_propose(round=round, actor=world.liaison)
    assert Allocation.objects.count() == 2
    assert Allocation.objects.get(request=first).starts == T(17)


def test_an_adjustment_that_overlaps_or_leaves_the_opening_hours_is_refused(world, round, hall):
    SlotRequestFactory.create(round=round, organisation=world.association, space=hall.court_a)
    SlotRequestFactory.create(
        round=round, organisation=world.other_association, space=hall, starts=T(20), ends=T(21)
    )
    close(round)
    allocation_propose(round=round, actor=world.liaison)
    court = Allocation.objects.get(space=hall.court_a)
    with pytest.raises(ValidationError) as error:
        services.allocation_update(allocation=court, actor=world.liaison, starts=T(20), ends=T(21))
    assert "Joensuun Sydänyhdistys ry" in str(error.value)
    assert "Palloiluhalli" in str(error.value)
    with pytest.raises(ValidationError, match="is not open on"):
        services.allocation_update(allocation=court, actor=world.liaison, starts=T(6), ends=T(7))
    # The hall blocks both courts.
    with pytest.raises(ValidationError):
        services.allocation_update(
            allocation=court, actor=world.liaison, space=hall.court_b, starts=T(20), ends=T(21)
        )
    court.refresh_from_db()
    services.allocation_update(allocation=court, actor=world.liaison, space=hall.court_b)
    assert Allocation.objects.get(pk=court.pk).adjusted


def test_confirming_books_every_slot_and_tells_each_applicant(
    world, round, hall, django_capture_on_commit_callbacks
):
    SlotRequestFactory.create(
        round=round, organisation=world.association, space=hall.court_a, submitted_by=world.rep
    )
    SlotRequestFactory.create(
        round=round,
        organisation=world.other_association,
        space=hall.court_a,
        submitted_by=world.other_rep,
        purpose="Sydänjumppa",
    )
    SlotRequestFactory.create(
        round=round,
        organisation=world.other_association,
        space=hall.court_b,
        submitted_by=world.other_rep,
        weekday=3,
    )
    close(round)
    allocation_propose(round=round, actor=world.liaison)
    assert Allocation.objects.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        series = services.round_confirm(round=round, actor=world.liaison)
    assert len(series) == 2
    assert all(s.allocation_id for s in series)
    tuesdays = season_dates(round.season_starts, round.season_ends, 1)
    court_a = Booking.objects.filter(space=hall.court_a).order_by("starts_at")
    assert court_a.count() == len(tuesdays)
    first = timezone.localtime(court_a[0].starts_at)
    assert first.date() == tuesdays[0] and first.time() == T(18)
    round.refresh_from_db()
    assert round.status == RoundStatus.CONFIRMED and round.confirmed_by == world.liaison
    assert round.confirmed_at is not None
    assert len(mail.outbox) == 2
    by_rep = {m.to[0]: m for m in mail.outbox}
    winner = by_rep["rep@example.org"]
    assert "Kenttä A" in winner.body and "18.00" in winner.body  # in Finnish
    loser = by_rep["other_rep@example.org"]
    assert "Sydänjumppa" in loser.body  # the unmet request is listed
    assert "Kenttä B" in loser.body  # and the granted one


def test_confirming_is_all_or_nothing(world, round, hall):
    SlotRequestFactory.create(round=round, organisation=world.association, space=hall.court_a)
    SlotRequestFactory.create(round=round, organisation=world.other_association, space=hall.court_b)
    close(round)
    allocation_propose(round=round, actor=world.liaison)
    # After the proposal someone books court B on one evening of the season.
    day = season_dates(round.season_starts, round.season_ends, 1)[3]
    booking_create(
        space=hall.court_b,
        starts_at=timezone.make_aware(dt.datetime.combine(day, T(18, 30))),
        ends_at=timezone.make_aware(dt.datetime.combine(day, T(19, 30))),
        purpose="Turnaus",
        customer_type="association",
        as_officer=True,
    )
    with pytest.raises(services.ConfirmFailed) as failed:
        services.round_confirm(round=round, actor=world.liaison)
    assert failed.value.allocation.space_id == hall.court_b.pk
    assert "Kenttä B" in failed.value.reason
    assert not BookingSeries.objects.exists()
    assert Booking.objects.count() == 1
    round.refresh_from_db()
    assert round.status == RoundStatus.ALLOCATING
    # Adjusting tells the same at once.
    with pytest.raises(ValidationError, match="clashes with a booking in Kenttä B"):
        services.allocation_update(allocation=failed.value.allocation, actor=world.liaison)


def test_the_proposal_skips_requests_that_clash_with_existing_bookings(world, round, hall):
    day = season_dates(round.season_starts, round.season_ends, 1)[0]
    booking_create(
        space=hall,
        starts_at=timezone.make_aware(dt.datetime.combine(day, T(18))),
        ends_at=timezone.make_aware(dt.datetime.combine(day, T(19))),
        purpose="Kunnan tilaisuus",
        customer_type="association",
        as_officer=True,
    )
    SlotRequestFactory.create(round=round, organisation=world.association, space=hall.court_a)
    SlotRequestFactory.create(
        round=round, organisation=world.association, space=hall.court_a, weekday=2, priority=2
    )
    close(round)
    created = allocation_propose(round=round, actor=world.liaison)
    assert [a.weekday for a in created] == [2]
