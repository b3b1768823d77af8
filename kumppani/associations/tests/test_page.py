"""The association page: its website, its activities and the forums it took part in; long free
text is refused with the input kept."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kumppani.accounts.testing import World
from kumppani.associations.models import Association
from kumppani.associations.tests.test_profile import profile
from kumppani.forums.models import Attendance, Registration, RegistrationStatus
from kumppani.forums.tests.factories import ForumFactory

pytestmark = pytest.mark.django_db


def _took_part(world: World, n: int) -> None:
    for i in range(n):
        upcoming = ForumFactory.create(title_fi=f"Tuleva foorumi {i}")
        upcoming.municipalities.set([world.municipality])
        Registration.objects.create(
            forum=upcoming,
            user=world.rep,
            association=world.association,
            status=RegistrationStatus.CONFIRMED,
        )
        start = timezone.now() - dt.timedelta(days=30 + i)
        held = ForumFactory.create(
            title_fi=f"Pidetty foorumi {i}", start=start, end=start + dt.timedelta(hours=2)
        )
        Attendance.objects.create(forum=held, association=world.association)


def test_the_page_shows_website_activities_and_forums(client_for: Any, world: World) -> None:
    Association.objects.filter(pk=world.association.pk).update(website="https://kyla.example.org")
    ForumFactory.create(title_fi="Muiden foorumi")
    _took_part(world, 1)
    html = client_for("anonymous").get(f"/en/associations/{world.association.pk}/").content.decode()
    assert 'href="https://kyla.example.org"' in html
    assert "Activities" in html and "Kyläyhdistys hakee avustusta" in html
    assert "Tuleva foorumi 0" in html and "Pidetty foorumi 0" in html
    assert "Muiden foorumi" not in html


def test_the_page_costs_the_same_queries_whatever_the_number_of_forums(
    client_for: Any, world: World
) -> None:
    client = client_for("rep")
    url = f"/en/associations/{world.association.pk}/"
    _took_part(world, 1)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _took_part(world, 5)
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert "Tuleva foorumi 4" in html
    assert len(many) == len(few)


def test_an_overlong_description_is_refused_and_kept(client_for: Any, world: World) -> None:
    long_text = "Kylätoimintaa. " * 300  # 4,499 characters once the last space is stripped
    response = client_for("rep").post(
        f"/en/associations/{world.association.pk}/edit/", profile(world, purpose_fi=long_text)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ensure this value has at most 4000 characters (it has 4499)." in html
    assert long_text.strip() in html
    assert not Association.objects.get(pk=world.association.pk).purpose_fi.startswith(
        "Kylätoimintaa"
    )
