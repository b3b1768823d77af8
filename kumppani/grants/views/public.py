"""Public pages of grants: a municipality's programmes and deadline feed, a programme's page,
the regional harmonisation view and the public register of awards (HTML, CSV, JSON)."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from kumppani.core.i18n import localized
from kumppani.core.markdown import render_markdown
from kumppani.core.page_cache import public_page
from kumppani.core.spreadsheets import safe_cell
from kumppani.geography.models import Region
from kumppani.geography.selectors import municipality_or_404
from kumppani.grants import access
from kumppani.grants.calendar_public import deadlines_ics
from kumppani.grants.forms_public import AwardFilterForm
from kumppani.grants.models import CriterionKind, Programme
from kumppani.grants.selectors_public import (
    award_record,
    awards,
    municipality_grants,
    programme_public,
    region_harmonisation,
)

AWARDS_PAGE_SIZE = 50


def apply_path(programme: Programme) -> str:
    """Where an association starts (or continues) its application to the programme."""
    return reverse("grants:apply", args=[programme.pk])


@require_GET
@public_page
def municipality(request: HttpRequest, code: str) -> HttpResponse:
    place = municipality_or_404(code)
    context = {
        "municipality": place,
        "grants": municipality_grants(place),
        "now": timezone.now(),
    }
    return render(request, "grants/public/municipality.html", context)


@require_GET
def programme(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        found = programme_public(pk)
    except Programme.DoesNotExist:
        raise Http404 from None
    can_manage = access.can_manage_programme(request.user, found)
    if not found.published and not can_manage:
        raise Http404
    now = timezone.now()
    criteria = list(found.criteria.all())
    context = {
        "programme": found,
        "eligibility_html": render_markdown(localized(found, "eligibility")),
        "attachments": found.attachment_list(),
        "weighted": [c for c in criteria if c.kind == CriterionKind.WEIGHTED],
        "bonus": [c for c in criteria if c.kind == CriterionKind.BONUS],
        "questions": [(q, q.choice_labels(get_language())) for q in found.questions.all()],
        "is_open": found.is_open(now),
        "can_apply": found.published and found.is_open(now),
        "is_upcoming": now < found.opens_at,
        "apply_url": apply_path(found),
        "can_manage": can_manage,
    }
    return render(request, "grants/public/programme.html", context)


@require_GET
def deadlines(request: HttpRequest, code: str) -> HttpResponse:
    place = municipality_or_404(code)
    response = HttpResponse(
        deadlines_ics(municipality=place, site_root=settings.SITE_ROOT),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="grant-deadlines-{place.code}.ics"'
    return response


@require_GET
@public_page
def region(request: HttpRequest, code: str) -> HttpResponse:
    area = get_object_or_404(Region, code=code)
    context = {"region": area, "rows": region_harmonisation(area)}
    return render(request, "grants/public/region.html", context)


# --- the public register of awards ------------------------------------------------------------


@require_GET
@public_page
def awards_list(request: HttpRequest) -> HttpResponse:
    form = AwardFilterForm(request.GET or None)
    filters = form.filters()
    page = Paginator(awards(filters), AWARDS_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "filters": filters,
        "query": query.urlencode(),
    }
    return render(request, "grants/public/awards.html", context)


def _bad_filter(form: AwardFilterForm) -> dict[str, list[str]] | None:
    if form.is_bound and not form.is_valid():
        return {field: [str(e) for e in errors] for field, errors in form.errors.items()}
    return None


CSV_HEADER = (
    "id",
    "recipient_name",
    "recipient_registration_number",
    "amount_awarded",
    "currency",
    "award_date",
    "programme_id",
    "programme_title",
    "programme_branch",
    "programme_kind",
    "municipality",
    "purpose",
)


def _csv_row(record: dict[str, Any]) -> list[Any]:
    return [
        record["id"],
        record["recipient"]["name"],
        record["recipient"]["registration_number"],
        f"{record['amount_awarded']:.2f}",
        record["currency"],
        record["award_date"],
        record["programme"]["id"],
        record["programme"]["title"],
        record["programme"]["branch"],
        record["programme"]["kind"],
        record["municipality"],
        record["purpose"],
    ]


@require_GET
def awards_csv(request: HttpRequest) -> HttpResponse:
    form = AwardFilterForm(request.GET or None)
    errors = _bad_filter(form)
    if errors:
        lines = [f"{field}: {' '.join(messages)}" for field, messages in errors.items()]
        return HttpResponse("\n".join(lines), status=400, content_type="text/plain; charset=utf-8")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(CSV_HEADER)
    for decision in awards(form.filters()).iterator(chunk_size=500):
        writer.writerow([safe_cell(value) for value in _csv_row(award_record(decision))])
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="grant-awards.csv"'
    return response


@require_GET
def awards_json(request: HttpRequest) -> JsonResponse:
    form = AwardFilterForm(request.GET or None)
    errors = _bad_filter(form)
    if errors:
        return JsonResponse({"detail": errors}, status=400)
    records = [award_record(d) for d in awards(form.filters()).iterator(chunk_size=500)]
    return JsonResponse(records, safe=False, json_dumps_params={"ensure_ascii": False})
