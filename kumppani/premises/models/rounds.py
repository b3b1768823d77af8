"""Seasonal allocation rounds (kausivaraus): associations apply for weekly slots with priorities,
the officer gets a proposal, adjusts it and confirms it, which creates every series at once."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kumppani.core.i18n import localized
from kumppani.core.limits import limited_text
from kumppani.premises.models.space import Space


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for applications")
    ALLOCATING = "allocating", _("Being allocated")
    CONFIRMED = "confirmed", _("Confirmed")


class AllocationRound(models.Model):
    municipality = models.ForeignKey(
        "geography.Municipality",
        on_delete=models.CASCADE,
        related_name="allocation_rounds",
        verbose_name=_("municipality"),
    )
    name_fi = models.CharField(_("name in Finnish"), max_length=150)
    name_sv = models.CharField(_("name in Swedish"), max_length=150, blank=True)
    name_en = models.CharField(_("name in English"), max_length=150, blank=True)
    spaces = models.ManyToManyField(
        Space, related_name="allocation_rounds", verbose_name=_("spaces")
    )
    season_starts = models.DateField(_("season starts"))
    season_ends = models.DateField(_("season ends"))
    applications_open_at = models.DateTimeField(_("applications open"))
    applications_close_at = models.DateTimeField(_("applications close"))
    status = models.CharField(
        _("status"), max_length=20, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["municipality", "-season_starts", "id"]
        verbose_name = _("seasonal allocation round")
        verbose_name_plural = _("seasonal allocation rounds")
        constraints = [
            models.CheckConstraint(
                condition=Q(season_ends__gt=models.F("season_starts")),
                name="premises_round_season_in_order",
            ),
            models.CheckConstraint(
                condition=Q(applications_close_at__gt=models.F("applications_open_at")),
                name="premises_round_applications_in_order",
            ),
        ]

    def __str__(self) -> str:
        return localized(self, "name")

    def clean(self) -> None:
        errors = {}
        if self.season_starts and self.season_ends and self.season_ends <= self.season_starts:
            errors["season_ends"] = _("The season must end after it starts.")
        if (
            self.applications_open_at
            and self.applications_close_at
            and self.applications_close_at <= self.applications_open_at
        ):
            errors["applications_close_at"] = _("Applications must close after they open.")
        if errors:
            raise ValidationError(errors)


class SlotRequest(models.Model):
    """One weekly slot an association asks for in a round; priority 1 is what it wants most."""

    round = models.ForeignKey(
        AllocationRound, on_delete=models.CASCADE, related_name="requests", verbose_name=_("round")
    )
    organisation = models.ForeignKey(
        "associations.Association",
        on_delete=models.CASCADE,
        related_name="slot_requests",
        verbose_name=_("association"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    space = models.ForeignKey(
        Space, on_delete=models.CASCADE, related_name="slot_requests", verbose_name=_("space")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), validators=[MaxValueValidator(6)])
    starts = models.TimeField(_("starts"))
    ends = models.TimeField(_("ends"))
    priority = models.PositiveSmallIntegerField(
        _("priority"), default=1, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    purpose = models.CharField(_("purpose"), max_length=200)
    note = limited_text(_("note"), blank=True)
    # The language the applicant used: the round's result is written in it.
    language = models.CharField(_("language"), max_length=2, default="fi")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["round", "organisation", "priority", "id"]
        verbose_name = _("slot request")
        verbose_name_plural = _("slot requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__gt=models.F("starts")), name="premises_request_in_order"
            )
        ]

    def __str__(self) -> str:
        return self.purpose

    def clean(self) -> None:
        if self.starts and self.ends and self.ends <= self.starts:
            raise ValidationError({"ends": _("The end must be after the start.")})


class Allocation(models.Model):
    """A weekly slot in the proposal (made by the allocator, adjusted by the officer). On
    confirmation each becomes a booking series for the season."""

    round = models.ForeignKey(
        AllocationRound,
        on_delete=models.CASCADE,
        related_name="allocations",
        verbose_name=_("round"),
    )
    request = models.ForeignKey(
        SlotRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="allocations",
        verbose_name=_("request"),
    )
    organisation = models.ForeignKey(
        "associations.Association",
        on_delete=models.CASCADE,
        related_name="allocations",
        verbose_name=_("association"),
    )
    space = models.ForeignKey(
        Space, on_delete=models.CASCADE, related_name="allocations", verbose_name=_("space")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), validators=[MaxValueValidator(6)])
    starts = models.TimeField(_("starts"))
    ends = models.TimeField(_("ends"))
    adjusted = models.BooleanField(_("adjusted by the officer"), default=False)

    class Meta:
        ordering = ["round", "space", "weekday", "starts", "id"]
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__gt=models.F("starts")), name="premises_allocation_in_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.space} {self.weekday} {self.starts}–{self.ends}"
