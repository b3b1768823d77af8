"""Registrations of programme management: the annual cycle and the guide's "grants" section."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kumppani.core.cycle import CycleItem
from kumppani.geography.models import Municipality
from kumppani.grants.api.programmes import programme_url
from kumppani.grants.models import Criterion, Programme

# How long a closed programme stays in the guide (its criteria still explain last decisions).
GUIDE_KEEPS_CLOSED_DAYS = 365


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def programmes_between(
    municipality: Municipality, start: dt.date, end: dt.date
) -> QuerySet[Programme]:
    """Published programmes of the municipality that open or close between start and end."""
    since, until = _day_start(start), _day_start(end + dt.timedelta(days=1))
    return Programme.objects.filter(municipality=municipality, published=True).filter(
        Q(opens_at__gte=since, opens_at__lt=until) | Q(closes_at__gte=since, closes_at__lt=until)
    )


def grant_cycle_source(municipality: Municipality, start: dt.date, end: dt.date) -> list[CycleItem]:
    """Each published programme's opening (its application period) and its deadline; one query."""
    since, until = _day_start(start), _day_start(end + dt.timedelta(days=1))
    items = []
    for programme in programmes_between(municipality, start, end):
        url = programme_url(programme)
        if since <= programme.opens_at < until:
            items.append(
                CycleItem(
                    uid=f"grant-open-{programme.pk}@kumppani",
                    kind="grant_period",
                    title=_("Grant application period: %(title)s") % {"title": programme},
                    start=programme.opens_at,
                    end=programme.closes_at,
                    url=url,
                    description=_("%(branch)s: %(kind)s")
                    % {
                        "branch": programme.get_branch_display(),
                        "kind": programme.get_kind_display(),
                    },
                )
            )
        if since <= programme.closes_at < until:
            items.append(
                CycleItem(
                    uid=f"grant-close-{programme.pk}@kumppani",
                    kind="grant_deadline",
                    title=_("Grant deadline: %(title)s") % {"title": programme},
                    start=programme.closes_at,
                    url=url,
                    description=_("Applications must be submitted before this time."),
                )
            )
    return items


def guide_programmes(municipality: Municipality) -> list[Programme]:
    """Open, upcoming and recently closed programmes with their criteria; two queries."""
    since = timezone.now() - dt.timedelta(days=GUIDE_KEEPS_CLOSED_DAYS)
    criteria = Criterion.objects.select_related("welfare_theme").order_by("order", "id")
    return list(
        Programme.objects.filter(municipality=municipality, published=True, closes_at__gte=since)
        .prefetch_related(Prefetch("criteria", queryset=criteria))
        .order_by("opens_at", "id")
    )


def guide_grants(municipality: Municipality, language: str) -> SafeString:
    """The live part of the guide's section "Grants and their criteria"."""
    with translation.override(language):
        programmes = guide_programmes(municipality)
        for programme in programmes:
            programme.public_url = programme_url(programme)  # type: ignore[attr-defined]
        html = render_to_string(
            "grants/manage/guide_live.html",
            {"programmes": programmes, "municipality": municipality, "now": timezone.now()},
        )
    return mark_safe(html)  # rendered by an autoescaping template


def register() -> None:
    from kumppani.core.cycle import register_cycle_source
    from kumppani.core.guide_live import register_guide_live

    register_cycle_source(grant_cycle_source)
    register_guide_live("grants", guide_grants)
