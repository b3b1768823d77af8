"""Registrations of seasonal allocation rounds: the annual cycle shows each round's application
window and its deadline."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.core.cycle import CycleItem
from kumppani.geography.models import Municipality
from kumppani.premises.selectors_rounds import open_rounds_between


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


def round_cycle_source(municipality: Municipality, start: dt.date, end: dt.date) -> list[CycleItem]:
    """Each public round's application window (from its opening) and its deadline; one query."""
    since, until = _day_start(start), _day_start(end + dt.timedelta(days=1))
    items = []
    for round in open_rounds_between(municipality, since, until):
        url = reverse("premises:round", args=[round.pk])
        if since <= round.applications_open_at < until:
            items.append(
                CycleItem(
                    uid=f"premises-round-open-{round.pk}@kumppani",
                    kind="premises_round",
                    title=_("Seasonal allocation applications: %(round)s") % {"round": round},
                    start=round.applications_open_at,
                    end=round.applications_close_at,
                    url=url,
                    description=_("Associations apply for weekly slots for the season."),
                )
            )
        if since <= round.applications_close_at < until:
            items.append(
                CycleItem(
                    uid=f"premises-round-close-{round.pk}@kumppani",
                    kind="premises_round_deadline",
                    title=_("Seasonal allocation deadline: %(round)s") % {"round": round},
                    start=round.applications_close_at,
                    url=url,
                    description=_("Slot requests must be in before this time."),
                )
            )
    return items


def register() -> None:
    from kumppani.core.cycle import register_cycle_source

    register_cycle_source(round_cycle_source)
