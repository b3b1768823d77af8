"""Cooperation plans: a workshop's concrete outcome, with steps and an implementation team."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kumppani.core.limits import LONG_TEXT, limited_text


class PlanStatus(models.TextChoices):
    ACTIVE = "active", _("In progress")
    DONE = "done", _("Completed")
    PAUSED = "paused", _("Paused")


class StepStatus(models.TextChoices):
    PLANNED = "planned", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class CooperationPlan(models.Model):
    forum = models.ForeignKey(
        "forums.Forum", on_delete=models.CASCADE, related_name="plans", verbose_name=_("forum")
    )
    title = models.CharField(_("title"), max_length=200)
    goal = limited_text(_("goal"))
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.ACTIVE
    )
    follow_up = limited_text(_("status follow-up"), blank=True, limit=LONG_TEXT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("cooperation plan")
        verbose_name_plural = _("cooperation plans")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forums:plan", args=[self.pk])


class PlanStep(models.Model):
    plan = models.ForeignKey(CooperationPlan, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(_("step"), max_length=300)
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=12, choices=StepStatus.choices, default=StepStatus.PLANNED
    )

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self) -> str:
        return self.title


class TeamMember(models.Model):
    plan = models.ForeignKey(CooperationPlan, on_delete=models.CASCADE, related_name="team")
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email address"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("association"),
    )
    unit = models.CharField(_("municipal unit"), max_length=150, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")

    def __str__(self) -> str:
        return self.name


class StepReminder(models.Model):
    """A reminder sent to the team before a step's deadline (at most once per deadline)."""

    step = models.ForeignKey(PlanStep, on_delete=models.CASCADE, related_name="reminders")
    deadline = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["step", "deadline"], name="one_reminder_per_deadline")
        ]

    def __str__(self) -> str:
        return f"{self.step} ({self.deadline})"
