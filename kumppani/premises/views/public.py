"""Public premises pages: a municipality's premises available to associations, a space with
the busy times of a week, and a space's feed of busy times. No personal data: the purpose of a
booking is shown only to those who can handle it."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from kumppani.accounts.access import roles_of
from kumppani.core.i18n import localized
from kumppani.core.markdown import render_markdown
from kumppani.core.page_cache import public_page
from kumppani.geography.selectors import municipality_or_404
from kumppani.premises.access import can_manage_space
from kumppani.premises.calendar_feed import busy_ics
from kumppani.premises.models import Space, SpacePhoto
from kumppani.premises.selectors_book import associations_for_booking
from kumppani.premises.selectors_public import (
    Busy,
    municipality_premises,
    opening_hours_list,
    space_hours,
    space_public,
    usage_principles,
    week_monday,
    week_view,
)
from kumppani.premises.selectors_tree import ancestor_ids


@require_GET
@public_page
def municipality(request: HttpRequest, code: str) -> HttpResponse:
    place = municipality_or_404(code)
    principles = usage_principles(place.pk)
    text = localized(principles, "text") if principles is not None else ""
    context = {
        "municipality": place,
        "rows": municipality_premises(place.pk),
        "principles_html": render_markdown(text) if text else "",
    }
    return render(request, "premises/public/municipality.html", context)


def visible_space(request: HttpRequest, pk: int) -> Space:
    """A space the person may see: one available to associations, or any for its managers."""
    try:
        space = space_public(pk)
    except Space.DoesNotExist:
        raise Http404 from None
    if not space.for_associations and not can_manage_space(request.user, space):
        raise Http404
    return space


@require_GET
def space(request: HttpRequest, pk: int) -> HttpResponse:
    found = visible_space(request, pk)
    manages = can_manage_space(request.user, found)
    monday = week_monday(request.GET.get("week"), timezone.localdate())
    user = request.user
    mine = roles_of(user).associations

    def show_purpose(item: Busy) -> bool:
        # Only those who can handle the booking see what it is for.
        return manages or (
            user.is_authenticated and (item.organisation_id in mine or item.booked_by_id == user.pk)
        )

    ancestors = ancestor_ids(found)
    hours = space_hours(found, [found.pk, *ancestors])
    week = week_view(found, monday, show_purpose=show_purpose, chain=ancestors, hours=hours)
    context = {
        "space": found,
        "week": week,
        "hours": opening_hours_list(hours),
        "photos": list(found.photos.all()),
        "children": list(found.children.filter(for_associations=True)),
        "can_book": found.bookable
        and (manages or bool(associations_for_booking(request.user, found))),
        "manages": manages,
        "today": timezone.localdate(),
    }
    return render(request, "premises/public/space.html", context)


@require_GET
def busy_feed(request: HttpRequest, pk: int) -> HttpResponse:
    found = visible_space(request, pk)
    return ics_response(busy_ics(space=found), f"busy-{found.pk}.ics")


def ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def photo(request: HttpRequest, pk: int) -> FileResponse:
    """A space's photo. Photos are public like the spaces they show; other uploads (grant
    attachments) stay private because nothing serves the media directory as a whole."""
    item = get_object_or_404(SpacePhoto, pk=pk)
    try:
        handle = item.image.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    # FileResponse takes the type from the name; uploads are checked to be JPEG, PNG or WebP.
    response = FileResponse(handle)
    response["Cache-Control"] = "public, max-age=86400"
    response["X-Content-Type-Options"] = "nosniff"
    return response
