"""iCalendar for forums (the icalendar package)."""

from __future__ import annotations

from django.utils import timezone
from icalendar import Calendar, Event

from kumppani.core.i18n import localized
from kumppani.forums.models import Forum, ForumStatus


def forum_event(forum: Forum, *, site_root: str) -> Event:
    event = Event()
    event.add("uid", f"forum-{forum.pk}@kumppani")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", forum.start)
    event.add("dtend", forum.end)
    event.add("summary", localized(forum, "title"))
    event.add("location", forum.place)
    event.add("url", site_root + forum.get_absolute_url())
    description = localized(forum, "description")
    if description:
        event.add("description", description)
    if forum.status == ForumStatus.CANCELLED:
        event.add("status", "CANCELLED")
    return event


def forum_calendar(forum: Forum, *, site_root: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Kumppani//forums//FI")
    calendar.add("version", "2.0")
    calendar.add_component(forum_event(forum, site_root=site_root))
    return calendar.to_ical()
