"""Bookings, weekly series managed as one, and the blocks that keep the space tree free of
double bookings.

Every active booking (pending or confirmed) owns one ``BookingBlock`` row for its own space and
one for each ancestor of that space. A row of the booked space carries ``own = booking id``; an
ancestor's row carries ``own = 0``. Two rows on the same space clash when their times overlap and
their ``own`` values differ: own–own (the same space booked twice) and own–ancestor (a hall booked
while a court inside it is) clash, ancestor–ancestor (two courts of one hall) does not. On
PostgreSQL the exclusion constraint ``premises_no_double_booking``
(``EXCLUDE USING gist (space_id WITH =, tstzrange(starts_at, ends_at) WITH &&, own WITH <>)``,
btree_gist) makes the database refuse a clash; on SQLite every write transaction begins
IMMEDIATE (settings), so the booking service's check and insert run serialised.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kumppani.core.limits import limited_text
from kumppani.premises.models.space import CustomerType, Space


class BookingStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    CONFIRMED = "confirmed", _("Confirmed")
    CANCELLED = "cancelled", _("Cancelled")
    REJECTED = "rejected", _("Rejected")


ACTIVE_STATUSES = (BookingStatus.PENDING, BookingStatus.CONFIRMED)


class BookingSeries(models.Model):
    """A recurring booking (an RFC 5545 RRULE from its first occurrence), managed as one:
    cancelling the series cancels its future occurrences with one email."""

    space = models.ForeignKey(
        Space, on_delete=models.PROTECT, related_name="series", verbose_name=_("space")
    )
    organisation = models.ForeignKey(
        "associations.Association",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="booking_series",
        verbose_name=_("association"),
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="booking_series",
    )
    customer_type = models.CharField(
        _("customer type"), max_length=20, choices=CustomerType.choices
    )
    purpose = models.CharField(_("purpose"), max_length=200)
    rrule = models.CharField(_("recurrence rule"), max_length=300)
    first_start = models.DateTimeField(_("first occurrence starts"))
    first_end = models.DateTimeField(_("first occurrence ends"))
    allocation = models.ForeignKey(
        "premises.Allocation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="series",
        verbose_name=_("seasonal allocation"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["space", "first_start", "id"]
        verbose_name = _("booking series")
        verbose_name_plural = _("booking series")

    def __str__(self) -> str:
        return self.purpose


class Booking(models.Model):
    space = models.ForeignKey(
        Space, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("space")
    )
    series = models.ForeignKey(
        BookingSeries,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("series"),
    )
    organisation = models.ForeignKey(
        "associations.Association",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("association"),
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bookings",
    )
    customer_type = models.CharField(
        _("customer type"), max_length=20, choices=CustomerType.choices
    )
    purpose = models.CharField(_("purpose"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    status = models.CharField(
        _("status"), max_length=20, choices=BookingStatus.choices, default=BookingStatus.CONFIRMED
    )
    price_eur = models.DecimalField(
        _("price (€)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    # The language the booker used: confirmations, decisions and cancellations are in it.
    language = models.CharField(_("language"), max_length=2, default="fi")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reason = limited_text(_("reason"), blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        indexes = [
            models.Index(fields=["space", "starts_at"]),
            models.Index(fields=["organisation", "starts_at"]),
            models.Index(fields=["series", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="premises_booking_in_order"
            )
        ]

    def __str__(self) -> str:
        return self.purpose

    @property
    def active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must be after the start.")})


class BookingBlock(models.Model):
    """The time an active booking holds in one space of the tree (see the module's docstring).
    Written and deleted only by the booking service."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="blocks")
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="blocks")
    starts_at = models.DateTimeField()
    # The booking's end plus the booked space's buffer time.
    ends_at = models.DateTimeField()
    own = models.BigIntegerField(help_text="The booking's id in its own space, 0 in an ancestor.")

    class Meta:
        ordering = ["space", "starts_at"]
        indexes = [models.Index(fields=["space", "starts_at", "ends_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="premises_block_in_order"
            ),
            models.UniqueConstraint(fields=["booking", "space"], name="premises_block_once"),
        ]

    def __str__(self) -> str:
        return f"{self.booking_id}@{self.space_id}"
