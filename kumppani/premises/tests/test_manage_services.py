"""The officer's services: the space tree's rules, opening hours, photos, principles, prices."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from kumppani.accounts.models import AuditEvent
from kumppani.accounts.testing import World
from kumppani.premises.models import OpeningHours, PriceRule, Space, SpacePhoto
from kumppani.premises.services import spaces as services
from kumppani.premises.services.bookings import booking_create
from kumppani.premises.services.pricing import booking_price
from kumppani.premises.tests.factories import (
    BookingFactory,
    SpaceFactory,
    SpacePhotoFactory,
    next_weekday_at,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The services answer in the caller's language; these tests read the English messages."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def picture(fmt: str = "JPEG", name: str = "sali.jpg", size: tuple[int, int] = (40, 30)) -> Any:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def messages_of(error: pytest.ExceptionInfo[ValidationError], field: str) -> list[str]:
    return error.value.message_dict[field]


# --- the space tree ---------------------------------------------------------------------------


def test_a_hall_with_two_courts_is_built_as_a_tree(world: World) -> None:
    hall = services.space_create(
        municipality=world.municipality, by=world.liaison, name_fi="Urheiluhalli", kind="hall"
    )
    court = services.space_create(
        municipality=world.municipality,
        by=world.liaison,
        name_fi="Kenttä A",
        kind="court",
        parent=hall,
        capacity=40,
        needs_approval=True,
        buffer_minutes=15,
    )
    assert court.parent == hall and court.municipality == world.municipality
    assert court.needs_approval and court.buffer_minutes == 15
    assert AuditEvent.objects.filter(action="premises.space.create").count() == 2


def test_parent_must_be_in_the_same_municipality(world: World) -> None:
    elsewhere = SpaceFactory.create(municipality=world.other_municipality)
    with pytest.raises(ValidationError) as error:
        services.space_create(
            municipality=world.municipality, by=world.liaison, name_fi="Sali", parent=elsewhere
        )
    assert "same municipality" in messages_of(error, "parent")[0]
    assert not Space.objects.filter(name_fi="Sali").exists()


def test_a_space_cannot_move_under_itself_or_its_descendant(world: World) -> None:
    building = SpaceFactory.create(name_fi="Koulu")
    hall = SpaceFactory.create(parent=building, name_fi="Sali")
    court = SpaceFactory.create(parent=hall, name_fi="Kenttä")
    for bad in (building, hall, court):
        with pytest.raises(ValidationError) as error:
            services.space_update(space=building, by=world.liaison, parent=bad)
        assert "part of itself" in messages_of(error, "parent")[0]
    building.refresh_from_db()
    assert building.parent is None
    # Moving the court directly under the building is fine.
    services.space_update(space=court, by=world.liaison, parent=building)
    assert Space.objects.get(pk=court.pk).parent_id == building.pk


def test_booking_rules_are_checked(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        services.space_create(
            municipality=world.municipality,
            by=world.liaison,
            name_fi="Sali",
            min_minutes=120,
            max_minutes=60,
        )
    assert "max_minutes" in error.value.message_dict


def test_delete_refused_with_children_or_bookings(world: World) -> None:
    hall = SpaceFactory.create()
    court = SpaceFactory.create(parent=hall)
    with pytest.raises(ValidationError, match="inside it"):
        services.space_delete(space=hall, by=world.liaison)
    BookingFactory.create(space=court)
    with pytest.raises(ValidationError, match="has bookings"):
        services.space_delete(space=court, by=world.liaison)
    empty = SpaceFactory.create()
    SpacePhotoFactory.create(space=empty)
    services.space_delete(space=empty, by=world.liaison)
    assert not Space.objects.filter(pk=empty.pk).exists()
    assert Space.objects.filter(pk__in=[hall.pk, court.pk]).count() == 2


# --- opening hours ----------------------------------------------------------------------------


def test_opening_hours_replace_the_week(world: World) -> None:
    space = SpaceFactory.create()
    services.opening_hours_set(
        space=space,
        hours={0: (dt.time(8), dt.time(21)), 5: (dt.time(10), dt.time(16)), 6: None},
        by=world.liaison,
    )
    assert {(h.weekday, h.opens, h.closes) for h in space.opening_hours.all()} == {
        (0, dt.time(8), dt.time(21)),
        (5, dt.time(10), dt.time(16)),
    }
    services.opening_hours_set(space=space, hours={2: (dt.time(9), dt.time(12))}, by=world.liaison)
    assert list(space.opening_hours.values_list("weekday", flat=True)) == [2]


def test_opening_hours_refuse_a_bad_row_and_keep_the_old(world: World) -> None:
    space = SpaceFactory.create()
    services.opening_hours_set(space=space, hours={0: (dt.time(8), dt.time(9))}, by=world.liaison)
    with pytest.raises(ValidationError) as error:
        services.opening_hours_set(
            space=space,
            hours={1: (dt.time(18), dt.time(8)), 2: (dt.time(8), None)},
            by=world.liaison,
        )
    assert set(error.value.message_dict) == {"closes_1", "closes_2"}
    assert OpeningHours.objects.filter(space=space).count() == 1


def test_the_booking_service_follows_the_hours_set(world: World) -> None:
    space = SpaceFactory.create()
    services.opening_hours_set(space=space, hours={1: (dt.time(8), dt.time(16))}, by=world.liaison)
    start = next_weekday_at(1, 18)
    with pytest.raises(ValidationError, match="not open"):
        booking_create(
            space=space,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            purpose="Kuoro",
            customer_type="association",
        )


# --- photos -----------------------------------------------------------------------------------


def test_a_photo_with_alt_text_is_stored(world: World) -> None:
    space = SpaceFactory.create()
    for fmt in ("JPEG", "PNG", "WEBP"):
        photo = services.photo_add(
            space=space, image=picture(fmt), alt_fi="Sali, jossa kaksi kenttää", by=world.liaison
        )
        assert photo.image.name.endswith({"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}[fmt])
    assert [p.position for p in SpacePhoto.objects.filter(space=space)] == [0, 1, 2]


def test_a_photo_needs_a_finnish_alt_text(world: World) -> None:
    space = SpaceFactory.create()
    with pytest.raises(ValidationError) as error:
        services.photo_add(space=space, image=picture(), alt_fi="  ", alt_en="A hall", by=None)
    assert "alternative text" in messages_of(error, "alt_fi")[0]
    assert not SpacePhoto.objects.exists()


def test_a_file_that_is_not_an_image_is_refused(world: World) -> None:
    space = SpaceFactory.create()
    fake = SimpleUploadedFile("sali.jpg", b"%PDF-1.4 not a photo", content_type="image/jpeg")
    with pytest.raises(ValidationError) as error:
        services.photo_add(space=space, image=fake, alt_fi="Sali", by=world.liaison)
    assert "not a photo" in messages_of(error, "image")[0]
    gif = picture("GIF", "sali.gif")
    with pytest.raises(ValidationError):
        services.photo_add(space=space, image=gif, alt_fi="Sali", by=world.liaison)
    assert not SpacePhoto.objects.exists()


def test_a_photo_over_five_megabytes_is_refused(world: World) -> None:
    space = SpaceFactory.create()
    big = SimpleUploadedFile("iso.jpg", b"0" * (5 * 1024 * 1024 + 1), content_type="image/jpeg")
    with pytest.raises(ValidationError) as error:
        services.photo_add(space=space, image=big, alt_fi="Sali", by=world.liaison)
    assert "5 MB" in messages_of(error, "image")[0]


def test_photo_delete(world: World) -> None:
    photo = SpacePhotoFactory.create()
    services.photo_delete(photo=photo, by=world.liaison)
    assert not SpacePhoto.objects.exists()


# --- principles and prices --------------------------------------------------------------------


def test_principles_are_created_then_updated(world: World) -> None:
    first = services.principles_set(
        municipality=world.municipality, by=world.liaison, text_fi="Maksutta"
    )
    second = services.principles_set(
        municipality=world.municipality, by=world.liaison, text_fi="Uudet", text_sv="Nya"
    )
    assert first.pk == second.pk and second.text_sv == "Nya"
    assert second.updated_by == world.liaison


def test_price_rule_crud_and_the_most_specific_rule(world: World) -> None:
    hall = SpaceFactory.create()
    general = services.price_rule_create(
        municipality=world.municipality,
        by=world.liaison,
        customer_type="association",
        price_per_hour=Decimal("20"),
    )
    evening = services.price_rule_create(
        municipality=world.municipality,
        by=world.liaison,
        customer_type="association",
        space=hall,
        weekdays="40",
        time_from=dt.time(17),
        time_to=dt.time(22),
        price_per_hour=Decimal("0"),
    )
    assert evening.weekdays == "04"
    start = next_weekday_at(0, 18)
    price = booking_price(
        space=hall,
        customer_type="association",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
    )
    assert price == Decimal("0.00")
    services.price_rule_update(rule=evening, by=world.liaison, price_per_hour=Decimal("5"))
    price = booking_price(
        space=hall,
        customer_type="association",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
    )
    assert price == Decimal("10.00")
    services.price_rule_delete(rule=evening, by=world.liaison)
    assert list(PriceRule.objects.all()) == [general]


def test_price_rule_refuses_bad_rules(world: World) -> None:
    elsewhere = SpaceFactory.create(municipality=world.other_municipality)
    with pytest.raises(ValidationError) as error:
        services.price_rule_create(
            municipality=world.municipality,
            by=world.liaison,
            customer_type="association",
            space=elsewhere,
            weekdays="78",
            time_from=dt.time(18),
            price_per_hour=Decimal("-1"),
        )
    assert {"space", "weekdays", "time_to", "price_per_hour"} <= set(error.value.message_dict)
    assert not PriceRule.objects.exists()
