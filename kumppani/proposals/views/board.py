"""The wellbeing working group's pages: the grouped pool, regrouping, group edits, criteria."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kumppani.accounts.access import authenticated_user, require
from kumppani.core.forms import apply_validation_error
from kumppani.geography.selectors import municipality_or_404
from kumppani.proposals import access
from kumppani.proposals.forms import CriterionForm, MergeForm, RenameForm, SplitForm
from kumppani.proposals.grouping_services import (
    SYNC_LIMIT,
    group_rename,
    group_split,
    grouping_job_start,
    groups_merge,
    proposals_regroup,
)
from kumppani.proposals.models import Criterion, Decision, Proposal
from kumppani.proposals.selectors import (
    BOARD_SORTS,
    OPEN,
    board_groups,
    criteria_of,
    spreads,
    ungrouped_count,
    ungrouped_proposals,
)
from kumppani.proposals.services import criteria_ensure, criterion_delete, criterion_save
from kumppani.welfare.models import Theme

GROUPS_PER_PAGE = 20


def _theme_filter(request: HttpRequest, themes: list[Theme]) -> int | None:
    raw = request.GET.get("theme", "")
    ids = {t.pk for t in themes}
    return int(raw) if raw.isdigit() and int(raw) in ids else None


@require_GET
def board(request: HttpRequest, code: str) -> HttpResponse:
    municipality = access.access_municipality_to_assess(request, code)
    themes = list(Theme.objects.filter(plan__municipality=municipality).order_by("order", "id"))
    theme_id = _theme_filter(request, themes)
    query = request.GET.get("q", "").strip()[:200]
    decision = request.GET.get("decision", "")
    decision = decision if decision == OPEN or decision in Decision.values else ""
    sort = request.GET.get("sort", "")
    sort = sort if sort in BOARD_SORTS else "theme"
    groups = board_groups(
        municipality=municipality, theme_id=theme_id, query=query, decision=decision, sort=sort
    )
    page = Paginator(groups, GROUPS_PER_PAGE)
    current = page.get_page(request.GET.get("page"))
    criteria = criteria_of(municipality.pk)
    found = spreads(
        criteria=criteria, user=request.user, group_ids=[g.pk for g in current.object_list]
    )
    for group in current.object_list:
        group.spread = found.get(("group", group.pk))
    context = {
        "municipality": municipality,
        "page": current,
        "themes": themes,
        "theme_id": theme_id,
        "query": query,
        "decision": decision,
        "decisions": [(OPEN, _("Open")), *Decision.choices],
        "sort": sort,
        "sorts": [
            ("theme", _("Theme")),
            ("size", _("Most proposals first")),
            ("label", _("Label, alphabetical")),
            ("scorers", _("Fewest scorers first")),
        ],
        "filtered": bool(query or decision or theme_id),
        "ungrouped": ungrouped_count(municipality=municipality),
        "ungrouped_list": ungrouped_proposals(municipality=municipality),
        "total": Proposal.objects.filter(municipality=municipality).count(),
    }
    return render(request, "proposals/board.html", context)


@require_POST
def regroup(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_or_404(code)
    user = authenticated_user(request)
    require(access.can_regroup(user, municipality.pk), request)
    if Proposal.objects.filter(municipality=municipality).count() > SYNC_LIMIT:
        grouping_job_start(municipality=municipality, actor=user)
        messages.success(
            request,
            _("Grouping runs in the background; reload this page in a minute to see the groups."),
        )
        return redirect("proposals:board", code=code)
    result = proposals_regroup(municipality=municipality)
    messages.success(
        request,
        _(
            "Grouping done: %(proposals)s proposals in %(groups)s groups, of which "
            "%(continued)s continue at their old address; %(kept)s proposals kept where the "
            "working group put them."
        )
        % {
            "proposals": result.proposals,
            "groups": result.groups,
            "continued": result.continued,
            "kept": result.kept,
        },
    )
    return redirect("proposals:board", code=code)


@require_POST
def group_merge_view(request: HttpRequest, pk: int) -> HttpResponse:
    group = access.access_group_to_assess(request, pk)
    form = MergeForm(request.POST, group=group)
    if form.is_valid():
        try:
            groups_merge(
                target=group,
                sources=[form.cleaned_data["source"]],
                actor=authenticated_user(request),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The groups were merged."))
    else:
        messages.error(request, _("Choose the group to merge."))
    return redirect(group)


@require_POST
def group_split_view(request: HttpRequest, pk: int) -> HttpResponse:
    group = access.access_group_to_assess(request, pk)
    members = list(group.proposals.all())
    form = SplitForm(request.POST, choices=[(str(p.pk), p.text) for p in members])
    if form.is_valid():
        chosen = {int(v) for v in form.cleaned_data["proposals"]}
        try:
            new = group_split(
                group=group,
                proposals=[p for p in members if p.pk in chosen],
                label=form.cleaned_data["label"],
                actor=authenticated_user(request),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("A new group was made: %(label)s") % {"label": new.label})
            return redirect(new)
    else:
        messages.error(request, _("Choose the proposals to move into the new group."))
    return redirect(group)


@require_POST
def group_rename_view(request: HttpRequest, pk: int) -> HttpResponse:
    group = access.access_group_to_assess(request, pk)
    form = RenameForm(request.POST)
    if form.is_valid():
        group_rename(group=group, label=form.cleaned_data["label"])
        messages.success(request, _("The label was saved."))
    else:
        messages.error(request, _("Give a label."))
    return redirect(group)


@require_http_methods(["GET", "POST"])
def criteria(request: HttpRequest, code: str) -> HttpResponse:
    authenticated_user(request)
    municipality = access.access_municipality_to_assess(request, code)
    criteria_ensure(municipality=municipality)
    form = CriterionForm(request.POST or None)
    if request.method == "POST":
        delete_id = request.POST.get("delete", "")
        if delete_id.isdigit():
            found = Criterion.objects.filter(pk=int(delete_id), municipality=municipality).first()
            if found is not None:
                criterion_delete(criterion=found)
                messages.success(request, _("The criterion was removed."))
            return redirect("proposals:criteria", code=code)
        if form.is_valid():
            try:
                criterion_save(municipality=municipality, **form.cleaned_data)
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("The criterion was added."))
                return redirect("proposals:criteria", code=code)
    context = {
        "municipality": municipality,
        "criteria": criteria_of(municipality.pk),
        "form": form,
    }
    return render(request, "proposals/criteria.html", context)
