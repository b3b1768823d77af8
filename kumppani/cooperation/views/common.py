from __future__ import annotations

from django.shortcuts import get_object_or_404

from kumppani.geography.models import Municipality


def municipality_or_404(code: str) -> Municipality:
    return get_object_or_404(Municipality.objects.select_related("region"), code=code)
