"""Reads for the association registry."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Prefetch, Q, QuerySet

from kumppani.accounts.models import Role, RoleAssignment
from kumppani.associations.models import (
    Association,
    RepresentationRequest,
    RepresentativeInvitation,
)
from kumppani.associations.search import count_matches, ranked_ids, search


@dataclass(frozen=True)
class DirectoryFilter:
    q: str = ""
    municipality: str = ""  # code
    region: str = ""  # code
    county: str = ""  # code
    category: str = ""  # slug
    language: str = ""  # code


def _filtered(filters: DirectoryFilter) -> QuerySet[Association]:
    """Active associations matching the filters (no search words, no ordering).

    An association counts for a municipality when it is at home or active there: the ids of both
    are one UNION, so each side uses its index (an OR of the two made PostgreSQL read the whole
    table).
    """
    qs = Association.objects.filter(is_active=True)
    if filters.municipality:
        at_home = Association.objects.filter(home_municipality__code=filters.municipality)
        active_there = Association.active_municipalities.through.objects.filter(
            municipality__code=filters.municipality
        )
        qs = qs.filter(
            pk__in=at_home.order_by()
            .values("pk")
            .union(active_there.order_by().values("association_id"))
        )
    if filters.region:
        qs = qs.filter(home_municipality__region__code=filters.region)
    if filters.county:
        qs = qs.filter(home_municipality__wellbeing_county__code=filters.county)
    if filters.category:
        qs = qs.filter(
            pk__in=Association.categories.through.objects.filter(
                category__slug=filters.category
            ).values("association_id")
        )
    if filters.language:
        qs = qs.filter(
            pk__in=Association.languages.through.objects.filter(
                activitylanguage__code=filters.language
            ).values("association_id")
        )
    return qs


def association_directory(*, filters: DirectoryFilter) -> QuerySet[Association]:
    """Active associations matching the filters; ranked by relevance when a query is given.

    An association counts for a municipality when it is at home or active there.
    """
    qs = _filtered(filters).select_related("home_municipality").prefetch_related("categories")
    if filters.q.strip():
        return search(qs, filters.q)
    return qs.order_by("name_fi", "id")


# Columns the directory page shows (the 1 kB search vector and contact details stay behind).
LISTING_FIELDS = (
    "name_fi",
    "name_sv",
    "purpose_fi",
    "purpose_sv",
    "purpose_en",
    "home_municipality__name_fi",
    "home_municipality__name_sv",
    "home_municipality__name_en",
)


MAX_PAGE = 100_000  # a larger page number is past the end anyway; keeps OFFSET in range


def association_directory_page(
    *, filters: DirectoryFilter, page: str | int | None, per_page: int
) -> Page[Association]:
    """One page of the directory, in three queries whatever the number of matches.

    One narrow query orders the matches (by relevance with search words, else by name) and
    counts them in the same pass (a window count instead of a second COUNT(*) over every
    match); a second one loads only the rows shown, a third their categories.
    """
    base = _filtered(filters)
    try:
        number = min(int(page or 1), MAX_PAGE)
    except (TypeError, ValueError):
        number = 1
    ids: list[int] = []
    total = 0
    if number >= 1:
        ids, total = ranked_ids(base, filters.q, offset=(number - 1) * per_page, limit=per_page)
    if not ids:  # past the last page (or before the first): count, then show the last page
        total = count_matches(base, filters.q)
        number = max(1, -(-total // per_page))
        if total:
            ids, total = ranked_ids(base, filters.q, offset=(number - 1) * per_page, limit=per_page)
    rows = {
        a.pk: a
        for a in Association.objects.filter(pk__in=ids)
        .select_related("home_municipality")
        .only(*LISTING_FIELDS)
        .prefetch_related("categories")
    }
    paginator: Paginator[int] = Paginator(range(total), per_page)
    return Page([rows[pk] for pk in ids if pk in rows], number, paginator)  # type: ignore[arg-type]


def association_detail(*, pk: int) -> Association:
    return (
        Association.objects.select_related("home_municipality__region")
        .prefetch_related(
            "categories",
            "languages",
            "active_municipalities",
            Prefetch(
                "role_assignments",
                queryset=RoleAssignment.objects.filter(role=Role.REPRESENTATIVE).select_related(
                    "user"
                ),
                to_attr="representative_roles",
            ),
        )
        .get(pk=pk)
    )


def associations_in_municipality(municipality_id: int) -> QuerySet[Association]:
    """The active associations at home or active in the municipality, by Finnish name."""
    return (
        Association.objects.filter(is_active=True)
        .filter(Q(home_municipality_id=municipality_id) | Q(active_municipalities=municipality_id))
        .distinct()
        .order_by("name_fi")
    )


def associations_by_name(query: str, *, limit: int = 20) -> list[Association]:
    """Associations whose name (fi/sv) contains ``query`` or whose register number it is.

    An exact name or register number wins outright, so a full name never needs a second step.
    """
    query = query.strip()
    if not query:
        return []
    exact = list(
        Association.objects.filter(
            Q(name_fi__iexact=query) | Q(name_sv__iexact=query) | Q(registration_number=query)
        ).select_related("home_municipality")[:limit]
    )
    if exact:
        return exact
    return list(
        Association.objects.filter(Q(name_fi__icontains=query) | Q(name_sv__icontains=query))
        .select_related("home_municipality")
        .order_by("name_fi")[:limit]
    )


def association_duplicates(
    *, name: str, registration_number: str, municipality_id: int | None
) -> list[Association]:
    """Associations that may be the one being registered: the same name (case-insensitive, in
    Finnish or Swedish) in the same home municipality, or the same register number."""
    name = " ".join(name.split())
    found: dict[int, Association] = {}
    if registration_number.strip():
        for a in Association.objects.filter(
            registration_number=registration_number.strip()
        ).select_related("home_municipality"):
            found[a.pk] = a
    if name and municipality_id is not None:
        same_home = Association.objects.filter(home_municipality_id=municipality_id)
        if connection.vendor == "postgresql":
            same_name = same_home.filter(Q(name_fi__iexact=name) | Q(name_sv__iexact=name))
            ids = list(same_name.values_list("pk", flat=True)[:5])
        else:  # SQLite folds the case of ASCII letters only (not Ä, Ö, Å)
            wanted = name.casefold()
            ids = [
                pk
                for pk, fi, sv in same_home.values_list("pk", "name_fi", "name_sv")
                if wanted in {" ".join(fi.split()).casefold(), " ".join(sv.split()).casefold()}
            ][:5]
        for a in Association.objects.filter(pk__in=ids).select_related("home_municipality"):
            found[a.pk] = a
    return list(found.values())[:5]


def invitations_open(association: Association) -> QuerySet[RepresentativeInvitation]:
    """The association's invitations nobody has accepted or withdrawn yet."""
    return association.invitations.filter(
        accepted_at__isnull=True, withdrawn_at__isnull=True
    ).order_by("-created_at")


def representation_requests_pending(
    association: Association,
) -> QuerySet[RepresentationRequest]:
    return association.representation_requests.filter(
        status=RepresentationRequest.Status.PENDING
    ).select_related("requester")


def representation_requests_decided(
    association: Association, *, limit: int = 20
) -> list[RepresentationRequest]:
    return list(
        association.representation_requests.exclude(status=RepresentationRequest.Status.PENDING)
        .select_related("requester", "decided_by")
        .order_by("-decided_at")[:limit]
    )
