"""Invitations, registrations and attendance."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class InvitationBatch(models.Model):
    """One "invite all associations" action; the emails go out in the background."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    forum = models.ForeignKey(
        "forums.Forum", on_delete=models.CASCADE, related_name="invitation_batches"
    )
    categories = models.ManyToManyField(
        "associations.Category", blank=True, related_name="+", verbose_name=_("categories")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    association_count = models.PositiveIntegerField(null=True, blank=True)
    recipient_count = models.PositiveIntegerField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=8, default="fi")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation batch")
        verbose_name_plural = _("invitation batches")

    def __str__(self) -> str:
        return f"{self.forum} #{self.pk}"


class InvitationDelivery(models.Model):
    """One email of a batch: one per person, however many associations they represent."""

    batch = models.ForeignKey(InvitationBatch, on_delete=models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["batch", "user"], name="one_invitation_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.batch_id} → {self.user_id}"


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)


class Registration(models.Model):
    forum = models.ForeignKey(
        "forums.Forum", on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="forum_registrations",
        verbose_name=_("registered by"),
    )
    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="forum_registrations",
        verbose_name=_("association"),
    )
    participants = models.PositiveSmallIntegerField(
        _("number of participants"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    dietary_needs = models.CharField(_("dietary needs"), max_length=500, blank=True)
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "association"],
                condition=Q(association__isnull=False) & Q(status__in=["confirmed", "waiting"]),
                name="one_active_registration_per_association",
            ),
            models.UniqueConstraint(
                fields=["forum", "user"],
                condition=Q(association__isnull=True) & Q(status__in=["confirmed", "waiting"]),
                name="one_active_personal_registration",
            ),
        ]
        indexes = [models.Index(fields=["forum", "status"])]

    def __str__(self) -> str:
        return f"{self.association or self.user} → {self.forum}"


class Attendance(models.Model):
    """An association that came to a held forum."""

    forum = models.ForeignKey("forums.Forum", on_delete=models.CASCADE, related_name="attendance")
    association = models.ForeignKey(
        "associations.Association", on_delete=models.CASCADE, related_name="forum_attendance"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["forum", "association"], name="unique_attendance")
        ]

    def __str__(self) -> str:
        return f"{self.association_id} @ {self.forum_id}"


class WalkIn(models.Model):
    """Someone who came to a held forum without registering; counted in the attendance."""

    forum = models.ForeignKey("forums.Forum", on_delete=models.CASCADE, related_name="walk_ins")
    name = models.CharField(_("name"), max_length=200)
    association_name = models.CharField(
        _("association"),
        max_length=200,
        blank=True,
        help_text=_("Optional: the association the person represented."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("walk-in participant")

    def __str__(self) -> str:
        return self.name
