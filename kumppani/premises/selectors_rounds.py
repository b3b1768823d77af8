"""Reads of seasonal allocation rounds: lists, the demand grid and the proposal's totals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.dates import WEEKDAYS

from kumppani.accounts.access import AnyUser, roles_of
from kumppani.associations.models import Association
from kumppani.geography.models import Municipality
from kumppani.premises.access import manages_premises_in
from kumppani.premises.models import Allocation, AllocationRound, RoundStatus, SlotRequest, Space
from kumppani.premises.services.allocation import (
    Total,
    overlaps,
    slot_of,
    totals,
    tree_relations,
    wish_of,
)

PUBLIC_STATUSES = (RoundStatus.OPEN, RoundStatus.ALLOCATING, RoundStatus.CONFIRMED)


def rounds_of(municipality: Municipality) -> QuerySet[AllocationRound]:
    return (
        AllocationRound.objects.filter(municipality=municipality)
        .annotate(
            request_count=Count("requests", distinct=True),
            applicant_count=Count("requests__organisation", distinct=True),
        )
        .order_by("-season_starts", "-pk")
    )


def round_visible(round: AllocationRound, user: AnyUser) -> bool:
    """A draft round is known only to those who manage the municipality's premises."""
    return round.status in PUBLIC_STATUSES or manages_premises_in(user, round.municipality_id)


def represented(user: AnyUser) -> list[Association]:
    ids = roles_of(user).associations
    if not ids:
        return []
    return list(Association.objects.filter(pk__in=ids).order_by("name_fi", "pk"))


def requests_of(round: AllocationRound, association_ids: Any) -> list[SlotRequest]:
    rows = list(
        SlotRequest.objects.filter(round=round, organisation_id__in=association_ids)
        .select_related("space", "organisation")
        .prefetch_related("allocations__space")
        .order_by("organisation__name_fi", "priority", "pk")
    )
    for row in rows:
        row.weekday_label = WEEKDAYS[row.weekday]  # type: ignore[attr-defined]
        granted = list(row.allocations.all())
        row.granted = granted  # type: ignore[attr-defined]
        for allocation in granted:
            allocation.weekday_label = WEEKDAYS[allocation.weekday]  # type: ignore[attr-defined]
    return rows


@dataclass
class Entry:
    kind: str  # "request" or "allocation"
    item: Any
    association: Association
    starts: dt.time
    ends: dt.time
    priority: int | None = None
    conflict: bool = False
    granted: bool = False


@dataclass
class Row:
    space: Space
    cells: list[tuple[str, list[Entry]]] = field(default_factory=list)


@dataclass
class Demand:
    rows: list[Row]
    requests: list[SlotRequest]
    allocations: list[Allocation]
    totals: list[tuple[Association, Total]]
    unmet: list[SlotRequest]
    weekdays: list[str]


def demand(round: AllocationRound) -> Demand:
    """Every request and allocation of the round on a grid of spaces × weekdays; requests that
    overlap another request in the space tree are marked as conflicts. A constant number of
    queries."""
    spaces = list(round.spaces.order_by("name_fi", "pk"))
    requests = list(
        SlotRequest.objects.filter(round=round)
        .select_related("space", "organisation")
        .order_by("space__name_fi", "weekday", "starts", "priority", "pk")
    )
    allocations = list(
        Allocation.objects.filter(round=round)
        .select_related("space", "organisation", "request")
        .order_by("space__name_fi", "weekday", "starts", "pk")
    )
    related = tree_relations(round.municipality_id)
    wishes = [wish_of(r) for r in requests]
    granted_ids = {a.request_id for a in allocations if a.request_id}
    for request, wish in zip(requests, wishes, strict=True):
        request.weekday_label = WEEKDAYS[request.weekday]  # type: ignore[attr-defined]
        request.conflict = any(  # type: ignore[attr-defined]
            other.id != wish.id and overlaps(wish, other, related) for other in wishes
        )
        request.granted = request.pk in granted_ids  # type: ignore[attr-defined]
    for allocation in allocations:
        allocation.weekday_label = WEEKDAYS[allocation.weekday]  # type: ignore[attr-defined]
    rows = []
    for space in spaces:
        row = Row(space=space)
        for weekday in range(7):
            entries = [
                Entry(
                    kind="allocation",
                    item=a,
                    association=a.organisation,
                    starts=a.starts,
                    ends=a.ends,
                    granted=True,
                )
                for a in allocations
                if a.space_id == space.pk and a.weekday == weekday
            ] + [
                Entry(
                    kind="request",
                    item=r,
                    association=r.organisation,
                    starts=r.starts,
                    ends=r.ends,
                    priority=r.priority,
                    conflict=r.conflict,  # type: ignore[attr-defined]
                    granted=r.granted,  # type: ignore[attr-defined]
                )
                for r in requests
                if r.space_id == space.pk and r.weekday == weekday
            ]
            row.cells.append((str(WEEKDAYS[weekday]), entries))
        rows.append(row)
    associations = {r.organisation_id: r.organisation for r in requests}
    associations.update({a.organisation_id: a.organisation for a in allocations})
    by_applicant = totals(wishes, [slot_of(a) for a in allocations])
    return Demand(
        rows=rows,
        requests=requests,
        allocations=allocations,
        totals=[
            (associations[pk], total)
            for pk, total in sorted(
                by_applicant.items(), key=lambda item: associations[item[0]].name_fi
            )
        ],
        unmet=[r for r in requests if r.pk not in granted_ids],
        weekdays=[str(WEEKDAYS[d]) for d in range(7)],
    )


def open_rounds_between(
    municipality: Municipality, start: dt.datetime, end: dt.datetime
) -> list[AllocationRound]:
    """Public rounds whose application window opens or closes in [start, end); one query."""
    return list(
        AllocationRound.objects.filter(municipality=municipality, status__in=PUBLIC_STATUSES)
        .filter(
            Q(applications_open_at__gte=start, applications_open_at__lt=end)
            | Q(applications_close_at__gte=start, applications_close_at__lt=end)
        )
        .order_by("applications_open_at", "pk")
    )
