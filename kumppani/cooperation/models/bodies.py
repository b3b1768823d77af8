"""Bodies where associations sit: advisory councils, management and wellbeing groups, ..."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kumppani.core.i18n import localized
from kumppani.core.limits import limited_text


class BodyKind(models.TextChoices):
    ADVISORY_COUNCIL = "advisory_council", _("Advisory council")
    EXTENDED_MANAGEMENT_GROUP = "extended_management_group", _("Extended management group")
    WELLBEING_GROUP = "wellbeing_group", _("Wellbeing group")
    WORKING_GROUP = "working_group", _("Working group")
    OTHER = "other", _("Other body")


class Body(models.Model):
    municipality = models.ForeignKey(
        "geography.Municipality",
        on_delete=models.CASCADE,
        related_name="cooperation_bodies",
        verbose_name=_("municipality"),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=BodyKind.choices)
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    description_fi = limited_text(_("description in Finnish"), blank=True)
    description_sv = limited_text(_("description in Swedish"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name_fi", "id"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")

    def __str__(self) -> str:
        return localized(self, "name")

    def get_absolute_url(self) -> str:
        return reverse("cooperation:body", args=[self.pk])


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    MEMBER = "member", _("Member")


class BodyMember(models.Model):
    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="members", verbose_name=_("body")
    )
    person_name = models.CharField(_("name"), max_length=150)
    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="body_memberships",
        verbose_name=_("association represented"),
    )
    field = models.CharField(_("field or sector"), max_length=150, blank=True)
    unit = models.CharField(_("municipal unit"), max_length=150, blank=True)
    role = models.CharField(
        _("role"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    term_start = models.DateField(_("term starts"), null=True, blank=True)
    term_end = models.DateField(_("term ends"), null=True, blank=True)

    class Meta:
        ordering = ["role", "person_name", "id"]
        verbose_name = _("body member")
        verbose_name_plural = _("body members")

    def __str__(self) -> str:
        return self.person_name

    def clean(self) -> None:
        if self.term_start and self.term_end and self.term_end < self.term_start:
            raise ValidationError({"term_end": _("The term cannot end before it starts.")})
