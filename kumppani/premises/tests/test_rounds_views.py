"""Round pages for the officer, the representative and outsiders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.premises.models import Allocation, AllocationRound, BookingSeries, SlotRequest
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


@pytest.fixture
def hall(world):
    hall = SpaceFactory.create(name_fi="Palloiluhalli", kind="hall")
    for day in range(7):
        OpeningHoursFactory.create(space=hall, weekday=day, opens=T(8), closes=T(22))
    hall.court_a = SpaceFactory.create(name_fi="Kenttä A", kind="court", parent=hall)
    hall.court_b = SpaceFactory.create(name_fi="Kenttä B", kind="court", parent=hall)
    return hall


@pytest.fixture
def round(hall):
    round = AllocationRoundFactory.create(status="open", name_fi="Syyskausi 2027")
    round.spaces.set([hall, hall.court_a, hall.court_b])
    return round


def close(round):
    round.applications_open_at = timezone.now() - dt.timedelta(days=10)
    round.applications_close_at = timezone.now() - dt.timedelta(minutes=1)
    round.save()


def text(response):
    return response.content.decode()


def test_the_officer_creates_and_opens_a_round(world, client_for, hall):
    client = client_for("liaison")
    url = reverse("premises:round_create", args=[world.municipality.code])
    page = client.get(url)
    assert "Kenttä A" in text(page) and "Palloiluhalli" in text(page)
    response = client.post(
        url,
        {
            "name_fi": "Kevätkausi",
            "season_starts": (timezone.localdate() + dt.timedelta(days=40)).isoformat(),
            "season_ends": (timezone.localdate() + dt.timedelta(days=140)).isoformat(),
            "applications_open_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "applications_close_at": (timezone.localtime() + dt.timedelta(days=9)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
            "spaces": [hall.court_a.pk, hall.court_b.pk],
        },
    )
    round = AllocationRound.objects.get()
    assert response.status_code == 302 and round.status == "draft"
    assert set(round.spaces.all()) == {hall.court_a, hall.court_b}
    # A draft is not public yet.
    assert client_for("rep").get(reverse("premises:round", args=[round.pk])).status_code == 404
    client.post(reverse("premises:round_open", args=[round.pk]))
    round.refresh_from_db()
    assert round.status == "open"
    public = client_for("anonymous").get(reverse("premises:round", args=[round.pk]))
    assert public.status_code == 200 and "Kenttä B" in text(public)


def test_the_rounds_list_runs_few_queries(world, client_for, round, django_assert_max_num_queries):
    for _n in range(3):
        AllocationRoundFactory.create().spaces.add(SpaceFactory.create())
    client = client_for("liaison")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("premises:rounds", args=[world.municipality.code]))
    assert "Syyskausi 2027" in text(response)
    assert (
        client_for("other_liaison")
        .get(reverse("premises:rounds", args=[world.municipality.code]))
        .status_code
        == 403
    )


def test_a_representative_applies_edits_and_removes(world, client_for, round, hall):
    client = client_for("rep")
    detail = client.get(reverse("premises:round", args=[round.pk]))
    assert reverse("premises:round_apply", args=[round.pk]) in text(detail)
    url = reverse("premises:round_apply", args=[round.pk])
    data = {
        "organisation": world.association.pk,
        "space": hall.court_a.pk,
        "weekday": 1,
        "starts": "18:00",
        "ends": "19:30",
        "priority": 1,
        "purpose": "Junioreiden sähly",
    }
    assert client.post(url, data).status_code == 302
    refused = client.post(url, {**data, "starts": "21:00", "ends": "23:00"})
    assert refused.status_code == 200
    assert _("%(space)s is not open on %(slot)s.").split("%(slot)s")[0] % {
        "space": hall.court_a
    } in text(refused)
    request = SlotRequest.objects.get()
    assert request.submitted_by == world.rep
    page = client.get(url)
    assert "Junioreiden sähly" in text(page)
    edit = reverse("premises:request_edit", args=[request.pk])
    assert client.post(edit, {**data, "priority": 2}).status_code == 302
    assert SlotRequest.objects.get().priority == 2
    # Another association's representative cannot touch it.
    assert client_for("other_rep").get(edit).status_code == 403
    client.post(reverse("premises:request_delete", args=[request.pk]))
    assert not SlotRequest.objects.exists()


def test_the_grid_marks_conflicts_and_the_proposal_shows_totals(world, client_for, round, hall):
    SlotRequestFactory.create(round=round, organisation=world.association, space=hall.court_a)
    SlotRequestFactory.create(round=round, organisation=world.other_association, space=hall)
    SlotRequestFactory.create(
        round=round, organisation=world.other_association, space=hall.court_b, weekday=4
    )
    client = client_for("liaison")
    url = reverse("premises:round_manage", args=[round.pk])
    page = text(client.get(url))
    assert page.count('class="conflict"') == 2  # the court and the hall, not the other court
    assert page.count(_("Overlaps another request")) == 2
    # The proposal waits for the deadline.
    client.post(reverse("premises:round_propose", args=[round.pk]))
    assert not Allocation.objects.exists()
    close(round)
    response = client.post(reverse("premises:round_propose", args=[round.pk]), follow=True)
    assert Allocation.objects.count() == 2
    page = text(response)
    assert "max-min" in page
    assert reverse("premises:allocation_edit", args=[Allocation.objects.earliest("pk").pk]) in page
    assert "100 %" in page and "50 %" in page  # one got its only slot, the other half


def test_an_overlapping_adjustment_is_refused_with_a_clear_message(world, client_for, round, hall):
    SlotRequestFactory.create(round=round, organisation=world.association, space=hall.court_a)
    SlotRequestFactory.create(
        round=round, organisation=world.other_association, space=hall, starts=T(20), ends=T(21)
    )
    close(round)
    allocation_propose(round=round, actor=world.liaison)
    court = Allocation.objects.get(space=hall.court_a)
    response = client_for("liaison").post(
        reverse("premises:allocation_edit", args=[court.pk]),
        {"space": hall.court_a.pk, "weekday": 1, "starts": "20:30", "ends": "21:30"},
    )
    assert response.status_code == 200
    assert "Joensuun Sydänyhdistys ry" in text(response)
    assert Allocation.objects.get(pk=court.pk).starts == T(18)


def test_a_failed_confirmation_names_the_allocation_and_books_nothing(
    world, client_for, round, hall
):
    SlotRequestFactory.create(round=round, organisation=world.association, space=hall.court_a)
    close(round)
    allocation_propose(round=round, actor=world.liaison)
    day = season_dates(round.season_starts, round.season_ends, 1)[2]
    booking_create(
        space=hall,
        starts_at=timezone.make_aware(dt.datetime.combine(day, T(17))),
        ends_at=timezone.make_aware(dt.datetime.combine(day, T(18, 30))),
        purpose="Kunnan juhla",
        customer_type="association",
        as_officer=True,
    )
    client = client_for("liaison")
    url = reverse("premises:round_confirm", args=[round.pk])
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 409
    assert "Ylä-Kuhan kyläyhdistys ry" in text(response)
    assert "Kenttä A" in text(response) and "Palloiluhalli" in text(response)
    assert not BookingSeries.objects.exists()


def test_after_confirmation_the_representative_sees_the_result(world, client_for, round, hall):
    SlotRequestFactory.create(
        round=round, organisation=world.association, space=hall.court_a, purpose="Sähly"
    )
    SlotRequestFactory.create(
        round=round,
        organisation=world.association,
        space=hall.court_a,
        weekday=6,
        starts=T(6),
        ends=T(7),
        purpose="Aamujumppa",
        priority=2,
    )
    close(round)
    allocation_propose(round=round, actor=world.liaison)
    response = client_for("liaison").post(reverse("premises:round_confirm", args=[round.pk]))
    assert response.status_code == 302
    round.refresh_from_db()
    assert round.status == "confirmed"
    page = text(client_for("rep").get(reverse("premises:round_apply", args=[round.pk])))
    assert "Sähly" in page and "Aamujumppa" in page
    assert page.count(_("Not granted")) == 1
    assert f"<strong>{_('Granted')}</strong>" in page


def test_outsiders_do_not_manage_rounds(world, client_for, round):
    for role in ("rep", "other_liaison"):
        client = client_for(role)
        assert client.get(reverse("premises:round_manage", args=[round.pk])).status_code == 403
        assert client.post(reverse("premises:round_propose", args=[round.pk])).status_code == 403


def test_the_officer_removes_an_allocation_and_grants_another_request_by_hand(
    world, client_for, round, hall
):
    SlotRequestFactory.create(round=round, organisation=world.association, space=hall.court_a)
    loser = SlotRequestFactory.create(
        round=round, organisation=world.other_association, space=hall.court_a, purpose="Jumppa"
    )
    close(round)
    allocation_propose(round=round, actor=world.liaison)
    winner = Allocation.objects.get()
    client = client_for("liaison")
    grant = reverse("premises:allocation_create", args=[round.pk])
    assert "Joensuun Sydänyhdistys ry" in text(client.get(grant))
    refused = client.post(grant, {"request": loser.pk})
    assert refused.status_code == 200 and "Ylä-Kuhan kyläyhdistys ry" in text(refused)
    client.post(reverse("premises:allocation_delete", args=[winner.pk]))
    assert not Allocation.objects.exists()
    assert client.post(grant, {"request": loser.pk}).status_code == 302
    granted = Allocation.objects.get()
    assert granted.organisation == world.other_association and granted.adjusted
    # The round itself can no longer be edited once it is being allocated.
    edit = client.post(
        reverse("premises:round_edit", args=[round.pk]),
        {
            "name_fi": "Uusi nimi",
            "season_starts": round.season_starts.isoformat(),
            "season_ends": round.season_ends.isoformat(),
            "applications_open_at": "2026-01-01T10:00",
            "applications_close_at": "2026-01-02T10:00",
            "spaces": [hall.court_a.pk],
        },
    )
    assert edit.status_code == 200
    round.refresh_from_db()
    assert round.name_fi == "Syyskausi 2027"
