"""On the municipality page, for its liaisons (and coordinators, administrators): associations
awaiting confirmation and associations left without a representative (two queries)."""

from __future__ import annotations

from django.http import HttpRequest

from kumppani.accounts import access
from kumppani.associations.models import Association
from kumppani.core.panels import MUNICIPALITY_PAGE, Panel, register
from kumppani.geography.models import Municipality


def attention_panel(request: HttpRequest, municipality: Municipality) -> Panel | None:
    if not access.manages_municipality(request.user, municipality.pk, municipality.region_id):
        return None
    mine = Association.objects.filter(home_municipality=municipality).order_by("name_fi", "id")
    waiting = list(mine.filter(awaiting_confirmation=True)[:100])
    orphaned = list(mine.filter(orphaned_at__isnull=False)[:100])
    if not waiting and not orphaned:
        return None
    return Panel(
        template="associations/panel_attention.html",
        context={"waiting": waiting, "orphaned": orphaned},
        order=15,
    )


def register_panels() -> None:
    register(MUNICIPALITY_PAGE, attention_panel)
