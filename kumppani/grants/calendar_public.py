"""A municipality's grant deadlines as one iCalendar feed (the icalendar package, as the forums'
and the annual cycle's feeds)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from kumppani.core.i18n import localized
from kumppani.core.money import euros
from kumppani.geography.models import Municipality
from kumppani.grants.models import Programme
from kumppani.grants.selectors_public import deadline_programmes


def _description(programme: Programme) -> str:
    return _("%(branch)s · %(kind)s · budget %(budget)s") % {
        "branch": programme.get_branch_display(),
        "kind": programme.get_kind_display(),
        "budget": euros(programme.budget_eur),
    }


def deadlines_ics(*, municipality: Municipality, site_root: str) -> bytes:
    """Each published programme's opening and deadline, from a year back onwards: two events
    a programme, each at its moment (no end: RFC 5545 makes it end when it starts)."""
    now = timezone.now()
    calendar = Calendar()
    calendar.add("prodid", "-//Kumppani//grants//FI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add(
        "x-wr-calname",
        _("Grant deadlines – %(municipality)s") % {"municipality": localized(municipality, "name")},
    )
    for programme in deadline_programmes(municipality, now=now):
        title = str(programme)
        url = site_root + programme.get_absolute_url()
        for moment, summary, key in (
            (programme.opens_at, _("Grant application opens: %(title)s"), "opens"),
            (programme.closes_at, _("Grant application deadline: %(title)s"), "closes"),
        ):
            event = Event()
            event.add("uid", f"grant-programme-{programme.pk}-{key}@kumppani")
            event.add("dtstamp", now)
            event.add("dtstart", moment)
            event.add("summary", summary % {"title": title})
            event.add("description", _description(programme))
            event.add("url", url)
            event.add("categories", ["grant"])
            calendar.add_component(event)
    return bytes(calendar.to_ical())
