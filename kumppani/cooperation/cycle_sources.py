"""This app's sources for the annual cycle: hand-made entries, agreement ends, term ends."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from kumppani.cooperation.models import BodyMember, CycleEntry, PartnershipAgreement
from kumppani.core.cycle import CycleItem
from kumppani.core.i18n import localized
from kumppani.geography.models import Municipality


def manual_entries(municipality: Municipality, start: dt.date, end: dt.date) -> list[CycleItem]:
    items = []
    for entry in CycleEntry.objects.filter(municipality=municipality):
        for first, last in entry.occurrences(start, end):
            items.append(
                CycleItem(
                    uid=f"cycle-entry-{entry.pk}-{first.year}@kumppani",
                    kind="manual",
                    title=localized(entry, "title"),
                    start=first,
                    end=last,
                    description=entry.description,
                )
            )
    return items


def agreement_ends(municipality: Municipality, start: dt.date, end: dt.date) -> list[CycleItem]:
    agreements = PartnershipAgreement.objects.filter(
        municipality=municipality, is_public=True, end__gte=start, end__lte=end
    ).select_related("association")
    return [
        CycleItem(
            uid=f"agreement-end-{a.pk}@kumppani",
            kind="agreement_expiry",
            title=_("Partnership agreement ends: %(title)s (%(association)s)")
            % {"title": a.title, "association": a.association},
            start=a.end,  # type: ignore[arg-type]
            url=reverse("cooperation:agreement", args=[a.pk]),
        )
        for a in agreements
    ]


def term_ends(municipality: Municipality, start: dt.date, end: dt.date) -> list[CycleItem]:
    """One item per body and date on which members' terms end."""
    members = (
        BodyMember.objects.filter(
            body__municipality=municipality, term_end__gte=start, term_end__lte=end
        )
        .select_related("body")
        .order_by("term_end", "body_id", "person_name")
    )
    grouped: dict[tuple[int, dt.date], list[BodyMember]] = {}
    for member in members:
        grouped.setdefault((member.body_id, member.term_end), []).append(member)  # type: ignore[arg-type]
    return [
        CycleItem(
            uid=f"term-end-{body_id}-{day.isoformat()}@kumppani",
            kind="term_end",
            title=_("Term ends in %(body)s: %(names)s")
            % {"body": group[0].body, "names": ", ".join(m.person_name for m in group)},
            start=day,
            url=reverse("cooperation:body", args=[body_id]),
        )
        for (body_id, day), group in grouped.items()
    ]


SOURCES = (manual_entries, agreement_ends, term_ends)
