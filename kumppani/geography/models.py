"""Municipalities, regions and wellbeing services counties (real data, Statistics Finland)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kumppani.core.i18n import localized


class Region(models.Model):
    """Maakunta."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=100)
    name_sv = models.CharField(_("name (Swedish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return localized(self, "name")

    def get_absolute_url(self) -> str:
        return reverse("geography:region", args=[self.code])


class WellbeingCounty(models.Model):
    """Hyvinvointialue (90 = City of Helsinki, 91 = Åland)."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=150)
    name_sv = models.CharField(_("name (Swedish)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)

    class Meta:
        ordering = ["code"]
        verbose_name = _("wellbeing services county")
        verbose_name_plural = _("wellbeing services counties")

    def __str__(self) -> str:
        return localized(self, "name")

    def get_absolute_url(self) -> str:
        return reverse("geography:county", args=[self.code])


class LanguageStatus(models.TextChoices):
    FINNISH = "fi", _("Monolingual Finnish")
    SWEDISH = "sv", _("Monolingual Swedish")
    BILINGUAL_FI = "fi-sv", _("Bilingual, Finnish majority")
    BILINGUAL_SV = "sv-fi", _("Bilingual, Swedish majority")


class Municipality(models.Model):
    """Kunta."""

    code = models.CharField(_("code"), max_length=3, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=100)
    name_sv = models.CharField(_("name (Swedish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("region")
    )
    wellbeing_county = models.ForeignKey(
        WellbeingCounty,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("wellbeing services county"),
    )
    subregion_code = models.CharField(_("sub-region code"), max_length=3)
    subregion_name = models.CharField(_("sub-region"), max_length=100)
    language_status = models.CharField(
        _("language status"), max_length=5, choices=LanguageStatus.choices
    )
    population = models.PositiveIntegerField(_("population"), default=0)

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return localized(self, "name")

    def get_absolute_url(self) -> str:
        return reverse("geography:municipality", args=[self.code])

    @property
    def needs_swedish(self) -> bool:
        """Public pages must exist in Swedish too (bilingual or Swedish-speaking)."""
        return self.language_status != LanguageStatus.FINNISH
