"""The library of good practices and the municipalities that adopted them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kumppani.cooperation.models.agreements import validate_attachment
from kumppani.core.i18n import localized
from kumppani.core.limits import limited_text


class GoodPractice(models.Model):
    title_fi = models.CharField(_("title in Finnish"), max_length=200)
    title_sv = models.CharField(_("title in Swedish"), max_length=200, blank=True)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    description_fi = limited_text(_("description in Finnish"), blank=True)
    description_sv = limited_text(_("description in Swedish"), blank=True)
    description_en = limited_text(_("description in English"), blank=True)
    origin_municipality = models.ForeignKey(
        "geography.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="originated_practices",
        verbose_name=_("origin municipality"),
    )
    material_url = models.URLField(_("link to material"), blank=True)
    material_file = models.FileField(
        _("material file"),
        upload_to="cooperation/practices/%Y/",
        blank=True,
        validators=[validate_attachment],
        help_text=_("PDF, ODT or DOCX, at most 5 MB."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title_fi", "id"]
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")

    def __str__(self) -> str:
        return localized(self, "title")

    def get_absolute_url(self) -> str:
        return reverse("cooperation:practice", args=[self.pk])


class Adoption(models.Model):
    practice = models.ForeignKey(
        GoodPractice,
        on_delete=models.CASCADE,
        related_name="adoptions",
        verbose_name=_("good practice"),
    )
    municipality = models.ForeignKey(
        "geography.Municipality",
        on_delete=models.CASCADE,
        related_name="practice_adoptions",
        verbose_name=_("municipality"),
    )
    adopted_on = models.DateField(_("adopted on"))
    note = limited_text(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-adopted_on", "id"]
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "municipality"], name="unique_practice_adoption"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.practice}"
