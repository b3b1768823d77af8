"""Pages for proposers and residents: submit, my proposals, what became of the proposals."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kumppani.accounts.access import authenticated_user, require
from kumppani.core.forms import apply_validation_error
from kumppani.geography.selectors import municipality_or_404
from kumppani.proposals import access
from kumppani.proposals.forms import SubmitForm
from kumppani.proposals.models import ProposerType, Source
from kumppani.proposals.selectors import measure_url, my_proposals, outcome_summary
from kumppani.proposals.services import proposal_create


@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_or_404(code)
    user = authenticated_user(request)
    form = SubmitForm(request.POST or None, user=user, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        kind = data["proposer_type"]
        association = data.get("association") if kind == ProposerType.ASSOCIATION else None
        require(
            access.can_submit(user, municipality.pk, kind, association.pk if association else None),
            request,
        )
        forum = data.get("forum")
        try:
            proposal_create(
                municipality=municipality,
                text=data["text"],
                proposer_type=kind,
                theme=data.get("theme"),
                association=association,
                proposer_name=(data.get("proposer_name") or "").strip()
                or (user.full_name if kind == ProposerType.RESIDENT else ""),
                together=data["together"] == "together",
                source=Source.FORUM if forum else Source.DIRECT,
                forum=forum,
                actor=user,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Thank you. The proposal was saved."))
            if forum:
                return redirect("proposals:submit", code=code)
            return redirect("proposals:mine")
    return render(request, "proposals/submit.html", {"form": form, "municipality": municipality})


@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    user = authenticated_user(request)
    page = Paginator(my_proposals(user=user), 50).get_page(request.GET.get("page"))
    for proposal in page.object_list:
        proposal.measure_link = measure_url(proposal.measure)
    return render(request, "proposals/mine.html", {"page": page})


@require_GET
def outcomes(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_or_404(code)
    outcome = outcome_summary(municipality=municipality)
    for measure in outcome.adopted_measures:
        measure.link = measure_url(measure)  # type: ignore[attr-defined]
    return render(
        request,
        "proposals/outcomes.html",
        {
            "municipality": municipality,
            "outcome": outcome,
            "can_assess": access.can_assess(request.user, municipality.pk),
        },
    )
