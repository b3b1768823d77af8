"""Municipal premises as a tree (a building, its halls, the courts inside a hall), their opening
hours, photos, the municipality's usage principles and its price list by rule."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kumppani.core.i18n import localized
from kumppani.core.limits import LONG_TEXT, limited_text


class SpaceKind(models.TextChoices):
    BUILDING = "building", _("Building")
    HALL = "hall", _("Hall")
    COURT = "court", _("Court or section")
    ROOM = "room", _("Room")
    MEETING_ROOM = "meeting_room", _("Meeting room")
    KITCHEN = "kitchen", _("Kitchen")
    FIELD = "field", _("Field or outdoor area")
    OTHER = "other", _("Other space")


class Space(models.Model):
    """A building or a space inside one. Booking a space blocks its ancestors and descendants for
    that time (a court blocks its hall, the hall blocks both courts); siblings stay free."""

    municipality = models.ForeignKey(
        "geography.Municipality",
        on_delete=models.CASCADE,
        related_name="spaces",
        verbose_name=_("municipality"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=SpaceKind.choices, default=SpaceKind.ROOM
    )
    name_fi = models.CharField(_("name in Finnish"), max_length=150)
    name_sv = models.CharField(_("name in Swedish"), max_length=150, blank=True)
    name_en = models.CharField(_("name in English"), max_length=150, blank=True)
    address = models.CharField(_("street address"), max_length=200, blank=True)
    description_fi = limited_text(_("description in Finnish"), blank=True)
    description_sv = limited_text(_("description in Swedish"), blank=True)
    description_en = limited_text(_("description in English"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity (people)"), null=True, blank=True)
    area_m2 = models.PositiveIntegerField(_("area (m²)"), null=True, blank=True)
    step_free = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    induction_loop = models.BooleanField(_("induction loop"), default=False)
    accessibility_fi = limited_text(_("accessibility in Finnish"), blank=True)
    accessibility_sv = limited_text(_("accessibility in Swedish"), blank=True)
    accessibility_en = limited_text(_("accessibility in English"), blank=True)
    equipment_fi = limited_text(_("equipment in Finnish"), blank=True)
    equipment_sv = limited_text(_("equipment in Swedish"), blank=True)
    equipment_en = limited_text(_("equipment in English"), blank=True)
    bookable = models.BooleanField(
        _("bookable"), default=True, help_text=_("Whether this space itself can be booked.")
    )
    for_associations = models.BooleanField(
        _("available to associations"),
        default=True,
        help_text=_("Shown on the public page of premises available to associations."),
    )
    # Booking rules (checked by the booking service).
    min_minutes = models.PositiveIntegerField(
        _("shortest booking (minutes)"), default=30, validators=[MinValueValidator(15)]
    )
    max_minutes = models.PositiveIntegerField(
        _("longest booking (minutes)"), default=480, validators=[MinValueValidator(15)]
    )
    book_ahead_days = models.PositiveIntegerField(
        _("bookable how many days ahead"), default=180, validators=[MaxValueValidator(1000)]
    )
    buffer_minutes = models.PositiveIntegerField(
        _("buffer after a booking (minutes)"), default=0, validators=[MaxValueValidator(240)]
    )
    cancel_hours = models.PositiveIntegerField(
        _("free cancellation until (hours before)"), default=24
    )
    needs_approval = models.BooleanField(_("bookings need approval"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["municipality", "name_fi", "id"]
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        indexes = [models.Index(fields=["municipality", "parent"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_minutes__gte=models.F("min_minutes")),
                name="premises_space_durations_in_order",
            )
        ]

    def __str__(self) -> str:
        return localized(self, "name")

    def clean(self) -> None:
        if self.min_minutes and self.max_minutes and self.max_minutes < self.min_minutes:
            raise ValidationError(
                {"max_minutes": _("The longest booking cannot be shorter than the shortest.")}
            )


class OpeningHours(models.Model):
    """When a space can be booked on a weekday. A space without hours of its own follows its
    nearest ancestor's; a building without any is open around the clock."""

    space = models.ForeignKey(
        Space, on_delete=models.CASCADE, related_name="opening_hours", verbose_name=_("space")
    )
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), validators=[MaxValueValidator(6)], help_text=_("0 is Monday, 6 is Sunday.")
    )
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["space", "weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")), name="premises_hours_in_order"
            ),
            models.UniqueConstraint(fields=["space", "weekday"], name="premises_hours_one_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.weekday} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self) -> None:
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("The closing time must be after the opening time.")})


def photo_path(instance: SpacePhoto, filename: str) -> str:
    return f"premises/{instance.space_id}/{filename}"


class SpacePhoto(models.Model):
    space = models.ForeignKey(
        Space, on_delete=models.CASCADE, related_name="photos", verbose_name=_("space")
    )
    image = models.ImageField(_("photo"), upload_to=photo_path)
    alt_fi = models.CharField(_("description of the photo in Finnish"), max_length=300)
    alt_sv = models.CharField(_("description of the photo in Swedish"), max_length=300, blank=True)
    alt_en = models.CharField(_("description of the photo in English"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["space", "position", "id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return localized(self, "alt")


class UsagePrinciples(models.Model):
    """The municipality's principles for associations' use of its premises (P11), shown in the
    cooperation guide's premises section and on the public premises page."""

    municipality = models.OneToOneField(
        "geography.Municipality",
        on_delete=models.CASCADE,
        related_name="premises_principles",
        verbose_name=_("municipality"),
    )
    text_fi = limited_text(_("principles in Finnish"), limit=LONG_TEXT, blank=True)
    text_sv = limited_text(_("principles in Swedish"), limit=LONG_TEXT, blank=True)
    text_en = limited_text(_("principles in English"), limit=LONG_TEXT, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("usage principles")
        verbose_name_plural = _("usage principles")

    def __str__(self) -> str:
        return str(self.municipality)


class CustomerType(models.TextChoices):
    ASSOCIATION = "association", _("Registered association")
    GROUP = "group", _("Informal group")
    RESIDENT = "resident", _("Resident")
    COMPANY = "company", _("Company")


class PriceRule(models.Model):
    """One line of the municipality's price list: what an hour costs a customer type, in a space
    (and the spaces inside it) or in all the municipality's spaces, optionally only at some times
    of day, on some weekdays and in a season. The most specific matching rule gives the price of
    each quarter hour; a price of 0 means free of charge."""

    municipality = models.ForeignKey(
        "geography.Municipality",
        on_delete=models.CASCADE,
        related_name="premises_price_rules",
        verbose_name=_("municipality"),
    )
    space = models.ForeignKey(
        Space,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="price_rules",
        verbose_name=_("space"),
        help_text=_(
            "Empty: every space of the municipality. A rule of a space also covers the "
            "spaces inside it."
        ),
    )
    customer_type = models.CharField(
        _("customer type"), max_length=20, choices=CustomerType.choices
    )
    weekdays = models.CharField(
        _("weekdays"),
        max_length=7,
        blank=True,
        help_text=_("Digits of the weekdays (0 Monday … 6 Sunday); empty: every day."),
    )
    time_from = models.TimeField(_("from (time of day)"), null=True, blank=True)
    time_to = models.TimeField(_("until (time of day)"), null=True, blank=True)
    season_from = models.DateField(_("season starts"), null=True, blank=True)
    season_to = models.DateField(_("season ends"), null=True, blank=True)
    price_per_hour = models.DecimalField(
        _("price per hour (€)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    note_fi = models.CharField(_("note in Finnish"), max_length=200, blank=True)
    note_sv = models.CharField(_("note in Swedish"), max_length=200, blank=True)
    note_en = models.CharField(_("note in English"), max_length=200, blank=True)

    class Meta:
        ordering = ["municipality", "space", "customer_type", "time_from", "id"]
        verbose_name = _("price rule")
        verbose_name_plural = _("price rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(time_from__isnull=True)
                | Q(time_to__isnull=True)
                | Q(time_to__gt=models.F("time_from")),
                name="premises_price_times_in_order",
            ),
            models.CheckConstraint(
                condition=Q(season_from__isnull=True)
                | Q(season_to__isnull=True)
                | Q(season_to__gte=models.F("season_from")),
                name="premises_price_season_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_customer_type_display()}: {self.price_per_hour} €/h"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.weekdays and (
            not self.weekdays.isdigit()
            or any(c not in "0123456" for c in self.weekdays)
            or len(set(self.weekdays)) != len(self.weekdays)
        ):
            errors["weekdays"] = _("Give each weekday once as a digit from 0 (Monday) to 6.")
        if (self.time_from is None) != (self.time_to is None):
            errors["time_to"] = _("Give both times of day or neither.")
        elif self.time_from and self.time_to and self.time_to <= self.time_from:
            errors["time_to"] = _("The end time must be after the start time.")
        if self.season_from and self.season_to and self.season_to < self.season_from:
            errors["season_to"] = _("The season cannot end before it starts.")
        space = self.space if self.space_id else None
        if space is not None and space.municipality_id != self.municipality_id:
            errors["space"] = _("The space must be in the same municipality.")
        if errors:
            raise ValidationError(errors)
