"""Officers describe their municipality's premises: the space tree, opening hours, photos, the
usage principles and the price list by rule.

Every function is atomic, checks its rules with ``full_clean()`` and records an audit event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from kumppani.accounts.audit import audit_changes, audit_record, audit_snapshot
from kumppani.accounts.models import User
from kumppani.geography.models import Municipality
from kumppani.premises.models import (
    Booking,
    OpeningHours,
    PriceRule,
    Space,
    SpacePhoto,
    UsagePrinciples,
)
from kumppani.premises.selectors_tree import descendant_ids

PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


class SpaceFields(TypedDict, total=False):
    parent: Space | None
    kind: str
    name_fi: str
    name_sv: str
    name_en: str
    address: str
    description_fi: str
    description_sv: str
    description_en: str
    capacity: int | None
    area_m2: int | None
    step_free: bool
    accessible_toilet: bool
    induction_loop: bool
    accessibility_fi: str
    accessibility_sv: str
    accessibility_en: str
    equipment_fi: str
    equipment_sv: str
    equipment_en: str
    bookable: bool
    for_associations: bool
    min_minutes: int
    max_minutes: int
    book_ahead_days: int
    buffer_minutes: int
    cancel_hours: int
    needs_approval: bool


class PriceFields(TypedDict, total=False):
    space: Space | None
    customer_type: str
    weekdays: str
    time_from: dt.time | None
    time_to: dt.time | None
    season_from: dt.date | None
    season_to: dt.date | None
    price_per_hour: Decimal
    note_fi: str
    note_sv: str
    note_en: str


def _check(fields: Mapping[str, object], allowed: type[Mapping[str, object]]) -> None:
    unknown = set(fields) - allowed.__optional_keys__ - allowed.__required_keys__  # type: ignore[attr-defined]
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")


# --- the space tree ---------------------------------------------------------------------------

SPACE_AUDITED = (
    "parent_id", "kind", "name_fi", "capacity", "bookable", "for_associations",
    "min_minutes", "max_minutes", "book_ahead_days", "buffer_minutes", "cancel_hours",
    "needs_approval",
)  # fmt: skip


def _check_parent(space: Space) -> None:
    """A parent is in the same municipality, and a space is never inside itself."""
    parent = space.parent if space.parent_id else None
    if parent is None:
        return
    if parent.municipality_id != space.municipality_id:
        raise ValidationError(
            {"parent": _("The space it is part of must be in the same municipality.")}
        )
    if space.pk is not None and (parent.pk == space.pk or parent.pk in descendant_ids(space)):
        raise ValidationError(
            {"parent": _("A space cannot be part of itself or of a space inside it.")}
        )


@transaction.atomic
def space_create(
    *, municipality: Municipality, by: User | None, **fields: Unpack[SpaceFields]
) -> Space:
    _check(fields, SpaceFields)
    space = Space(municipality=municipality, **fields)
    _check_parent(space)
    space.full_clean()
    space.save()
    audit_record(actor=by, action="premises.space.create", target=space, summary=space.name_fi)
    return space


@transaction.atomic
def space_update(*, space: Space, by: User | None, **fields: Unpack[SpaceFields]) -> Space:
    _check(fields, SpaceFields)
    before = audit_snapshot(space, SPACE_AUDITED)
    for name, value in fields.items():
        setattr(space, name, value)
    _check_parent(space)
    space.full_clean()
    space.save()
    audit_record(
        actor=by,
        action="premises.space.update",
        target=space,
        changes=audit_changes(before, space),
    )
    return space


def space_delete_refusal(space: Space) -> str:
    """Why ``space`` cannot be removed now, or "" when it can."""
    if space.children.exists():
        return _("The space has spaces inside it. Remove or move them first.")
    if Booking.objects.filter(space=space).exists() or space.series.exists():
        return _(
            "The space has bookings, so it cannot be removed. You can mark it as not bookable "
            "instead."
        )
    return ""


@transaction.atomic
def space_delete(*, space: Space, by: User | None) -> None:
    refusal = space_delete_refusal(space)
    if refusal:
        raise ValidationError(refusal)
    audit_record(actor=by, action="premises.space.delete", target=space, summary=space.name_fi)
    files = [(photo.image.storage, photo.image.name) for photo in space.photos.all()]
    space.delete()

    def remove_files() -> None:
        for storage, name in files:
            if name:
                storage.delete(name)

    transaction.on_commit(remove_files)


# --- opening hours ----------------------------------------------------------------------------


@transaction.atomic
def opening_hours_set(
    *,
    space: Space,
    hours: Mapping[int, tuple[dt.time | None, dt.time | None] | None],
    by: User | None,
) -> list[OpeningHours]:
    """Replace the space's opening hours: ``{weekday: (opens, closes)}``, 0 is Monday; a
    weekday missing or ``None`` is closed. With no rows at all the space follows the space it is
    part of."""
    rows: list[OpeningHours] = []
    errors: dict[str, list[str]] = {}
    for weekday in range(7):
        value = hours.get(weekday)
        if value is None or (value[0] is None and value[1] is None):
            continue
        opens, closes = value
        if opens is None or closes is None:
            errors.setdefault(f"closes_{weekday}", []).append(
                _("Give both the opening and the closing time, or neither for a closed day.")
            )
            continue
        row = OpeningHours(space=space, weekday=weekday, opens=opens, closes=closes)
        try:
            row.full_clean(exclude=["space"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(f"{field}_{weekday}", []).extend(messages)
            continue
        rows.append(row)
    if errors:
        raise ValidationError(errors)
    before = sorted(str(row) for row in space.opening_hours.all())
    space.opening_hours.all().delete()
    OpeningHours.objects.bulk_create(rows)
    audit_record(
        actor=by,
        action="premises.hours.set",
        target=space,
        changes={"hours": [before, sorted(str(row) for row in rows)]},
    )
    return rows


# --- photos -----------------------------------------------------------------------------------


def _image_format(image: UploadedFile) -> str:
    """The picture's format when it is a JPEG, PNG or WebP image Pillow can open."""
    if image.size is not None and image.size > PHOTO_MAX_BYTES:
        raise ValidationError(
            {"image": _("The photo is too large: at most %(megabytes)d MB.") % {"megabytes": 5}}
        )
    not_image = ValidationError(
        {"image": _("The file is not a photo. Upload a JPEG, PNG or WebP image.")}
    )
    try:
        image.seek(0)
        with Image.open(image) as picture:
            picture.verify()
            found = picture.format or ""
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise not_image from error
    finally:
        image.seek(0)
    if found not in PHOTO_FORMATS:
        raise not_image
    return found


@transaction.atomic
def photo_add(
    *,
    space: Space,
    image: UploadedFile | None,
    alt_fi: str,
    by: User | None,
    alt_sv: str = "",
    alt_en: str = "",
) -> SpacePhoto:
    """Add a photo with its description for people who cannot see it (required in Finnish)."""
    errors: dict[str, list[str]] = {}
    if image is None:
        errors["image"] = [_("Choose a photo to upload.")]
    if not (alt_fi or "").strip():
        errors["alt_fi"] = [
            _("Describe the photo in Finnish for people who cannot see it (alternative text).")
        ]
    if errors:
        raise ValidationError(errors)
    assert image is not None
    found = _image_format(image)
    image.name = f"photo.{PHOTO_FORMATS[found]}"
    last = space.photos.order_by("-position").values_list("position", flat=True).first()
    photo = SpacePhoto(
        space=space,
        image=image,
        alt_fi=alt_fi.strip(),
        alt_sv=(alt_sv or "").strip(),
        alt_en=(alt_en or "").strip(),
        position=0 if last is None else last + 1,
    )
    photo.full_clean(exclude=["space"])
    photo.save()
    audit_record(actor=by, action="premises.photo.add", target=space, summary=photo.alt_fi)
    return photo


@transaction.atomic
def photo_delete(*, photo: SpacePhoto, by: User | None) -> None:
    audit_record(actor=by, action="premises.photo.delete", target=photo.space, summary=photo.alt_fi)
    storage, name = photo.image.storage, photo.image.name
    photo.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


# --- usage principles -------------------------------------------------------------------------


@transaction.atomic
def principles_set(
    *,
    municipality: Municipality,
    by: User | None,
    text_fi: str = "",
    text_sv: str = "",
    text_en: str = "",
) -> UsagePrinciples:
    principles = UsagePrinciples.objects.filter(municipality=municipality).first()
    if principles is None:
        principles = UsagePrinciples(municipality=municipality)
    before = audit_snapshot(principles, ("text_fi", "text_sv", "text_en"))
    principles.text_fi, principles.text_sv, principles.text_en = text_fi, text_sv, text_en
    principles.updated_by = by if by is not None and by.pk else None
    principles.full_clean()
    principles.save()
    audit_record(
        actor=by,
        action="premises.principles.set",
        target=principles,
        changes={k: ["…", "…"] for k in audit_changes(before, principles)},
    )
    return principles


# --- price list -------------------------------------------------------------------------------

PRICE_AUDITED = (
    "space_id", "customer_type", "weekdays", "time_from", "time_to", "season_from", "season_to",
    "price_per_hour",
)  # fmt: skip


def _clean_price(rule: PriceRule) -> None:
    rule.weekdays = "".join(sorted(rule.weekdays or ""))
    rule.full_clean()


@transaction.atomic
def price_rule_create(
    *, municipality: Municipality, by: User | None, **fields: Unpack[PriceFields]
) -> PriceRule:
    _check(fields, PriceFields)
    rule = PriceRule(municipality=municipality, **fields)
    _clean_price(rule)
    rule.save()
    audit_record(actor=by, action="premises.price.create", target=rule, summary=str(rule))
    return rule


@transaction.atomic
def price_rule_update(
    *, rule: PriceRule, by: User | None, **fields: Unpack[PriceFields]
) -> PriceRule:
    _check(fields, PriceFields)
    before = audit_snapshot(rule, PRICE_AUDITED)
    for name, value in fields.items():
        setattr(rule, name, value)
    _clean_price(rule)
    rule.save()
    audit_record(
        actor=by, action="premises.price.update", target=rule, changes=audit_changes(before, rule)
    )
    return rule


@transaction.atomic
def price_rule_delete(*, rule: PriceRule, by: User | None) -> None:
    audit_record(actor=by, action="premises.price.delete", target=rule, summary=str(rule))
    rule.delete()


def space_fields(data: Mapping[str, Any]) -> SpaceFields:
    """The keys of ``data`` that are fields of a space (for the form and the API)."""
    allowed = SpaceFields.__optional_keys__
    return {k: v for k, v in data.items() if k in allowed}  # type: ignore[return-value]
