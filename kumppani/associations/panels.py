"""The association directory's sections of the home page and the municipality page."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db.models import Count
from django.http import HttpRequest

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
