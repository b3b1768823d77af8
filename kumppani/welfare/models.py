"""The municipality's welfare report and plan: themes → goals → measures → indicators.

Themes are a stable, public part of the API: surveys, proposals and (later) grants refer to them.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kumppani.core.i18n import localized


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_APPROVAL = "in_approval", _("In approval")
    APPROVED = "approved", _("Approved")


class Plan(models.Model):
    """Hyvinvointikertomus ja -suunnitelma for one council term (e.g. 2025–2028)."""

    municipality = models.ForeignKey(
        "geography.Municipality",
        on_delete=models.CASCADE,
        related_name="welfare_plans",
        verbose_name=_("municipality"),
    )
    title_fi = models.CharField(_("title in Finnish"), max_length=200)
    title_sv = models.CharField(_("title in Swedish"), max_length=200, blank=True)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["municipality", "-start_year"]
        verbose_name = _("welfare plan")
        verbose_name_plural = _("welfare plans")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="plan_years_in_order",
            )
        ]

    def __str__(self) -> str:
        return localized(self, "title")


class Theme(models.Model):
    """A theme of the plan (e.g. "Mental wellbeing", "Inclusion and loneliness")."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="themes", verbose_name=_("plan")
    )
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    description_fi = models.TextField(_("description in Finnish"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return localized(self, "name")


class Goal(models.Model):
    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="goals", verbose_name=_("theme")
    )
    title_fi = models.CharField(_("goal in Finnish"), max_length=300)
    title_sv = models.CharField(_("goal in Swedish"), max_length=300, blank=True)
    title_en = models.CharField(_("goal in English"), max_length=300, blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["theme", "order", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return localized(self, "title")


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    DONE = "done", _("Done")
    DELAYED = "delayed", _("Delayed")
    CANCELLED = "cancelled", _("Cancelled")


class Measure(models.Model):
    """A concrete measure; responsible either a municipal unit or an association."""

    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="measures", verbose_name=_("goal")
    )
    title_fi = models.CharField(_("measure in Finnish"), max_length=300)
    title_sv = models.CharField(_("measure in Swedish"), max_length=300, blank=True)
    title_en = models.CharField(_("measure in English"), max_length=300, blank=True)
    responsible_unit = models.CharField(_("responsible municipal unit"), max_length=200, blank=True)
    responsible_association = models.ForeignKey(
        "associations.Association",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="welfare_measures",
        verbose_name=_("responsible association"),
    )
    resources = models.TextField(_("resources"), blank=True)
    schedule = models.CharField(_("schedule"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)

    class Meta:
        ordering = ["goal", "id"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="measure_progress_at_most_100"
            )
        ]

    def __str__(self) -> str:
        return localized(self, "title")

    def get_absolute_url(self) -> str:
        return reverse("welfare:measure", args=[self.pk])
