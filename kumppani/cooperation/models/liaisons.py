"""Liaisons (järjestöyhdyshenkilö) and the volunteer association agents paired with them."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kumppani.core.i18n import FALLBACK_ORDER, localized
from kumppani.core.limits import limited_text


class Liaison(models.Model):
    municipality = models.ForeignKey(
        "geography.Municipality",
        on_delete=models.CASCADE,
        related_name="liaisons",
        verbose_name=_("municipality"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="liaison_profiles",
        verbose_name=_("user account"),
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    unit = models.CharField(_("municipal unit"), max_length=200, blank=True)
    hours_per_month = models.PositiveSmallIntegerField(
        _("hours per month for association cooperation"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(300)],
    )
    role_description_fi = limited_text(_("role description in Finnish"), blank=True)
    role_description_sv = limited_text(_("role description in Swedish"), blank=True)
    role_description_en = limited_text(_("role description in English"), blank=True)
    named_on = models.DateField(
        _("named on"),
        null=True,
        blank=True,
        help_text=_("When the municipality named this person its liaison."),
    )
    is_public = models.BooleanField(_("shown publicly"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "name", "id"]
        verbose_name = _("liaison")
        verbose_name_plural = _("liaisons")
        indexes = [models.Index(fields=["municipality", "is_public"])]

    def __str__(self) -> str:
        return self.name

    @property
    def role_description(self) -> str:
        return localized(self, "role_description")

    @property
    def role_description_language(self) -> str:
        """The language of the text ``role_description`` shows (for the lang attribute)."""
        wanted = (get_language() or "fi")[:2]
        for code in (wanted, *FALLBACK_ORDER):
            if getattr(self, f"role_description_{code}", ""):
                return code
        return wanted


class AgentPairing(models.Model):
    """A volunteer association agent (yhdistysagentti) working in a pair with a liaison."""

    liaison = models.ForeignKey(
        Liaison, on_delete=models.CASCADE, related_name="agents", verbose_name=_("liaison")
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agent_pairings",
        verbose_name=_("agent's user account"),
    )
    agent_name = models.CharField(_("agent's name"), max_length=150)
    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agent_pairings",
        verbose_name=_("association"),
    )
    since = models.DateField(_("since"), null=True, blank=True)

    class Meta:
        ordering = ["agent_name", "id"]
        verbose_name = _("association agent")
        verbose_name_plural = _("association agents")

    def __str__(self) -> str:
        return f"{self.agent_name} – {self.liaison}"
