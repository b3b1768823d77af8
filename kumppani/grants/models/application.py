"""Applications: one per association and programme, answered per question, versioned on every save.

Every save bumps ``Application.version`` and stores an immutable :class:`ApplicationVersion` with
the whole content and its SHA-256; a save based on a stale version is refused (HTTP 409 in the
API). Answers are one row per question, so two representatives saving different questions both
keep their work (the form sends a fingerprint of each shown value, as in surveys).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kumppani.core.limits import limited_text


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    REOPENED = "reopened", _("Reopened for changes")
    DECIDED = "decided", _("Decided")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Application(models.Model):
    programme = models.ForeignKey(
        "grants.Programme",
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("programme"),
    )
    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.CASCADE,
        related_name="grant_applications",
        verbose_name=_("association"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    # Filled from the association's profile when the draft is created; the applicant may edit.
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    iban = models.CharField(_("bank account (IBAN)"), max_length=34, blank=True)
    purpose = limited_text(_("purpose of the grant"), blank=True)
    amount_eur = models.DecimalField(
        _("amount applied for (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    # The welfare plan themes the applicant says its work serves (for bonus criteria).
    welfare_themes = models.ManyToManyField(
        "welfare.Theme", blank=True, related_name="grant_applications", verbose_name=_("themes")
    )
    # The language the applicant uses: receipts and the decision letter are in it.
    language = models.CharField(_("language"), max_length=2, default="fi")
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_version = models.PositiveIntegerField(null=True, blank=True)
    submitted_sha256 = models.CharField(max_length=64, blank=True)
    # An officer reopened the application after the deadline: changes allowed until this time.
    reopened_until = models.DateTimeField(_("reopened until"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["programme", "id"]
        verbose_name = _("grant application")
        verbose_name_plural = _("grant applications")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "association"],
                condition=~Q(status="withdrawn"),
                name="one_grant_application_per_association",
                violation_error_message=_(
                    "The association already has an application in this programme."
                ),
            ),
            models.CheckConstraint(
                condition=Q(amount_eur__isnull=True) | Q(amount_eur__gte=0),
                name="grant_application_amount_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["association", "status"]),
            models.Index(fields=["programme", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.association} – {self.programme}"

    def get_absolute_url(self) -> str:
        return reverse("grants:application", args=[self.pk])


class Answer(models.Model):
    """The answer to one question of the form: text, a number, "yes"/"no", or choice indexes."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="answers", verbose_name=_("application")
    )
    question = models.ForeignKey(
        "grants.Question", on_delete=models.CASCADE, related_name="answers"
    )
    value = models.JSONField(_("answer"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "question"], name="one_grant_answer_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id}/{self.question_id}"


class ApplicationVersion(models.Model):
    """An immutable copy of an application as saved: ``content`` is canonical JSON text and
    ``sha256`` its hash, so a receipt can be checked against it byte for byte."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    content = models.TextField(_("content"))
    sha256 = models.CharField(max_length=64)
    submitted = models.BooleanField(_("submitted"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application", "number"]
        verbose_name = _("application version")
        verbose_name_plural = _("application versions")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "number"], name="unique_grant_application_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id} v{self.number}"


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"grants/{instance.application_id}/{filename}"


class Attachment(models.Model):
    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("application"),
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_path)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title


class Reopening(models.Model):
    """An officer reopened a submitted application after the deadline, with a reason."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="reopenings"
    )
    reason = limited_text(_("reason"))
    until = models.DateTimeField(_("open for changes until"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application", "at"]
        verbose_name = _("reopening")
        verbose_name_plural = _("reopenings")

    def __str__(self) -> str:
        return f"{self.application_id} {self.at:%Y-%m-%d}"
