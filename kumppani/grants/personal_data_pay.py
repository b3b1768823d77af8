"""What grants keep about a person: the reviews they wrote, their recusals, and the applications
they created. Erasure keeps the applications (they are the association's) and the reviews (their
scores were part of a decision) but unlinks the person from them."""

from __future__ import annotations

from typing import Any

from kumppani.accounts.models import User
from kumppani.grants.models import (
    Answer,
    Application,
    ApplicationVersion,
    Attachment,
    Recusal,
    Review,
    UseReport,
)


def export(user: User) -> dict[str, Any]:
    return {
        "reviews": [
            {
                "application": review.application_id,
                "programme": str(review.application.programme),
                "comment": review.comment,
                "scores": {str(score.criterion): score.points for score in review.scores.all()},
                "created_at": review.created_at.isoformat(),
            }
            for review in Review.objects.filter(reviewer=user)
            .select_related("application__programme")
            .prefetch_related("scores__criterion")
            .order_by("id")
        ],
        "recusals": [
            {
                "application": recusal.application_id,
                "reason": recusal.reason,
                "note": recusal.note,
                "created_at": recusal.created_at.isoformat(),
            }
            for recusal in Recusal.objects.filter(user=user).order_by("id")
        ],
        "applications_created": [
            {
                "id": application.pk,
                "programme": str(application.programme),
                "association": application.association_id,
                "status": application.status,
                "contact_name": application.contact_name,
                "contact_email": application.contact_email,
                "contact_phone": application.contact_phone,
                "created_at": application.created_at.isoformat(),
            }
            for application in Application.objects.filter(created_by=user)
            .select_related("programme")
            .order_by("id")
        ],
    }


def erase(user: User) -> None:
    """Applications stay with the association without the person: their links to the account go,
    and so does the person's name, address and phone where they are the contact. Reviews stay,
    anonymised (no reviewer, no comment); recusals go with the account."""
    Application.objects.filter(created_by=user).update(created_by=None)
    if user.email:
        Application.objects.filter(contact_email__iexact=user.email).update(
            contact_name="", contact_email="", contact_phone=""
        )
    Answer.objects.filter(updated_by=user).update(updated_by=None)
    ApplicationVersion.objects.filter(created_by=user).update(created_by=None)
    Attachment.objects.filter(uploaded_by=user).update(uploaded_by=None)
    UseReport.objects.filter(submitted_by=user).update(submitted_by=None)
    Review.objects.filter(reviewer=user).update(reviewer=None, comment="")
