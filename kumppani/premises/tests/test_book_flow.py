"""The association's booking path: the form, the preview (nothing saved), booking a weekly
series without its clashing time, the confirmation email with an .ics, "my bookings", and
cancelling one time or the whole series with one email each."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext, ngettext
from icalendar import Calendar

from kumppani.premises.models import Booking, BookingSeries, BookingStatus
from kumppani.premises.services.bookings import booking_create
from kumppani.premises.services.notify import CANCELLED_SUBJECT
from kumppani.premises.tests.factories import PriceRuleFactory, SpaceFactory, next_weekday_at

pytestmark = pytest.mark.django_db
H = dt.timedelta(hours=1)


def _t(text: str) -> str:
    """``text`` as a page writes it in the active language (Finnish), HTML-escaped."""
    return escape(gettext(text))


@pytest.fixture
def room(world):
    return SpaceFactory.create(name_fi="Kerhohuone Kotilo", address="Keskuskatu 8")


def _form(start: dt.datetime, *, weeks: int = 0, purpose: str = "Tuolijumppa", **extra):
    local = timezone.localtime(start)
    data = {
        "date": local.date().isoformat(),
        "start": local.strftime("%H:%M"),
        "end": (local + 1.5 * H).strftime("%H:%M"),
        "purpose": purpose,
        "until": (local.date() + dt.timedelta(weeks=weeks)).isoformat() if weeks else "",
    }
    data.update(extra)
    return data


def _other_booking(space, start, world):
    return booking_create(
        space=space,
        starts_at=start,
        ends_at=start + H,
        purpose="Toisen yhdistyksen kokous",
        customer_type="association",
        organisation=world.other_association,
        booked_by=world.other_rep,
    )


def test_a_series_with_one_clash_is_previewed_then_booked_without_it(
    client_for, world, room, django_capture_on_commit_callbacks
):
    PriceRuleFactory.create(space=room, price_per_hour=Decimal("10.00"))
    first = next_weekday_at(1, 18)
    clash = _other_booking(room, first + dt.timedelta(weeks=2), world)
    client = client_for("rep")
    url = reverse("premises:book", args=[room.pk])
    data = _form(first, weeks=3)

    assert client.get(url).status_code == 200
    preview = client.post(url, {**data, "action": "check"})
    text = preview.content.decode()
    assert preview.status_code == 200
    assert Booking.objects.count() == 1  # nothing saved
    assert _t("Book without the clashing times") in text
    one = "%(counter)s of the times is already booked."
    many = "%(counter)s of the times are already booked."
    assert escape(ngettext(one, many, 1) % {"counter": 1}) in text
    assert "15,00" in text  # 1.5 h × 10 € per time
    assert "45,00" in text  # three free times
    assert room.name_fi in text
    assert 'name="purpose" value="Tuolijumppa"' in text  # the form travels in hidden fields
    assert "Toisen yhdistyksen kokous" not in text  # what it clashes with, without the purpose
    edit = client.post(url, {**data, "action": "edit"}).content.decode()
    assert f'name="date" value="{data["date"]}"' in edit  # back to the form, input kept

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**data, "action": "book_without"})
    assert response.status_code == 302
    booked = list(Booking.objects.filter(organisation=world.association).order_by("starts_at"))
    assert len(booked) == 3
    assert clash.starts_at not in [b.starts_at for b in booked]
    assert {b.price_eur for b in booked} == {Decimal("15.00")}
    assert BookingSeries.objects.get().bookings.count() == 3
    assert booked[0].booked_by == world.rep

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.rep.email]
    assert room.name_fi in message.subject
    assert "45,00" in message.body
    (name, content, mimetype) = message.attachments[0]
    assert name.endswith(".ics") and mimetype == "text/calendar"
    assert len(Calendar.from_ical(content).walk("VEVENT")) == 3

    page = client.get(reverse("premises:my_bookings")).content.decode()
    assert "Tuolijumppa" in page
    assert page.count(reverse("premises:series_cancel", args=[booked[0].series_id])) == 1


def test_a_plain_booking_is_booked_and_an_approval_is_announced(client_for, world, room):
    room.needs_approval = True
    room.save()
    client = client_for("rep")
    url = reverse("premises:book", args=[room.pk])
    data = _form(next_weekday_at(2, 10))
    response = client.post(url, {**data, "action": "book"}, follow=True)
    booking = Booking.objects.get()
    assert booking.status == BookingStatus.PENDING
    assert booking.customer_type == "association"
    assert booking.organisation == world.association
    awaits = ngettext(
        "The booking was received and awaits the municipality's approval.",
        "The %(count)d bookings were received and await the municipality's approval.",
        1,
    )
    assert escape(awaits) in response.content.decode()
    assert _t("to be confirmed") in response.content.decode()  # no price rule


def test_a_clash_found_when_booking_shows_the_preview_again(client_for, world, room):
    start = next_weekday_at(3, 18)
    client = client_for("rep")
    url = reverse("premises:book", args=[room.pk])
    data = _form(start)
    _other_booking(room, start, world)  # someone was faster
    response = client.post(url, {**data, "action": "book"})
    text = response.content.decode()
    assert response.status_code == 200
    assert _t("Meanwhile someone else booked some of these times; check the preview again.") in text
    assert _t("Book without the clashing times") not in text  # the only time is taken
    assert Booking.objects.count() == 1


def test_rule_violations_are_shown_on_the_form_with_the_input_kept(client_for, world, room):
    client = client_for("rep")
    url = reverse("premises:book", args=[room.pk])
    start = next_weekday_at(2, 10)
    data = _form(start, purpose="Liian lyhyt")
    data["end"] = (timezone.localtime(start) + dt.timedelta(minutes=15)).strftime("%H:%M")
    response = client.post(url, {**data, "action": "check"})
    text = response.content.decode()
    assert response.status_code == 400
    assert (
        escape(gettext("The shortest booking here is %(minutes)d minutes.") % {"minutes": 30})
        in text
    )
    assert 'value="Liian lyhyt"' in text
    past = _form(timezone.localtime() - dt.timedelta(days=2))
    response = client.post(url, {**past, "action": "check"})
    assert _t("A booking cannot start in the past.") in response.content.decode()
    assert not Booking.objects.exists()


def test_a_person_who_cannot_book_is_refused(client_for, world, room):
    assert (
        client_for("coordinator").get(reverse("premises:book", args=[room.pk])).status_code == 403
    )


def test_an_officer_books_as_the_municipality(client_for, world, room):
    client = client_for("liaison")
    url = reverse("premises:book", args=[room.pk])
    data = _form(next_weekday_at(4, 9), booker="municipality", customer_type="resident")
    response = client.post(url, {**data, "action": "book"})
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.organisation is None and booking.customer_type == "resident"


def test_cancel_one_time_and_then_the_whole_series_one_email_each(
    client_for, world, room, django_capture_on_commit_callbacks
):
    client = client_for("rep")
    first = next_weekday_at(1, 18)
    client.post(
        reverse("premises:book", args=[room.pk]), {**_form(first, weeks=3), "action": "book"}
    )
    bookings = list(Booking.objects.order_by("starts_at"))
    assert len(bookings) == 4
    series = bookings[0].series
    assert series is not None

    mail.outbox.clear()
    url = reverse("premises:booking_cancel", args=[bookings[1].pk])
    assert "Tuolijumppa" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    bookings[1].refresh_from_db()
    assert bookings[1].status == BookingStatus.CANCELLED
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == str(CANCELLED_SUBJECT) % {"space": room}

    mail.outbox.clear()
    url = reverse("premises:series_cancel", args=[series.pk])
    assert "3" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert not Booking.objects.filter(status__in=["pending", "confirmed"]).exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].body.count("\n- ") == 3
    events = Calendar.from_ical(mail.outbox[0].attachments[0][1]).walk("VEVENT")
    assert len(events) == 3 and all(str(e["STATUS"]) == "CANCELLED" for e in events)


def test_the_booking_page_and_its_ics(client_for, world, room):
    booking = booking_create(
        space=room,
        starts_at=next_weekday_at(2, 17),
        ends_at=next_weekday_at(2, 19),
        purpose="Hallituksen kokous",
        customer_type="association",
        organisation=world.association,
        booked_by=world.rep,
    )
    client = client_for("rep")
    page = client.get(reverse("premises:booking", args=[booking.pk]))
    assert "Hallituksen kokous" in page.content.decode()
    assert reverse("premises:booking_ics", args=[booking.pk]) in page.content.decode()
    ics = client.get(reverse("premises:booking_ics", args=[booking.pk]))
    assert ics["Content-Type"].startswith("text/calendar")
    assert "Hallituksen kokous" in ics.content.decode()
    assert (
        client_for("other_rep").get(reverse("premises:booking", args=[booking.pk])).status_code
        == 403
    )


def test_my_bookings_pages_past_bookings_with_few_queries(
    client_for, world, room, django_assert_max_num_queries
):
    start = next_weekday_at(1, 10)
    for i in range(3):
        booking_create(
            space=room,
            starts_at=start + i * 2 * H,
            ends_at=start + i * 2 * H + H,
            purpose=f"Kokous {i}",
            customer_type="association",
            organisation=world.association,
            booked_by=world.rep,
        )
    client = client_for("rep")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("premises:my_bookings"))
    text = response.content.decode()
    assert all(f"Kokous {i}" in text for i in range(3))
    dashboard = client.get(reverse("core:dashboard")).content.decode()
    assert "Kokous 0" in dashboard


def test_a_person_s_bookings_are_in_their_personal_data(world, room):
    from kumppani.accounts.personal_data import personal_data_export

    booking = booking_create(
        space=room,
        starts_at=next_weekday_at(2, 17),
        ends_at=next_weekday_at(2, 18),
        purpose="Kuoroharjoitus",
        customer_type="association",
        organisation=world.association,
        booked_by=world.rep,
    )
    exported = personal_data_export(user=world.rep)["premises_bookings"]["bookings"]
    assert [b["purpose"] for b in exported] == ["Kuoroharjoitus"]
    from kumppani.premises.personal_data_book import erase

    erase(world.rep)
    booking.refresh_from_db()
    assert booking.booked_by is None and booking.organisation == world.association
