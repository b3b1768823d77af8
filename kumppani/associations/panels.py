"""The association directory's sections of the home page and the municipality page, and, for
the municipality's liaisons (coordinators, administrators), associations awaiting confirmation
or left without a representative."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db.models import Count
from django.http import HttpRequest

from kumppani.accounts import access
from kumppani.associations.models import Association, Category
from kumppani.core.panels import Panel
from kumppani.geography.models import Municipality


def home_panel(request: HttpRequest, obj: Any) -> Panel:
    context = {
        "categories": Category.objects.annotate(n=Count("associations")),
        "association_count": Association.objects.filter(is_active=True).count(),
    }
    return Panel(template="associations/panels/home.html", context=context, order=0)


def _categories() -> list[Category]:
    """The association categories: reference data, cached (a fresh copy on every get)."""
    categories: list[Category] | None = cache.get("association-categories")
    if categories is None:
        categories = list(Category.objects.all())
        cache.set("association-categories", categories, 600)
    return categories


def municipality_panel(request: HttpRequest, municipality: Municipality) -> Panel:
    """Associations at home in the municipality, last on its page."""
    at_home = Association.objects.filter(home_municipality=municipality, is_active=True)
    # Counts per category from the link table, for this municipality's associations only (an
    # annotated Count over every category link read all 100,000 associations' links).
    per_category = dict(
        Association.categories.through.objects.filter(
            association__home_municipality=municipality, association__is_active=True
        )
        .values_list("category_id")
        .annotate(n=Count("association_id"))
        .order_by()
    )
    categories = []
    for category in _categories():
        if per_category.get(category.pk):
            category.n = per_category[category.pk]  # type: ignore[attr-defined]
            categories.append(category)
    context = {
        "municipality": municipality,
        "categories": categories,
        "association_count": at_home.count(),
        "recent": at_home.only("name_fi", "name_sv").order_by("-created_at")[:10],
    }
    return Panel(template="associations/panels/municipality.html", context=context, order=1000)


def attention_panel(request: HttpRequest, municipality: Municipality) -> Panel | None:
    if not access.manages_municipality(request.user, municipality.pk, municipality.region_id):
        return None
    mine = Association.objects.filter(home_municipality=municipality).order_by("name_fi", "id")
    waiting = list(mine.filter(awaiting_confirmation=True)[:100])
    orphaned = list(mine.filter(orphaned_at__isnull=False)[:100])
    if not waiting and not orphaned:
        return None
    return Panel(
        template="associations/panels/attention.html",
        context={"waiting": waiting, "orphaned": orphaned},
        order=15,
    )
