"""Reads for surveys: lists, the builder, answering pages and "My pages"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from kumppani.accounts import access
from kumppani.accounts.access import AnyUser
from kumppani.accounts.models import Role
from kumppani.surveys.models import (
    Answer,
    Invitation,
    Question,
    Response,
    ResponseStatus,
    Section,
    Survey,
)


@dataclass(frozen=True)
class SurveyFilter:
    municipality: str = ""  # code
    region: str = ""  # code


def survey_list(*, filters: SurveyFilter, user: AnyUser) -> QuerySet[Survey]:
    """Surveys a person may see in the list, each one they can open: published results, open
    surveys anyone may answer (open link), surveys their associations are invited to, and the
    surveys they manage or whose results they follow."""
    now = timezone.now()
    visible = Q(results_published=True) | Q(
        opens_at__lte=now, closes_at__gt=now, open_link_enabled=True
    )
    roles = access.roles_of(user)
    if roles.associations:
        visible |= Q(
            Exists(
                Invitation.objects.filter(
                    survey_id=OuterRef("pk"), association_id__in=roles.associations
                )
            )
        )
    if roles.admin:
        visible = Q()
    else:
        managed = roles.municipalities(Role.LIAISON)
        summaries = roles.municipalities(Role.AGENT, Role.OFFICER, Role.WELLBEING_GROUP)
        if managed or summaries:
            visible |= Q(municipality_id__in=managed | summaries)
        if roles.regions:
            visible |= Q(region_id__in=roles.regions)
    qs = Survey.objects.filter(visible)
    if filters.municipality:
        qs = qs.filter(
            Q(municipality__code=filters.municipality)
            | Q(municipality__isnull=True, region__municipalities__code=filters.municipality)
        )
    if filters.region:
        qs = qs.filter(region__code=filters.region)
    return (
        qs.select_related("municipality", "region")
        .annotate(
            submitted=Count("responses", filter=Q(responses__status=ResponseStatus.SUBMITTED))
        )
        .order_by("-opens_at", "-id")
    )


def survey_structure(*, survey_id: int) -> Survey:
    """A survey with its sections, questions and options (four queries)."""
    return (
        Survey.objects.select_related("municipality", "region", "plan")
        .prefetch_related(
            Prefetch(
                "sections",
                queryset=Section.objects.select_related("theme").prefetch_related(
                    Prefetch("questions", queryset=Question.objects.prefetch_related("choices"))
                ),
            )
        )
        .get(pk=survey_id)
    )


def section_list(*, survey_id: int) -> list[int]:
    """The ids of the survey's sections in order (the answering pages are numbered by it)."""
    return list(
        Section.objects.filter(survey_id=survey_id)
        .order_by("order", "id")
        .values_list("id", flat=True)
    )


def section_with_questions(*, section_id: int) -> Section:
    return (
        Section.objects.select_related("theme")
        .prefetch_related(
            Prefetch("questions", queryset=Question.objects.prefetch_related("choices"))
        )
        .get(pk=section_id)
    )


def invitation_by_token(*, token: str) -> Invitation:
    return Invitation.objects.select_related(
        "survey__municipality", "survey__region", "association", "municipality"
    ).get(token=token)


def response_answers(*, invitation: Invitation) -> tuple[Response | None, dict[int, Answer]]:
    response = Response.objects.filter(invitation=invitation).first()
    if response is None:
        return None, {}
    answers = {
        a.question_id: a
        for a in Answer.objects.filter(response=response)
        .select_related("updated_by")
        .prefetch_related("selected", "proposals")
    }
    return response, answers


def invitations_overview(*, survey: Survey) -> list[Invitation]:
    return list(
        survey.invitations.select_related("association", "municipality", "response").order_by(
            "kind", "municipality__name_fi", "name", "association__name_fi", "id"
        )
    )


def open_invitations_for_representative(*, user: AnyUser) -> list[Invitation]:
    """Invitations of the person's associations to surveys that are open or upcoming."""
    ids = access.roles_of(user).associations
    if not ids:
        return []
    return list(
        Invitation.objects.filter(
            association_id__in=ids, survey__closes_at__gt=timezone.now() - dt.timedelta(days=30)
        )
        .select_related("survey", "association", "response")
        .order_by("survey__closes_at", "id")[:50]
    )


DASHBOARD_ROWS = 10


def surveys_of_my_work(*, user: AnyUser) -> list[Survey]:
    """ "My pages": the surveys the person manages or follows (liaisons, coordinators, admins,
    and the municipality's agents, officers and wellbeing group), newest first (one query)."""
    roles = access.roles_of(user)
    if roles.admin:
        mine = Q()
    else:
        municipalities = roles.municipalities(
            Role.LIAISON, Role.AGENT, Role.OFFICER, Role.WELLBEING_GROUP
        )
        if not municipalities and not roles.regions:
            return []
        mine = Q(municipality_id__in=municipalities) | Q(region_id__in=roles.regions)
    return list(
        Survey.objects.filter(mine, closes_at__gt=timezone.now() - dt.timedelta(days=180))
        .select_related("municipality", "region")
        .annotate(
            submitted=Count("responses", filter=Q(responses__status=ResponseStatus.SUBMITTED))
        )
        .order_by("-opens_at", "-id")[:DASHBOARD_ROWS]
    )


def surveys_open_to_all() -> list[Survey]:
    """Surveys anyone may answer right now through the open link (one query)."""
    now = timezone.now()
    return list(
        Survey.objects.filter(open_link_enabled=True, opens_at__lte=now, closes_at__gt=now)
        .select_related("municipality", "region")
        .order_by("closes_at", "id")[:DASHBOARD_ROWS]
    )


def survey_link(
    survey: Survey, *, can_manage: bool, can_see_results: bool, invitation_id: int | None = None
) -> str:
    """Where a survey's title leads the person: the management page for its owners, the
    association's answer for the invited, the open link while anyone may answer, otherwise the
    results ("" when the person may open none of these)."""
    if can_manage:
        return reverse("surveys:detail", args=[survey.pk])
    if invitation_id is not None:
        return reverse("surveys:continue", args=[invitation_id])
    if survey.open_link_enabled and survey.is_open():
        return reverse("surveys:open", args=[survey.open_token])
    if can_see_results:
        return reverse("surveys:results", args=[survey.pk])
    return ""


def association_invitations(*, user: AnyUser, survey_ids: list[int]) -> dict[int, int]:
    """Survey id → the id of an invitation of one of the person's associations (one query)."""
    ids = access.roles_of(user).associations
    if not ids or not survey_ids:
        return {}
    found: dict[int, int] = {}
    for survey_id, invitation_id in (
        Invitation.objects.filter(survey_id__in=survey_ids, association_id__in=ids)
        .order_by("association__name_fi", "id")
        .values_list("survey_id", "id")
    ):
        found.setdefault(survey_id, invitation_id)
    return found


def surveys_in_period(
    *, municipality_id: int, region_id: int, start: dt.date, end: dt.date
) -> list[Survey]:
    """Surveys of the municipality (or regional ones covering it) open during the period."""
    return list(
        Survey.objects.filter(
            Q(municipality_id=municipality_id) | Q(municipality__isnull=True, region_id=region_id),
            opens_at__date__lte=end,
            closes_at__date__gte=start,
        ).order_by("opens_at")
    )
