"""Reads for the association registry."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from kumppani.accounts.models import Role, RoleAssignment
from kumppani.associations.models import Association
from kumppani.associations.search import search


@dataclass(frozen=True)
class DirectoryFilter:
    q: str = ""
    municipality: str = ""  # code
    region: str = ""  # code
    county: str = ""  # code
    category: str = ""  # slug
    language: str = ""  # code


def association_directory(*, filters: DirectoryFilter) -> QuerySet[Association]:
    """Active associations matching the filters; ranked by relevance when a query is given.

    An association counts for a municipality when it is at home or active there.
    """
    qs = Association.objects.filter(is_active=True)
    if filters.municipality:
        qs = qs.filter(
            Q(home_municipality__code=filters.municipality)
            | Q(
                pk__in=Association.active_municipalities.through.objects.filter(
                    municipality__code=filters.municipality
                ).values("association_id")
            )
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
    qs = qs.select_related("home_municipality").prefetch_related("categories")
    if filters.q.strip():
        return search(qs, filters.q)
    return qs.order_by("name_fi", "id")


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
