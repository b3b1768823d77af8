"""Grant programmes of a municipality's branches, their common periods, forms and criteria."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kumppani.core.i18n import localized
from kumppani.core.limits import limited_text


class Branch(models.TextChoices):
    """The administrative branch (toimiala) that runs a programme."""

    CULTURE = "culture", _("Culture")
    SPORTS = "sports", _("Sports")
    YOUTH = "youth", _("Youth")
    SOCIAL_HEALTH = "social_health", _("Social and health")
    TECHNICAL = "technical", _("Technical services")
    GENERAL = "general", _("General administration")


class ProgrammeKind(models.TextChoices):
    OPERATING = "operating", _("Operating grant")
    PROJECT = "project", _("Project grant")
    EVENT = "event", _("Event grant")
    RENT = "rent", _("Rent subsidy")
    STARTUP = "startup", _("Start-up grant")


class ApplicationPeriod(models.Model):
    """A common application period of the municipality (e.g. spring, autumn): the liaison sets
    it and every branch's programme attached to it opens and closes with it."""

    municipality = models.ForeignKey(
        "geography.Municipality",
        on_delete=models.CASCADE,
        related_name="grant_periods",
        verbose_name=_("municipality"),
    )
    name_fi = models.CharField(_("name in Finnish"), max_length=120)
    name_sv = models.CharField(_("name in Swedish"), max_length=120, blank=True)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["municipality", "opens_at", "id"]
        verbose_name = _("application period")
        verbose_name_plural = _("application periods")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="grant_period_in_order"
            )
        ]

    def __str__(self) -> str:
        return localized(self, "name")

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"closes_at": _("The closing time must be after the opening time.")}
            )


class Programme(models.Model):
    """A grant programme (avustuslaji) of one branch of one municipality.

    ``opens_at``/``closes_at`` are the programme's own times; when it is attached to a common
    period they are copied from the period by the service, and kept in step when the period moves.
    """

    municipality = models.ForeignKey(
        "geography.Municipality",
        on_delete=models.CASCADE,
        related_name="grant_programmes",
        verbose_name=_("municipality"),
    )
    branch = models.CharField(_("branch"), max_length=20, choices=Branch.choices)
    kind = models.CharField(_("type"), max_length=20, choices=ProgrammeKind.choices)
    title_fi = models.CharField(_("title in Finnish"), max_length=200)
    title_sv = models.CharField(_("title in Swedish"), max_length=200, blank=True)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    eligibility_fi = limited_text(_("eligibility in Finnish"), blank=True)
    eligibility_sv = limited_text(_("eligibility in Swedish"), blank=True)
    eligibility_en = limited_text(_("eligibility in English"), blank=True)
    attachments_fi = limited_text(
        _("required attachments in Finnish"), blank=True, help_text=_("One attachment a line.")
    )
    attachments_sv = limited_text(_("required attachments in Swedish"), blank=True)
    attachments_en = limited_text(_("required attachments in English"), blank=True)
    budget_eur = models.DecimalField(_("budget (€)"), max_digits=12, decimal_places=2)
    period = models.ForeignKey(
        ApplicationPeriod,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes",
        verbose_name=_("common application period"),
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    use_report_due_days = models.PositiveSmallIntegerField(
        _("use report due (days after the decision)"),
        default=365,
        help_text=_("When the use report (käyttöselvitys) of a granted application is due."),
    )
    published = models.BooleanField(_("published"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["municipality", "closes_at", "id"]
        verbose_name = _("grant programme")
        verbose_name_plural = _("grant programmes")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="grant_programme_in_order"
            ),
            models.CheckConstraint(
                condition=Q(budget_eur__gte=0), name="grant_programme_budget_not_negative"
            ),
        ]
        indexes = [models.Index(fields=["municipality", "closes_at"])]

    def __str__(self) -> str:
        return localized(self, "title")

    def get_absolute_url(self) -> str:
        return reverse("grants:programme", args=[self.pk])

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"closes_at": _("The closing time must be after the opening time.")}
            )
        if self.period is not None and self.period.municipality_id != self.municipality_id:
            raise ValidationError(
                {"period": _("The period must be one of the same municipality's periods.")}
            )

    def is_open(self, now: object = None) -> bool:
        moment = now or timezone.now()
        return bool(self.opens_at <= moment < self.closes_at)  # type: ignore[operator]

    def attachment_list(self, language: str | None = None) -> list[str]:
        return [
            line.strip()
            for line in localized(self, "attachments", language).splitlines()
            if line.strip()
        ]


# The question types of surveys that make sense in an application form (not action proposals).
QUESTION_KINDS = ("short_text", "long_text", "single", "multiple", "scale", "number", "yes_no")


class Question(models.Model):
    """A question of a programme's application form, of the same types as a survey question.

    Choices of a single- or multiple-choice question are ``[{"fi": .., "sv": .., "en": ..}]``;
    an answer stores the index of a choice as a string.
    """

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="questions", verbose_name=_("programme")
    )
    kind = models.CharField(_("type"), max_length=20)
    text_fi = models.CharField(_("question in Finnish"), max_length=500)
    text_sv = models.CharField(_("question in Swedish"), max_length=500, blank=True)
    text_en = models.CharField(_("question in English"), max_length=500, blank=True)
    help_fi = limited_text(_("help text in Finnish"), blank=True)
    help_sv = limited_text(_("help text in Swedish"), blank=True)
    help_en = limited_text(_("help text in English"), blank=True)
    required = models.BooleanField(_("required"), default=False)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    scale_min = models.SmallIntegerField(_("scale from"), default=1)
    scale_max = models.SmallIntegerField(_("scale to"), default=5)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["programme", "order", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_max__gt=models.F("scale_min")), name="grant_question_scale"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=QUESTION_KINDS), name="grant_question_kind"
            ),
        ]

    def __str__(self) -> str:
        return localized(self, "text")

    def choice_labels(self, language: str | None = None) -> list[str]:
        lang = language or ""
        out = []
        for choice in self.choices or []:
            label = ""
            for code in (lang[:2], "fi", "sv", "en"):
                label = str(choice.get(code) or "") if isinstance(choice, dict) else str(choice)
                if label:
                    break
            out.append(label)
        return out


class CriterionKind(models.TextChoices):
    WEIGHTED = "weighted", _("Weighted criterion")
    BONUS = "bonus", _("Bonus for the welfare plan")


class Criterion(models.Model):
    """A criterion reviewers score 0–``max_points``.

    A weighted criterion counts ``points / max_points × weight`` toward the total; a bonus
    criterion (the welfare plan's "carrot") is tied to a theme of the same municipality's welfare
    plan and adds its points on top, shown separately in the ranking.
    """

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("programme")
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=CriterionKind.choices, default=CriterionKind.WEIGHTED
    )
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    description_fi = limited_text(_("description in Finnish"), blank=True)
    description_sv = limited_text(_("description in Swedish"), blank=True)
    description_en = limited_text(_("description in English"), blank=True)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=1)
    max_points = models.PositiveSmallIntegerField(_("maximum points"), default=5)
    welfare_theme = models.ForeignKey(
        "welfare.Theme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grant_criteria",
        verbose_name=_("welfare plan theme"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["programme", "order", "id"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.CheckConstraint(condition=Q(max_points__gt=0), name="grant_criterion_points"),
            models.CheckConstraint(condition=Q(weight__gte=0), name="grant_criterion_weight"),
            models.CheckConstraint(
                condition=Q(kind="weighted", welfare_theme__isnull=True)
                | Q(kind="bonus", welfare_theme__isnull=False),
                name="grant_criterion_bonus_has_theme",
                violation_error_message=_(
                    "A bonus criterion is tied to a welfare plan theme; a weighted one is not."
                ),
            ),
        ]

    def __str__(self) -> str:
        return localized(self, "name")

    def clean(self) -> None:
        if self.kind == CriterionKind.BONUS and not self.welfare_theme_id:
            raise ValidationError(
                {"welfare_theme": _("Choose the welfare plan theme this bonus rewards.")}
            )
        if self.kind == CriterionKind.WEIGHTED and self.welfare_theme_id:
            raise ValidationError(
                {"welfare_theme": _("Only a bonus criterion is tied to a welfare plan theme.")}
            )
        if (
            self.welfare_theme is not None
            and self.programme_id
            and self.welfare_theme.plan.municipality_id != self.programme.municipality_id
        ):
            raise ValidationError(
                {"welfare_theme": _("The theme must be in the same municipality's welfare plan.")}
            )


class ProgrammeReviewer(models.Model):
    """A named reviewer of a programme: an officer or a committee member (any account)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="reviewers", verbose_name=_("programme")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="grant_reviewer_of",
        verbose_name=_("reviewer"),
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reviewer")
        verbose_name_plural = _("reviewers")
        constraints = [
            models.UniqueConstraint(fields=["programme", "user"], name="unique_grant_reviewer")
        ]

    def __str__(self) -> str:
        return f"{self.programme_id}/{self.user_id}"
