"""Reviews: scores per criterion, and conflict-of-interest recusals."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kumppani.core.limits import limited_text


class RecusalReason(models.TextChoices):
    REPRESENTATIVE = "representative", _("Represents the applicant")
    BOARD = "board", _("Sits on the applicant's board")
    DECLARED = "declared", _("Declared a conflict of interest")


class Recusal(models.Model):
    """A reviewer who may not review one application (esteellisyys). Automatic recusals are made
    when the application is submitted or the reviewer is added; others are declared."""

    application = models.ForeignKey(
        "grants.Application", on_delete=models.CASCADE, related_name="recusals"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grant_recusals"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=RecusalReason.choices)
    note = limited_text(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("recusal")
        verbose_name_plural = _("recusals")
        constraints = [
            models.UniqueConstraint(fields=["application", "user"], name="unique_grant_recusal")
        ]

    def __str__(self) -> str:
        return f"{self.application_id}/{self.user_id}: {self.reason}"


class Review(models.Model):
    application = models.ForeignKey(
        "grants.Application", on_delete=models.CASCADE, related_name="reviews"
    )
    # Empty when the reviewer's account was erased: the scores stay (they were part of the
    # decision) but no longer name the person.
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="grant_reviews",
    )
    comment = limited_text(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["application", "created_at"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="one_grant_review_per_reviewer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id}/{self.reviewer_id}"


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        "grants.Criterion", on_delete=models.CASCADE, related_name="scores"
    )
    points = models.PositiveSmallIntegerField(_("points"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="one_grant_score")
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.points}"
