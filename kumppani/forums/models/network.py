"""The regional liaison network's shared materials."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD = 10 * 1024 * 1024
ALLOWED_EXTENSIONS = {".pdf", ".odt", ".docx", ".pptx"}


def material_path(instance: NetworkMaterial, filename: str) -> str:
    return f"forums/materials/{instance.region_id}/{Path(filename).name}"


class NetworkMaterial(models.Model):
    region = models.ForeignKey(
        "geography.Region", on_delete=models.CASCADE, related_name="network_materials"
    )
    forum = models.ForeignKey(
        "forums.Forum",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="materials",
        verbose_name=_("meeting"),
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(_("file"), upload_to=material_path, blank=True, max_length=300)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("shared material")
        verbose_name_plural = _("shared materials")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if not self.url and not self.file:
            raise ValidationError(_("Give a link or attach a file."))
