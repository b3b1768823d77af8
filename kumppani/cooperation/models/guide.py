"""The cooperation guide (järjestöyhteistyön ohje): versions with narrative per section.

Sections that the platform knows (contacts, forums, annual cycle, the agreements list) are
rendered from live data when the guide is shown; only the narrative text is stored.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kumppani.core.limits import LONG_TEXT

SECTION_KEYS = (
    "strategy",
    "forums",
    "partnership",
    "grants",
    "premises",
    "wellbeing",
    "communication",
    "contacts",
    "annual_cycle",
)
NARRATIVE_LANGUAGES = ("fi", "sv")
MAX_SECTION_CHARS = LONG_TEXT


def validate_narrative(value: Any) -> None:
    """``{section key: {"fi": markdown, "sv": markdown}}`` with known keys only."""
    if not isinstance(value, dict):
        raise ValidationError(_("The guide text has an unexpected shape."))
    for key, texts in value.items():
        if key not in SECTION_KEYS or not isinstance(texts, dict):
            raise ValidationError(_("The guide text has an unexpected shape."))
        for language, text in texts.items():
            if language not in NARRATIVE_LANGUAGES or not isinstance(text, str):
                raise ValidationError(_("The guide text has an unexpected shape."))
            if len(text) > MAX_SECTION_CHARS:
                raise ValidationError(
                    _("A section may have at most %(limit)d characters.")
                    % {"limit": MAX_SECTION_CHARS}
                )


class Guide(models.Model):
    municipality = models.OneToOneField(
        "geography.Municipality",
        on_delete=models.CASCADE,
        related_name="cooperation_guide",
        verbose_name=_("municipality"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cooperation guide")
        verbose_name_plural = _("cooperation guides")

    def __str__(self) -> str:
        return str(self.municipality)


class GuideStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class GuideVersion(models.Model):
    guide = models.ForeignKey(
        Guide, on_delete=models.CASCADE, related_name="versions", verbose_name=_("guide")
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=GuideStatus.choices, default=GuideStatus.DRAFT
    )
    narrative = models.JSONField(
        _("narrative"), default=dict, blank=True, validators=[validate_narrative]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["guide", "-number"]
        verbose_name = _("guide version")
        verbose_name_plural = _("guide versions")
        constraints = [
            models.UniqueConstraint(fields=["guide", "number"], name="unique_guide_version"),
            models.UniqueConstraint(
                fields=["guide"], condition=Q(status="draft"), name="one_draft_per_guide"
            ),
        ]
        indexes = [models.Index(fields=["guide", "status", "-number"])]

    def __str__(self) -> str:
        return f"{self.guide} v{self.number}"

    def text(self, key: str, language: str) -> str:
        return str(self.narrative.get(key, {}).get(language, ""))


class GuideTemplate(models.Model):
    """Starting text for each section; a new municipality copies it with one action."""

    name = models.CharField(_("name"), max_length=200)
    narrative = models.JSONField(
        _("narrative"), default=dict, blank=True, validators=[validate_narrative]
    )
    is_default = models.BooleanField(_("default template"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-is_default", "name", "id"]
        verbose_name = _("guide template")
        verbose_name_plural = _("guide templates")

    def __str__(self) -> str:
        return self.name
