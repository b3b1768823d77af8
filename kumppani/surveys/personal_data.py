"""What the surveys app keeps about a person: the answers they sent or saved, and the personal
invitations sent to their address."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from kumppani.accounts.models import User
from kumppani.surveys.models import Answer, Invitation, Response


def _answer_value(answer: Answer) -> Any:
    if answer.number is not None:
        return str(answer.number)
    if answer.yes is not None:
        return answer.yes
    chosen = [str(s.choice) for s in answer.selected.all()]
    proposals = [p.text for p in answer.proposals.all()]
    return chosen or proposals or answer.text


def export(user: User) -> dict[str, Any]:
    responses = (
        Response.objects.filter(Q(submitted_by=user) | Q(answers__updated_by=user))
        .distinct()
        .select_related("survey", "invitation")
        .prefetch_related("answers__question", "answers__selected__choice", "answers__proposals")
        .order_by("id")
    )
    return {
        "survey_answers": [
            {
                "survey": str(r.survey),
                "answered_as": r.invitation.display_name,
                "status": r.status,
                "submitted_at": r.submitted_at.isoformat() if r.submitted_at else None,
                "answers": [
                    {"question": str(a.question), "answer": _answer_value(a)}
                    for a in r.answers.all()
                ],
            }
            for r in responses
        ],
        "survey_invitations": [
            {"survey": str(i.survey), "name": i.name, "email": i.email}
            for i in Invitation.objects.filter(email__iexact=user.email).select_related("survey")
        ],
    }


def erase(user: User) -> None:
    """Answers belong to the invited party (often an association) and stay in the results; the
    person's name and address leave the invitations made personally to them, and the links to
    the account go with it (SET_NULL)."""
    Invitation.objects.filter(email__iexact=user.email, association__isnull=True).update(
        name="", email=""
    )
