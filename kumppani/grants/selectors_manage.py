"""Reads of programme management: the programmes the cycle, the guide and the API list show."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet
from django.urls import NoReverseMatch
from django.utils import timezone

from kumppani.geography.models import Municipality
from kumppani.grants.models import Criterion, Programme

# How long a closed programme stays in the guide (its criteria still explain last decisions).
GUIDE_KEEPS_CLOSED_DAYS = 365


def programme_url(programme: Programme) -> str:
    """The programme's public page (empty while the public pages are not installed)."""
    try:
        return programme.get_absolute_url()
    except NoReverseMatch:
        return ""


def day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def programmes_between(
    municipality: Municipality, start: dt.date, end: dt.date
) -> QuerySet[Programme]:
    """Published programmes of the municipality that open or close between start and end."""
    since, until = day_start(start), day_start(end + dt.timedelta(days=1))
    return Programme.objects.filter(municipality=municipality, published=True).filter(
        Q(opens_at__gte=since, opens_at__lt=until) | Q(closes_at__gte=since, closes_at__lt=until)
    )


def guide_programmes(municipality: Municipality) -> list[Programme]:
    """Open, upcoming and recently closed programmes with their criteria; two queries."""
    since = timezone.now() - dt.timedelta(days=GUIDE_KEEPS_CLOSED_DAYS)
    criteria = Criterion.objects.select_related("welfare_theme").order_by("order", "id")
    return list(
        Programme.objects.filter(municipality=municipality, published=True, closes_at__gte=since)
        .prefetch_related(Prefetch("criteria", queryset=criteria))
        .order_by("opens_at", "id")
    )


def programmes_with_parts() -> QuerySet[Programme]:
    return Programme.objects.select_related("municipality").prefetch_related(
        "criteria", "questions"
    )


def programmes_listed() -> QuerySet[Programme]:
    """Published programmes with their criteria and questions (the API's list)."""
    return programmes_with_parts().filter(published=True).order_by("closes_at", "id")
