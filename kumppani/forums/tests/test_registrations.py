"""Registration, the closing date, capacity with a waiting list, and cancellation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from kumppani.accounts.models import Role
from kumppani.accounts.services import role_assign
from kumppani.accounts.testing import World
from kumppani.associations.tests.factories import AssociationFactory, UserFactory
from kumppani.forums.models import ForumType, Registration
from kumppani.forums.tests.factories import ForumFactory

pytestmark = pytest.mark.django_db


def _register(
    client: Any, forum_id: int, association_id: int | None, n: int = 1, wait: bool = False
) -> Any:
    data: dict[str, Any] = {
        "reg-participants": n,
        "reg-dietary_needs": "gluteeniton",
        "reg-accessibility_needs": "",
    }
    if wait:
        data["reg-waiting_list"] = "on"
    if association_id is not None:
        data["reg-association"] = association_id
    return client.post(reverse("forums:register", args=[forum_id]), data)


def test_representative_registers_with_needs(world: World, client_for: Any) -> None:
    forum = ForumFactory.create(municipalities=[world.municipality])
    response = _register(client_for("rep"), forum.pk, world.association.pk, n=3)
    assert response.status_code == 302
    registration = Registration.objects.get(forum=forum)
    assert (registration.participants, registration.status) == (3, "confirmed")
    assert registration.dietary_needs == "gluteeniton"
    listing = client_for("liaison").get(reverse("forums:registrations", args=[forum.pk]))
    assert "Ylä-Kuhan kyläyhdistys ry" in listing.content.decode()
    assert "gluteeniton" in listing.content.decode()


def test_closed_registration_is_refused_with_a_clear_message(world: World, client_for: Any) -> None:
    forum = ForumFactory.create(
        municipalities=[world.municipality],
        registration_closes_at=timezone.now() - dt.timedelta(hours=1),
    )
    response = _register(client_for("rep"), forum.pk, world.association.pk)
    assert response.status_code == 400
    assert "Registration closed on" in response.content.decode()
    assert not Registration.objects.exists()


def test_cannot_register_an_association_one_does_not_represent(
    world: World, client_for: Any
) -> None:
    forum = ForumFactory.create(municipalities=[world.municipality])
    response = _register(client_for("rep"), forum.pk, world.other_association.pk)
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_same_association_cannot_register_twice(world: World, client_for: Any) -> None:
    forum = ForumFactory.create(municipalities=[world.municipality])
    _register(client_for("rep"), forum.pk, world.association.pk)
    response = _register(client_for("rep"), forum.pk, world.association.pk)
    assert response.status_code == 400
    assert "already registered" in response.content.decode()
    assert Registration.objects.count() == 1


def test_waiting_list_and_promotion_on_cancel(
    world: World, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    forum = ForumFactory.create(municipalities=[world.municipality], capacity=3)
    _register(client_for("rep"), forum.pk, world.association.pk, n=3)
    late = AssociationFactory.create(home_municipality=world.municipality)
    late_rep = UserFactory.create(email="myohassa@example.org")
    role_assign(user=late_rep, role=Role.REPRESENTATIVE, association=late)
    from django.test import Client

    client = Client()
    client.force_login(late_rep)
    refused = _register(client, forum.pk, late.pk, n=2)
    assert "The forum is full. Choose to join the waiting list" in refused.content.decode()
    assert not Registration.objects.filter(association=late).exists()
    _register(client, forum.pk, late.pk, n=2, wait=True)
    waiting = Registration.objects.get(association=late)
    assert waiting.status == "waiting"
    page = client.get(forum.get_absolute_url()).content.decode()
    assert "On the waiting list" in page
    first = Registration.objects.get(association=world.association)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("rep").post(reverse("forums:cancel_registration", args=[first.pk]))
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert [m.to for m in mail.outbox] == [["myohassa@example.org"]]


def test_a_registration_beyond_the_free_places_says_so_and_keeps_the_input(
    world: World, client_for: Any
) -> None:
    forum = ForumFactory.create(municipalities=[world.municipality], capacity=4)
    rep = client_for("rep")
    form_page = rep.get(reverse("forums:register", args=[forum.pk])).content.decode()
    assert f'<option value="{world.association.pk}" selected>' in form_page, "only one: chosen"
    Registration.objects.create(
        forum=forum, user=world.liaison, association=None, participants=3, status="confirmed"
    )
    response = _register(rep, forum.pk, world.association.pk, n=2)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Only 1 place is free. Register at most 1 participant" in html
    assert 'value="gluteeniton"' in html and 'name="reg-participants" value="2"' in html
    assert Registration.objects.filter(forum=forum).count() == 1
    assert _register(rep, forum.pk, world.association.pk, n=1).status_code == 302


def test_region_forum_takes_any_logged_in_person(world: World, client_for: Any) -> None:
    forum = ForumFactory.create(type=ForumType.LIAISON_NETWORK, region=world.region)
    response = _register(client_for("liaison"), forum.pk, None)
    assert response.status_code == 302
    assert Registration.objects.get(forum=forum).user == world.liaison


def test_municipal_forum_needs_an_association(world: World, client_for: Any) -> None:
    forum = ForumFactory.create(municipalities=[world.municipality])
    response = client_for("liaison").post(reverse("forums:register", args=[forum.pk]), {})
    assert response.status_code == 403


def test_other_people_cannot_cancel_a_registration(world: World, client_for: Any) -> None:
    forum = ForumFactory.create(municipalities=[world.municipality])
    registration = Registration.objects.create(
        forum=forum, user=world.rep, association=world.association, status="confirmed"
    )
    response = client_for("other_rep").post(
        reverse("forums:cancel_registration", args=[registration.pk])
    )
    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_registrant_changes_numbers_within_capacity(world: World, client_for: Any) -> None:
    forum = ForumFactory.create(municipalities=[world.municipality], capacity=4)
    _register(client_for("rep"), forum.pk, world.association.pk, n=2)
    registration = Registration.objects.get()
    url = reverse("forums:registration_edit", args=[registration.pk])
    data = {"participants": 3, "dietary_needs": "kasvis", "accessibility_needs": "induktiosilmukka"}
    assert client_for("rep").post(url, data).status_code == 302
    registration.refresh_from_db()
    assert (registration.participants, registration.accessibility_needs) == (3, "induktiosilmukka")
    too_many = client_for("rep").post(url, {**data, "participants": 9})
    assert too_many.status_code == 200
    assert "not enough places" in too_many.content.decode()
    registration.refresh_from_db()
    assert registration.participants == 3
    assert client_for("other_rep").get(url).status_code == 403


def test_cancelling_the_forum_tells_the_registrants(
    world: World, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    forum = ForumFactory.create(municipalities=[world.municipality])
    _register(client_for("rep"), forum.pk, world.association.pk)
    data = {
        "type": forum.type,
        "title_fi": forum.title_fi,
        "municipalities": [world.municipality.pk],
        "start": forum.start.strftime("%Y-%m-%dT%H:%M"),
        "end": forum.end.strftime("%Y-%m-%dT%H:%M"),
        "place": forum.place,
        "status": "cancelled",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("liaison").post(reverse("forums:edit", args=[forum.pk]), data)
    assert response.status_code == 302
    assert Registration.objects.get().status == "cancelled"
    assert [m.to for m in mail.outbox] == [["rep@example.org"]]
    assert "has been cancelled" in mail.outbox[0].body
