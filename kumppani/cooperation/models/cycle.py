"""Hand-made entries of a municipality's annual cycle (vuosikello)."""

from __future__ import annotations

import calendar
import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kumppani.core.i18n import localized
from kumppani.core.limits import limited_text


def _valid_day(year: int, month: int, day: int) -> dt.date:
    """The date, with 29 February moved to the 28th in other years."""
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day, last))


class CycleEntry(models.Model):
    municipality = models.ForeignKey(
        "geography.Municipality",
        on_delete=models.CASCADE,
        related_name="cycle_entries",
        verbose_name=_("municipality"),
    )
    title_fi = models.CharField(_("title in Finnish"), max_length=200)
    title_sv = models.CharField(_("title in Swedish"), max_length=200, blank=True)
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    day = models.PositiveSmallIntegerField(
        _("day"), validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    end_month = models.PositiveSmallIntegerField(
        _("end month"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    end_day = models.PositiveSmallIntegerField(
        _("end day"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    recurring = models.BooleanField(_("recurs every year"), default=True)
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("Only for an entry that does not recur."),
    )
    description = limited_text(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["month", "day", "id"]
        verbose_name = _("annual cycle entry")
        verbose_name_plural = _("annual cycle entries")

    def __str__(self) -> str:
        return localized(self, "title")

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.month and self.day and self.day > calendar.monthrange(2024, self.month)[1]:
            errors["day"] = str(_("That month has no such day."))
        if (self.end_month is None) != (self.end_day is None):
            errors["end_day"] = str(_("Give both the end month and the end day, or neither."))
        elif self.end_month and self.end_day:
            if self.end_day > calendar.monthrange(2024, self.end_month)[1]:
                errors["end_day"] = str(_("That month has no such day."))
        if not self.recurring and not self.year:
            errors["year"] = str(_("Give the year of an entry that does not recur."))
        if errors:
            raise ValidationError(errors)

    def occurrences(self, start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date | None]]:
        """(start, end) of each occurrence that begins between start and end (inclusive)."""
        years = [self.year] if not self.recurring and self.year else range(start.year, end.year + 1)
        found = []
        for year in years:
            first = _valid_day(year, self.month, self.day)
            if not start <= first <= end:
                continue
            last = None
            if self.end_month and self.end_day:
                last = _valid_day(year, self.end_month, self.end_day)
                if last < first:
                    last = _valid_day(year + 1, self.end_month, self.end_day)
            found.append((first, last))
        return found
