"""The officer's pages: the tree, spaces, hours, photos, principles, prices and approvals."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext
from PIL import Image

from kumppani.accounts.models import Role, User
from kumppani.accounts.services import role_assign
from kumppani.accounts.testing import World
from kumppani.associations.tests.factories import UserFactory
from kumppani.premises.models import Booking, OpeningHours, PriceRule, Space, SpacePhoto
from kumppani.premises.services.bookings import booking_create
from kumppani.premises.tests.factories import (
    BookingFactory,
    PriceRuleFactory,
    SpaceFactory,
    UsagePrinciplesFactory,
    next_weekday_at,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def officer_client(world: World) -> tuple[Client, User]:
    user: User = UserFactory.create()
    role_assign(user=user, role=Role.OFFICER, municipality=world.municipality)
    client = Client()
    client.force_login(user)
    return client, user


def space_post(**over: Any) -> dict[str, Any]:
    data = {
        "kind": "hall", "name_fi": "Urheiluhalli", "name_sv": "Idrottshall", "name_en": "",
        "capacity": "120", "bookable": "on", "for_associations": "on",
        "min_minutes": "60", "max_minutes": "240", "book_ahead_days": "90",
        "buffer_minutes": "15", "cancel_hours": "48", "step_free": "on",
        "equipment_fi": "Koripallotelineet",
    }  # fmt: skip
    data.update(over)
    return data


def page(response: Any) -> str:
    return str(response.content.decode())


# --- the overview -----------------------------------------------------------------------------


def test_officer_and_liaison_see_the_tree_a_rep_does_not(world: World, client_for: Any) -> None:
    hall = SpaceFactory.create(name_fi="Urheiluhalli", kind="hall", capacity=200)
    SpaceFactory.create(name_fi="Kenttä A", parent=hall, needs_approval=True)
    url = reverse("premises:manage", args=["276"])
    client, _user = officer_client(world)
    for html in (page(client.get(url)), page(client_for("liaison").get(url))):
        assert "Urheiluhalli" in html and "Kenttä A" in html
        assert html.index("Urheiluhalli") < html.index("Kenttä A")
        assert f"?parent={hall.pk}" in html
    assert client_for("rep").get(url).status_code == 403
    assert client_for("other_liaison").get(url).status_code == 403
    assert client_for("liaison").get(reverse("premises:manage", args=["999"])).status_code == 404


def test_overview_runs_a_constant_number_of_queries(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for("liaison")
    url = reverse("premises:manage", args=["276"])
    UsagePrinciplesFactory.create()
    client.get(url)
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    for _i in range(6):
        hall = SpaceFactory.create()
        SpaceFactory.create_batch(2, parent=hall)
        PriceRuleFactory.create(space=hall)
        BookingFactory.create(space=hall, status="pending")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200


# --- spaces -----------------------------------------------------------------------------------


def test_create_a_space_inside_another(world: World, client_for: Any) -> None:
    hall = SpaceFactory.create(name_fi="Urheiluhalli")
    client = client_for("liaison")
    url = reverse("premises:space_create", args=["276"])
    form = page(client.get(url + f"?parent={hall.pk}"))
    assert f'<option value="{hall.pk}" selected>' in form
    response = client.post(url, space_post(name_fi="Kenttä B", parent=str(hall.pk)))
    assert response.status_code == 302
    court = Space.objects.get(name_fi="Kenttä B")
    assert court.parent == hall and court.buffer_minutes == 15 and court.step_free
    assert court.equipment_fi == "Koripallotelineet"


def test_moving_a_space_under_its_child_is_refused_and_nothing_is_lost(
    world: World, client_for: Any
) -> None:
    hall = SpaceFactory.create(name_fi="Urheiluhalli")
    court = SpaceFactory.create(name_fi="Kenttä A", parent=hall)
    client = client_for("liaison")
    response = client.post(
        reverse("premises:space_edit", args=[hall.pk]),
        space_post(parent=str(court.pk), name_fi="Uusi nimi", equipment_fi="Uudet telineet"),
    )
    assert response.status_code == 200
    html = page(response)
    assert gettext("A space cannot be part of itself or of a space inside it.") in html
    assert "Uudet telineet" in html and "Uusi nimi" in html
    hall.refresh_from_db()
    assert hall.parent is None and hall.name_fi == "Urheiluhalli"


def test_bad_rules_give_a_clear_message(world: World, client_for: Any) -> None:
    client = client_for("liaison")
    response = client.post(
        reverse("premises:space_create", args=["276"]),
        space_post(min_minutes="120", max_minutes="60"),
    )
    assert response.status_code == 200
    assert gettext("The longest booking cannot be shorter than the shortest.") in page(response)
    assert not Space.objects.exists()


def test_delete_a_space_or_be_told_why_not(world: World, client_for: Any) -> None:
    client = client_for("liaison")
    hall = SpaceFactory.create()
    SpaceFactory.create(parent=hall)
    url = reverse("premises:space_delete", args=[hall.pk])
    html = page(client.get(url))
    assert gettext("The space has spaces inside it. Remove or move them first.") in html
    client.post(url)
    assert Space.objects.filter(pk=hall.pk).exists()
    empty = SpaceFactory.create()
    response = client.post(reverse("premises:space_delete", args=[empty.pk]), follow=True)
    assert gettext("The space was removed.") in page(response)
    assert not Space.objects.filter(pk=empty.pk).exists()


def test_rep_cannot_edit_a_space(world: World, client_for: Any) -> None:
    space = SpaceFactory.create(name_fi="Sali")
    response = client_for("rep").post(
        reverse("premises:space_edit", args=[space.pk]), space_post(name_fi="Kaapattu")
    )
    assert response.status_code == 403
    assert Space.objects.get(pk=space.pk).name_fi == "Sali"
    assert client_for("liaison").get(reverse("premises:space_edit", args=[9999])).status_code == 404


# --- hours ------------------------------------------------------------------------------------


def test_hours_page_has_seven_rows_and_saves(world: World, client_for: Any) -> None:
    space = SpaceFactory.create()
    client = client_for("liaison")
    url = reverse("premises:space_hours", args=[space.pk])
    html = page(client.get(url))
    assert html.count('type="time"') == 14
    data = {"opens_0": "08:00", "closes_0": "21:00", "opens_5": "10:00", "closes_5": "16:00"}
    assert client.post(url, data).status_code == 302
    assert set(OpeningHours.objects.values_list("weekday", flat=True)) == {0, 5}
    response = client.post(url, {"opens_1": "18:00", "closes_1": "08:00", "opens_2": "09:00"})
    assert response.status_code == 200
    html = page(response)
    assert gettext("The closing time must be after the opening time.") in html
    assert 'value="18:00"' in html
    assert set(OpeningHours.objects.values_list("weekday", flat=True)) == {0, 5}


# --- photos -----------------------------------------------------------------------------------


def _jpeg() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30)).save(buffer, format="JPEG")
    return SimpleUploadedFile("sali.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_photo_upload_needs_alt_text_and_a_real_image(world: World, client_for: Any) -> None:
    space = SpaceFactory.create()
    client = client_for("liaison")
    url = reverse("premises:space_photos", args=[space.pk])
    response = client.post(url, {"image": _jpeg(), "alt_fi": "", "alt_en": "A hall"})
    assert response.status_code == 200
    alt = gettext("Describe the photo in Finnish for people who cannot see it (alternative text).")
    assert alt in page(response) and 'value="A hall"' in page(response)
    fake = SimpleUploadedFile("x.png", b"not an image", content_type="image/png")
    response = client.post(url, {"image": fake, "alt_fi": "Sali"})
    assert gettext("The file is not a photo. Upload a JPEG, PNG or WebP image.") in page(response)
    assert not SpacePhoto.objects.exists()
    response = client.post(url, {"image": _jpeg(), "alt_fi": "Sali ja katsomo"}, follow=True)
    html = page(response)
    assert 'alt="Sali ja katsomo"' in html
    photo = SpacePhoto.objects.get()
    delete = reverse("premises:photo_delete", args=[photo.pk])
    assert delete in html
    client.post(delete)
    assert not SpacePhoto.objects.exists()


# --- principles -------------------------------------------------------------------------------


def test_principles_are_saved_and_shown(world: World, client_for: Any) -> None:
    client = client_for("liaison")
    url = reverse("premises:principles", args=["276"])
    client.post(url, {"text_fi": "**Maksutta** yhdistyksille", "text_sv": "", "text_en": ""})
    html = page(client.get(reverse("premises:manage", args=["276"])))
    assert "<strong>Maksutta</strong> yhdistyksille" in html
    assert client_for("rep").post(url, {"text_fi": "x"}).status_code == 403


# --- prices -----------------------------------------------------------------------------------


def test_price_list_and_try_a_price(world: World, client_for: Any) -> None:
    hall = SpaceFactory.create(name_fi="Urheiluhalli")
    client = client_for("liaison")
    response = client.post(
        reverse("premises:price_create", args=["276"]),
        {"customer_type": "association", "space": "", "price_per_hour": "0"},
    )
    assert response.status_code == 302
    client.post(
        reverse("premises:price_create", args=["276"]),
        {
            "customer_type": "company", "space": str(hall.pk), "weekday_list": ["0", "2"],
            "time_from": "17:00", "time_to": "22:00", "price_per_hour": "25,50",
        },
    )  # fmt: skip
    company = PriceRule.objects.get(customer_type="company")
    assert company.weekdays == "02" and company.price_per_hour == Decimal("25.50")
    url = reverse("premises:prices", args=["276"])
    html = page(client.get(url))
    assert (
        gettext("Free of charge") in html and "tarkimmin sopivan" in html
    )  # "the most specific rule"
    start = next_weekday_at(0, 18)
    query = {
        "space": hall.pk, "customer_type": "company",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
    }  # fmt: skip
    html = page(client.get(url, query))
    assert "51,00" in html or "51.00" in html
    query["customer_type"] = "resident"
    assert "Mikään sääntö ei anna" in page(client.get(url, query))  # "No rule gives a price"


def test_price_rule_edit_refuses_a_bad_rule_and_keeps_input(world: World, client_for: Any) -> None:
    rule = PriceRuleFactory.create()
    client = client_for("liaison")
    response = client.post(
        reverse("premises:price_edit", args=[rule.pk]),
        {"customer_type": "association", "time_from": "18:00", "price_per_hour": "7"},
    )
    assert response.status_code == 200
    assert gettext("Give both times of day or neither.") in page(response)
    assert PriceRule.objects.get(pk=rule.pk).price_per_hour == Decimal("10.00")
    client.post(reverse("premises:price_delete", args=[rule.pk]))
    assert not PriceRule.objects.exists()


# --- approvals --------------------------------------------------------------------------------


def pending_booking(world: World) -> Booking:
    space = SpaceFactory.create(name_fi="Kokoushuone", needs_approval=True)
    start = next_weekday_at(2, 17)
    return booking_create(
        space=space,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        purpose="Vuosikokous",
        customer_type="association",
        organisation=world.association,
        booked_by=world.rep,
    )


def test_reject_needs_a_reason_then_emails_the_booker(
    world: World, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    booking = pending_booking(world)
    assert booking.status == "pending"
    client = client_for("liaison")
    queue = page(client.get(reverse("premises:approvals", args=["276"])))
    assert "Vuosikokous" in queue
    url = reverse("premises:booking_decide", args=[booking.pk])
    response = client.post(url, {"decision": "reject", "reason": "  "})
    assert response.status_code == 200
    assert gettext("Give a reason for the rejection.") in page(response)
    assert Booking.objects.get(pk=booking.pk).status == "pending" and not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": "reject", "reason": "Sali on remontissa."})
    assert response.status_code == 302
    assert Booking.objects.get(pk=booking.pk).status == "rejected"
    (email,) = mail.outbox
    assert email.to == [world.rep.email]
    assert "Sali on remontissa." in email.body and "Vuosikokous" in email.body
    assert "Kokoushuone" in email.subject


def test_approve_emails_the_booker(
    world: World, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    booking = pending_booking(world)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("liaison").post(
            reverse("premises:booking_decide", args=[booking.pk]), {"decision": "approve"}
        )
    assert response.status_code == 302
    assert Booking.objects.get(pk=booking.pk).status == "confirmed"
    (email,) = mail.outbox
    assert email.to == [world.rep.email] and "Vuosikokous" in email.body
    assert client_for("rep").post(
        reverse("premises:booking_decide", args=[booking.pk]), {"decision": "approve"}
    ).status_code in (403, 404)


def test_dashboard_panel_counts_bookings_awaiting_approval(world: World, client_for: Any) -> None:
    pending_booking(world)
    html = page(client_for("liaison").get(reverse("core:dashboard")))
    assert reverse("premises:manage", args=["276"]) in html
    assert reverse("premises:approvals", args=["276"]) in html
    rep_html = page(client_for("rep").get(reverse("core:dashboard")))
    assert reverse("premises:manage", args=["276"]) not in rep_html


def test_the_rejection_email_reads_well(
    world: World, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    booking = pending_booking(world)
    with django_capture_on_commit_callbacks(execute=True):
        client_for("liaison").post(
            reverse("premises:booking_decide", args=[booking.pk]),
            {"decision": "reject", "reason": "Päällekkäinen tapahtuma."},
        )
    (email,) = mail.outbox
    assert "{%" not in email.body and "\n\n\n" not in email.body.strip()
    assert "Päällekkäinen tapahtuma." in email.body and "Kokoushuone" in email.subject


def test_a_whole_series_is_approved_with_one_email(
    world: World, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from kumppani.premises.services.bookings import series_create

    space = SpaceFactory.create(name_fi="Liikuntasali", needs_approval=True)
    start = next_weekday_at(1, 18)
    result = series_create(
        space=space,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        purpose="Tuolijumppa",
        customer_type="association",
        rrule="FREQ=WEEKLY;COUNT=4",
        organisation=world.association,
        booked_by=world.rep,
    )
    first = result.bookings[0]
    client = client_for("liaison")
    url = reverse("premises:booking_decide", args=[first.pk])
    assert 'name="whole_series"' in page(client.get(url))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "approve", "whole_series": "on"})
    assert set(Booking.objects.filter(series=result.series).values_list("status", flat=True)) == {
        "confirmed"
    }
    (email,) = mail.outbox
    assert "3" in email.body
