"""Partnership agreements (kumppanuussopimus) between a municipality and an association."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.translation import gettext_lazy as _

from kumppani.core.limits import LONG_TEXT, limited_text
from kumppani.core.uploads import (
    ARCHIVE_TOO_LARGE,
    archive_too_large,
    content_matches_extension,
    extension_of,
)

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
ATTACHMENT_EXTENSIONS = {".pdf", ".odt", ".docx"}


def validate_attachment(file: UploadedFile) -> None:
    if extension_of(file) not in ATTACHMENT_EXTENSIONS:
        raise ValidationError(_("Attach a PDF, ODT or DOCX file."), code="file_type")
    if file.size is not None and file.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(_("The file is larger than 5 MB."), code="file_size")
    if archive_too_large(file):
        raise ValidationError(ARCHIVE_TOO_LARGE, code="file_content")
    if not content_matches_extension(file):
        raise ValidationError(
            _("The file's content does not match its type (PDF, ODT or DOCX)."),
            code="file_content",
        )


class PartnershipAgreement(models.Model):
    municipality = models.ForeignKey(
        "geography.Municipality",
        on_delete=models.CASCADE,
        related_name="partnership_agreements",
        verbose_name=_("municipality"),
    )
    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.PROTECT,
        related_name="partnership_agreements",
        verbose_name=_("association"),
    )
    title = models.CharField(_("title"), max_length=200)
    scope = limited_text(_("scope"), blank=True, limit=LONG_TEXT)
    start = models.DateField(_("start date"))
    end = models.DateField(_("end date"), null=True, blank=True)
    obligations_municipality = limited_text(
        _("obligations of the municipality"), blank=True, limit=LONG_TEXT
    )
    obligations_association = limited_text(
        _("obligations of the association"), blank=True, limit=LONG_TEXT
    )
    attachment = models.FileField(
        _("attachment"),
        upload_to="cooperation/agreements/%Y/",
        blank=True,
        validators=[validate_attachment],
        help_text=_("PDF, ODT or DOCX, at most 5 MB."),
    )
    is_public = models.BooleanField(_("shown publicly"), default=True)
    reminded_60_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminded_14_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start", "id"]
        verbose_name = _("partnership agreement")
        verbose_name_plural = _("partnership agreements")
        indexes = [models.Index(fields=["municipality", "end"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The agreement cannot end before it starts.")})
