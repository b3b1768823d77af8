"""Reads for geography."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from kumppani.geography.models import Municipality


def municipalities_with_counts() -> QuerySet[Municipality]:
    return (
        Municipality.objects.select_related("region", "wellbeing_county")
        .annotate(association_count=Count("associations", filter=Q(associations__is_active=True)))
        .order_by("name_fi")
    )


def municipality_or_404(code: str) -> Municipality:
    """The municipality with statistical code ``code``, or ``Http404`` (a JSON 404 in the API)."""
    return get_object_or_404(
        Municipality.objects.select_related("region", "wellbeing_county"), code=code
    )
