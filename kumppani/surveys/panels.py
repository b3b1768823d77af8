"""Sections surveys add to shared pages, and the annual-cycle source."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from kumppani.core.cycle import CycleItem
from kumppani.core.panels import Panel
from kumppani.geography.models import Municipality, Region
from kumppani.surveys import access
from kumppani.surveys.results import latest_premises_survey, premises_statistics
from kumppani.surveys.selectors import (
    open_invitations_for_representative,
    surveys_in_period,
    surveys_of_my_work,
    surveys_open_to_all,
)


def dashboard_panel(request: HttpRequest, user: Any) -> Panel | None:
    """ "My pages": surveys the person's associations are invited to, the surveys they manage
    or follow, and (for those who make none) the surveys anyone may answer now. At most three
    queries, each list linking every survey to the page the person uses it on."""
    invitations = open_invitations_for_representative(user=user)
    builds = access.can_build_surveys(user)  # liaisons and coordinators: the surveys they make
    mine = surveys_of_my_work(user=user)
    for survey in mine:
        # Owners manage the survey; the municipality's agents, officers and wellbeing group
        # follow its results.
        survey.can_manage = access.can_manage_survey(user, survey)  # type: ignore[attr-defined]
        survey.link = reverse(  # type: ignore[attr-defined]
            "surveys:detail" if survey.can_manage else "surveys:results",  # type: ignore[attr-defined]
            args=[survey.pk],
        )
    shown = {i.survey_id for i in invitations} | {s.pk for s in mine}
    open_to_all = [] if builds else [s for s in surveys_open_to_all() if s.pk not in shown]
    if not (invitations or builds or mine or open_to_all):
        return None
    context = {
        "invitations": invitations,
        "builds": builds,
        "mine": mine,
        "open_to_all": open_to_all,
    }
    return Panel("surveys/panels/dashboard.html", context, order=40)


def region_panel(request: HttpRequest, region: Region) -> Panel | None:
    """Premises share of social-and-health associations, per municipality of the region."""
    survey = latest_premises_survey(region=region, published_only=True)
    if survey is None:
        candidate = latest_premises_survey(region=region, published_only=False)
        if candidate is not None and access.can_see_results(request.user, candidate):
            survey = candidate
    stats = premises_statistics(region=region, survey=survey)
    if not stats.rows:
        return None
    return Panel("surveys/panels/region.html", {"stats": stats, "survey": survey}, order=60)


def survey_cycle_source(
    municipality: Municipality, start: dt.date, end: dt.date
) -> list[CycleItem]:
    items = []
    for survey in surveys_in_period(
        municipality_id=municipality.pk, region_id=municipality.region_id, start=start, end=end
    ):
        items.append(
            CycleItem(
                uid=f"survey-{survey.pk}@kumppani",
                kind="survey_period",
                title=_("Survey: %(title)s") % {"title": survey},
                start=survey.opens_at,
                end=survey.closes_at,
                url=reverse("surveys:results", args=[survey.pk])
                if survey.results_published
                else "",
                description=_("Answering time of the survey."),
            )
        )
    return items
