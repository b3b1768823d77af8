"""Reads for geography."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from kumppani.geography.models import Municipality


def municipalities_with_counts() -> QuerySet[Municipality]:
    return (
        Municipality.objects.select_related("region", "wellbeing_county")
        .annotate(association_count=Count("associations", filter=Q(associations__is_active=True)))
        .order_by("name_fi")
    )
