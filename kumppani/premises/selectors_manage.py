"""Reads of premises management: the municipality's tree, price list and approval queue."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.urls import NoReverseMatch, reverse

from kumppani.geography.models import Municipality
from kumppani.premises.models import (
    Booking,
    BookingStatus,
    OpeningHours,
    PriceRule,
    Space,
    UsagePrinciples,
)
from kumppani.premises.selectors_tree import walk


@dataclass
class TreeRow:
    depth: int
    space: Space

    @property
    def steps(self) -> range:
        """One step of indentation per level below the first space inside a building."""
        return range(max(self.depth - 1, 0))


def space_rows(municipality_id: int, *, public: bool = False) -> list[TreeRow]:
    """The municipality's spaces depth-first (building, then what is inside it); one query.
    ``public``: only spaces available to associations (and what holds them, for context)."""
    spaces = Space.objects.filter(municipality_id=municipality_id).annotate(
        photo_count=Count("photos", distinct=True),
        hours_count=Count("opening_hours", distinct=True),
    )
    tree: dict[int | None, list[Space]] = {}
    for space in spaces.order_by("name_fi", "pk"):
        tree.setdefault(space.parent_id, []).append(space)
    rows = [TreeRow(depth, space) for depth, space in walk(tree)]
    if public:
        rows = [row for row in rows if row.space.for_associations]
    return rows


def principles_of(municipality: Municipality) -> UsagePrinciples | None:
    return UsagePrinciples.objects.filter(municipality=municipality).first()


def price_rules_of(municipality: Municipality) -> QuerySet[PriceRule]:
    return (
        PriceRule.objects.filter(municipality=municipality)
        .select_related("space")
        .order_by("customer_type", "space__name_fi", "weekdays", "time_from", "season_from", "id")
    )


def pending_bookings(municipality: Municipality) -> QuerySet[Booking]:
    return (
        Booking.objects.filter(space__municipality=municipality, status=BookingStatus.PENDING)
        .select_related("space", "organisation", "booked_by", "series")
        .order_by("starts_at", "id")
    )


def pending_counts(municipality_ids: list[int]) -> dict[int, int]:
    """Bookings awaiting approval per municipality; one query."""
    rows = (
        Booking.objects.filter(
            space__municipality_id__in=municipality_ids, status=BookingStatus.PENDING
        )
        .values("space__municipality_id")
        .annotate(n=Count("id"))
    )
    return {row["space__municipality_id"]: row["n"] for row in rows}


def hours_of(space: Space) -> dict[int, OpeningHours]:
    return {row.weekday: row for row in space.opening_hours.all()}


def public_spaces() -> QuerySet[Space]:
    """Spaces shown to associations (the API's public list)."""
    return (
        Space.objects.filter(for_associations=True)
        .select_related("municipality")
        .order_by("municipality__code", "name_fi", "id")
    )


def spaces_for_choice(municipality: Municipality) -> QuerySet[Space]:
    return Space.objects.filter(municipality=municipality).order_by("name_fi", "id")


def public_page_url(municipality: Municipality) -> str:
    """The public premises page of the municipality, when that page exists."""
    try:
        return reverse("premises:municipality", kwargs={"code": municipality.code})
    except NoReverseMatch:
        return ""
