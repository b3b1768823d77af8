"""The cooperation guide: public page, versions and comparison, editing, PDF."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kumppani.accounts.access import authenticated_user, require
from kumppani.cooperation import access, selectors, services
from kumppani.cooperation.forms import GuideForm
from kumppani.cooperation.guide_render import guide_sections, narrative_diff
from kumppani.cooperation.models import Guide, GuideStatus, GuideTemplate, GuideVersion
from kumppani.cooperation.pdf import guide_pdf_bytes
from kumppani.core.forms import apply_validation_error
from kumppani.core.page_cache import public_page
from kumppani.geography.selectors import municipality_or_404


def _language() -> str:
    return (get_language() or "fi")[:2]


@require_GET
@public_page
def guide(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_or_404(code)
    version = selectors.guide_latest_published(municipality=municipality)
    can_manage = access.can_manage(request.user, municipality)
    sections = (
        guide_sections(
            municipality=municipality, version=version, language=_language(), request=request
        )
        if version
        else []
    )
    context = {
        "municipality": municipality,
        "version": version,
        "sections": sections,
        "can_manage": can_manage,
    }
    return render(request, "cooperation/guide.html", context)


@require_GET
def guide_pdf(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_or_404(code)
    version = selectors.guide_latest_published(municipality=municipality)
    if version is None:
        raise Http404
    pdf = guide_pdf_bytes(
        municipality=municipality, version=version, language=_language(), request=request
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="cooperation-guide-{municipality.code}-v{version.number}.pdf"'
    )
    return response


@require_GET
def guide_versions(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_or_404(code)
    sees = access.sees_summaries(request.user, municipality)
    versions = list(selectors.guide_versions(municipality=municipality, with_drafts=sees))
    context = {
        "municipality": municipality,
        "versions": versions,
        "has_draft": any(v.status == GuideStatus.DRAFT for v in versions),
        "can_manage": access.can_manage(request.user, municipality),
    }
    return render(request, "cooperation/guide_versions.html", context)


def _version(request: HttpRequest, code: str, number: int) -> GuideVersion:
    municipality = municipality_or_404(code)
    try:
        version = selectors.guide_version(municipality=municipality, number=number)
    except GuideVersion.DoesNotExist:
        raise Http404 from None
    if version.status == GuideStatus.DRAFT:
        require(access.sees_summaries(request.user, municipality), request)
    version.guide.municipality = municipality
    return version


@require_GET
def guide_version(request: HttpRequest, code: str, number: int) -> HttpResponse:
    version = _version(request, code, number)
    municipality = version.guide.municipality
    context = {
        "municipality": municipality,
        "version": version,
        "sections": guide_sections(
            municipality=municipality, version=version, language=_language(), request=request
        ),
        "can_manage": access.can_manage(request.user, municipality),
    }
    return render(request, "cooperation/guide_version.html", context)


def _chosen_number(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else None


@require_GET
def guide_compare(request: HttpRequest, code: str, number: int) -> HttpResponse:
    """Any two versions side by side; by default this one and the previous published one."""
    version = _version(request, code, _chosen_number(request, "new") or number)
    old_number = _chosen_number(request, "old")
    if old_number is not None:
        previous: GuideVersion | None = _version(request, code, old_number)
    else:
        previous = selectors.guide_previous_published(version=version)
    diffs = narrative_diff(previous, version)
    municipality = version.guide.municipality
    sees = access.sees_summaries(request.user, municipality)
    context = {
        "municipality": municipality,
        "version": version,
        "previous": previous,
        "diffs": [d for d in diffs if d.changed],
        "versions": selectors.guide_versions(municipality=municipality, with_drafts=sees),
    }
    return render(request, "cooperation/guide_compare.html", context)


@require_http_methods(["GET", "POST"])
def guide_edit(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_or_404(code)
    require(access.can_manage(request.user, municipality), request)
    user = authenticated_user(request)
    found = Guide.objects.filter(municipality=municipality).first()
    if found is None:
        return render(request, "cooperation/guide_start.html", {"municipality": municipality})
    draft = found.versions.filter(status=GuideStatus.DRAFT).first()
    base = draft or found.versions.order_by("-number").first()
    form = GuideForm(request.POST or None, version=base, swedish=municipality.needs_swedish)
    if request.method == "POST" and form.is_valid():
        try:
            draft = services.guide_draft_get_or_create(guide=found, actor=user)
            services.guide_draft_save(version=draft, narrative=form.narrative())
            if request.POST.get("action") == "publish":
                services.guide_publish(version=draft, actor=user)
                messages.success(
                    request,
                    _("Version %(number)d of the guide was published.") % {"number": draft.number},
                )
                return redirect("cooperation:guide", code=code)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("cooperation:guide_edit", code=code)
    context = {"municipality": municipality, "form": form, "draft": draft}
    return render(request, "cooperation/guide_edit.html", context)


@require_POST
def guide_start(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_or_404(code)
    require(access.can_manage(request.user, municipality), request)
    try:
        services.guide_start(municipality=municipality, actor=authenticated_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The guide was started from the template."))
    return redirect("cooperation:guide_edit", code=code)


@require_POST
def guide_publish(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_or_404(code)
    require(access.can_manage(request.user, municipality), request)
    draft = GuideVersion.objects.filter(
        guide__municipality=municipality, status=GuideStatus.DRAFT
    ).first()
    if draft is None:
        messages.error(request, _("There is no draft to publish."))
        return redirect("cooperation:guide_versions", code=code)
    try:
        services.guide_publish(version=draft, actor=authenticated_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("cooperation:guide_edit", code=code)
    messages.success(
        request, _("Version %(number)d of the guide was published.") % {"number": draft.number}
    )
    return redirect("cooperation:guide", code=code)


@require_http_methods(["GET", "POST"])
def guide_template(request: HttpRequest) -> HttpResponse:
    """The starting text every new municipality's guide is copied from."""
    require(access.can_edit_guide_template(request.user), request)
    template = GuideTemplate.objects.filter(is_default=True).first()
    base = GuideVersion(narrative=template.narrative if template else {})
    form = GuideForm(request.POST or None, version=base, swedish=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.guide_template_save(
                name=template.name if template else _("Cooperation guide template"),
                narrative=form.narrative(),
                template=template,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The guide template was saved."))
            return redirect("cooperation:guide_template")
    return render(request, "cooperation/guide_template.html", {"form": form})
