"""Reviews of grant applications through the API (a reviewer's token)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from pydantic import Field

from kumppani.api.auth import token_auth
from kumppani.core.limits import SHORT_TEXT
from kumppani.grants import access
from kumppani.grants.models import Application, Review
from kumppani.grants.services.reviews import review_save

router = Router()


class ReviewIn(Schema):
    scores: dict[str, int] = Field(description="Points by criterion id: {criterion_id: points}")
    comment: str = Field(default="", max_length=SHORT_TEXT)


class ReviewOut(Schema):
    id: int
    application: int
    reviewer: str
    scores: dict[str, int]
    comment: str
    updated_at: str

    @staticmethod
    def resolve_application(r: Review) -> int:
        return r.application_id

    @staticmethod
    def resolve_reviewer(r: Review) -> str:
        return r.reviewer.email if r.reviewer else ""

    @staticmethod
    def resolve_scores(r: Review) -> dict[str, int]:
        return {str(s.criterion_id): s.points for s in r.scores.all()}

    @staticmethod
    def resolve_updated_at(r: Review) -> str:
        return r.updated_at.isoformat()


@router.post(
    "/grant-applications/{id}/reviews",
    response={201: ReviewOut},
    auth=token_auth,
    summary="Score a submitted application (a reviewer who is not recused)",
)
def review_create(request: HttpRequest, id: int, payload: ReviewIn) -> tuple[int, Any]:
    application = get_object_or_404(
        Application.objects.select_related("programme__municipality"), pk=id
    )
    user = request.auth  # type: ignore[attr-defined]
    if not access.is_reviewer(user, application.programme):
        raise PermissionDenied
    review = review_save(
        application=application,
        reviewer=user,
        scores=payload.scores,
        comment=payload.comment,
    )
    return 201, Review.objects.select_related("reviewer").prefetch_related("scores").get(
        pk=review.pk
    )
