"""Forums: meetings of municipalities and associations, at municipality or region level."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kumppani.core.i18n import localized
from kumppani.core.limits import LONG_TEXT, limited_text


class ForumType(models.TextChoices):
    WELLBEING_MEETUP = "wellbeing_meetup", _("Wellbeing meetup (Hyvinvointihytinä)")
    ASSOCIATION_EVENING = "association_evening", _("Association evening")
    VITALITY_WORKSHOP = "vitality_workshop", _("Vitality workshop")
    PARTNERSHIP_TABLE = "partnership_table", _("Partnership table")
    COUNCIL_MEETING = "council_meeting", _("Advisory council meeting")
    LIAISON_NETWORK = "liaison_network", _("Liaison network meeting")
    MUNICIPAL_TOUR = "municipal_tour", _("Municipal tour")
    OTHER = "other", _("Other forum")


# Types held at region level (they belong to a region, not to a municipality).
REGION_TYPES = frozenset({ForumType.LIAISON_NETWORK, ForumType.MUNICIPAL_TOUR})
# Types that count towards a municipality's regularity (municipality–association meetings).
REGULARITY_TYPES = frozenset(
    {
        ForumType.WELLBEING_MEETUP,
        ForumType.ASSOCIATION_EVENING,
        ForumType.VITALITY_WORKSHOP,
        ForumType.PARTNERSHIP_TABLE,
        ForumType.COUNCIL_MEETING,
        ForumType.OTHER,
    }
)


class ForumStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Registration open")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class Forum(models.Model):
    type = models.CharField(_("type"), max_length=24, choices=ForumType.choices)
    title_fi = models.CharField(_("title in Finnish"), max_length=200)
    title_sv = models.CharField(_("title in Swedish"), max_length=200, blank=True)
    description_fi = limited_text(_("description in Finnish"), blank=True)
    description_sv = limited_text(_("description in Swedish"), blank=True)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity (participants)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        help_text=_("Beyond this, registrations go to a waiting list. Empty: no limit."),
    )
    municipalities = models.ManyToManyField(
        "geography.Municipality",
        related_name="forums",
        blank=True,
        verbose_name=_("municipalities"),
    )
    region = models.ForeignKey(
        "geography.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forums",
        verbose_name=_("region"),
        help_text=_("Set for region-level forums (liaison network, municipal tour)."),
    )
    body = models.ForeignKey(
        "cooperation.Body",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_meetings",
        verbose_name=_("body"),
        help_text=_("For advisory council meetings: the body that meets."),
    )
    liaison = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organised_forums",
        verbose_name=_("organiser"),
    )
    co_organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="co_organised_forums",
        verbose_name=_("co-organiser"),
    )
    themes = limited_text(_("themes and agenda"), blank=True)
    minutes = limited_text(
        _("minutes"),
        blank=True,
        help_text=_("Markdown: **bold**, lists with -, links."),
        limit=LONG_TEXT,
    )
    outcomes = limited_text(_("outcomes"), blank=True, limit=LONG_TEXT)
    attendance_recorded_at = models.DateTimeField(null=True, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=ForumStatus.choices, default=ForumStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start", "id"]
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        indexes = [models.Index(fields=["start"]), models.Index(fields=["type", "start"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="forum_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return localized(self, "title")

    def get_absolute_url(self) -> str:
        return reverse("forums:detail", args=[self.pk])

    @property
    def is_region_level(self) -> bool:
        return self.region_id is not None

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = str(_("The forum cannot end before it starts."))
        if self.registration_closes_at and self.end and self.registration_closes_at > self.end:
            errors["registration_closes_at"] = str(
                _("Registration must close before the forum ends.")
            )
        if self.type in REGION_TYPES and self.region_id is None:
            errors["region"] = str(
                _("A forum of this type is held at region level: choose a region.")
            )
        if errors:
            raise ValidationError(errors)


class RegularityTarget(models.Model):
    """How many forums a municipality aims to hold in a year (default 2–3)."""

    municipality = models.OneToOneField(
        "geography.Municipality",
        on_delete=models.CASCADE,
        related_name="forum_target",
        verbose_name=_("municipality"),
    )
    per_year_min = models.PositiveSmallIntegerField(
        _("forums a year, at least"), default=2, validators=[MaxValueValidator(52)]
    )
    per_year_max = models.PositiveSmallIntegerField(
        _("forums a year, at most"), default=3, validators=[MaxValueValidator(52)]
    )

    class Meta:
        verbose_name = _("forum target")
        verbose_name_plural = _("forum targets")

    def __str__(self) -> str:
        return f"{self.municipality}: {self.per_year_min}–{self.per_year_max}"

    def clean(self) -> None:
        if self.per_year_max < self.per_year_min:
            raise ValidationError(
                {"per_year_max": _("The upper target cannot be below the lower one.")}
            )


DEFAULT_TARGET = (2, 3)
