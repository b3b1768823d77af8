"""The municipality's welfare report and plan: themes → goals → measures → indicators.

Themes are a stable, public part of the API: surveys, proposals and (later) grants refer to them.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kumppani.core.i18n import localized
from kumppani.core.limits import LONG_TEXT, limited_text


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_APPROVAL = "in_approval", _("In approval")
    APPROVED = "approved", _("Approved")


class RollupMethod(models.TextChoices):
    PLAIN = "plain", _("Plain average")
    WEIGHTED = "weighted", _("Weighted average")


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
    rollup = models.CharField(
        _("progress roll-up"),
        max_length=10,
        choices=RollupMethod.choices,
        default=RollupMethod.PLAIN,
        help_text=_("How the progress of goals and themes is computed from their parts."),
    )
    approved_on = models.DateField(_("approved by the council on"), null=True, blank=True)
    # The content as approved by the council; later edits change only the working version.
    approved_snapshot = models.JSONField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

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

    def get_absolute_url(self) -> str:
        return reverse("welfare:plan", args=[self.pk])

    def clean(self) -> None:
        # Run by full_clean() before the constraint, so the message names the field.
        if (
            self.start_year is not None
            and self.end_year is not None
            and self.end_year < self.start_year
        ):
            raise ValidationError({"end_year": _("The last year cannot be before the first year.")})


class Theme(models.Model):
    """A theme of the plan (e.g. "Mental wellbeing", "Inclusion and loneliness")."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="themes", verbose_name=_("plan")
    )
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    description_fi = limited_text(_("description in Finnish"), blank=True)
    description_sv = limited_text(_("description in Swedish"), blank=True)
    description_en = limited_text(_("description in English"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return localized(self, "name")

    def get_absolute_url(self) -> str:
        return reverse("welfare:theme", args=[self.pk])


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


PROGRESS_MESSAGE = _("Progress is a percentage from 0 to 100.")


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
    resources = limited_text(_("resources"), blank=True)
    schedule = models.CharField(_("schedule"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"),
        default=0,
        validators=[
            MinValueValidator(0, message=PROGRESS_MESSAGE),
            MaxValueValidator(100, message=PROGRESS_MESSAGE),
        ],
    )
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    created_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    updated_at = models.DateTimeField(auto_now=True, null=True)

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


class PlanReview(models.Model):
    """The yearly review (vuosittainen hyvinvointikertomus) of a plan."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("plan")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    date = models.DateField(_("date"))
    summary_fi = limited_text(_("summary in Finnish"), limit=LONG_TEXT)
    summary_sv = limited_text(_("summary in Swedish"), blank=True, limit=LONG_TEXT)
    summary_en = limited_text(_("summary in English"), blank=True, limit=LONG_TEXT)

    class Meta:
        ordering = ["plan", "year"]
        verbose_name = _("yearly review")
        verbose_name_plural = _("yearly reviews")
        constraints = [
            models.UniqueConstraint(fields=["plan", "year"], name="one_review_per_plan_year")
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.year}"


class IndicatorKind(models.TextChoices):
    STATISTICAL = "statistical", _("Statistical (external source)")
    PLATFORM = "platform", _("Counted by the platform")


class Indicator(models.Model):
    """A measurable sign of wellbeing, on a theme or on one of its goals."""

    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("theme")
    )
    goal = models.ForeignKey(
        Goal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("goal"),
    )
    name_fi = models.CharField(_("name in Finnish"), max_length=300)
    name_sv = models.CharField(_("name in Swedish"), max_length=300, blank=True)
    name_en = models.CharField(_("name in English"), max_length=300, blank=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=IndicatorKind.choices, default=IndicatorKind.STATISTICAL
    )
    source = models.CharField(_("source"), max_length=100, blank=True)
    source_code = models.CharField(_("code in the source"), max_length=60, blank=True)
    metric = models.CharField(_("platform metric"), max_length=60, blank=True)
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    target_value = models.DecimalField(
        _("target value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["theme", "order", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return localized(self, "name")


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="one_value_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}"


class Observation(models.Model):
    """Experiential knowledge (kokemustieto) an association submits on a theme."""

    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="observations", verbose_name=_("theme")
    )
    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.CASCADE,
        related_name="welfare_observations",
        verbose_name=_("association"),
    )
    submitted_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+", editable=False
    )
    text = limited_text(_("observation"))
    observed_on = models.DateField(_("observed on"))
    created_at = models.DateTimeField(auto_now_add=True)
    hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["theme", "-observed_on", "-id"]
        verbose_name = _("experiential knowledge")
        verbose_name_plural = _("experiential knowledge")

    def __str__(self) -> str:
        return f"{self.association}: {self.text[:40]}"


class ApprovalBody(models.TextChoices):
    WORKING_GROUP = "working_group", _("Wellbeing working group")
    COMMITTEE = "committee", _("Committee")
    BOARD = "board", _("Municipal board")
    COUNCIL = "council", _("Council")


BODY_RANK = {
    ApprovalBody.WORKING_GROUP: 0,
    ApprovalBody.COMMITTEE: 1,
    ApprovalBody.BOARD: 2,
    ApprovalBody.COUNCIL: 3,
}


class ApprovalStage(models.Model):
    """One decision on the way: working group → committees → board → council."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="approval_stages", verbose_name=_("plan")
    )
    body = models.CharField(_("body"), max_length=20, choices=ApprovalBody.choices)
    body_name = models.CharField(
        _("name of the body"),
        max_length=200,
        blank=True,
        help_text=_("E.g. the name of the committee."),
    )
    date = models.DateField(_("date"))
    decision = limited_text(_("decision"))
    recorded_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+", editable=False
    )

    class Meta:
        ordering = ["plan", "date", "id"]
        verbose_name = _("approval stage")
        verbose_name_plural = _("approval stages")

    def __str__(self) -> str:
        return f"{self.get_body_display()} {self.date}"
