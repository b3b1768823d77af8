"""Who may build, answer and read surveys; built only from kumppani.accounts.access primitives."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from kumppani.accounts import access
from kumppani.accounts.access import AnyUser
from kumppani.accounts.models import Role
from kumppani.geography.models import Municipality, Region
from kumppani.surveys.models import Invitation, Survey


def can_create_municipal_survey(user: AnyUser, municipality: Municipality) -> bool:
    return access.manages_municipality(user, municipality.pk, municipality.region_id)


def can_create_regional_survey(user: AnyUser, region: Region) -> bool:
    return access.is_admin(user) or access.coordinates_region(user, region.pk)


def can_build_surveys(user: AnyUser) -> bool:
    """Sees the "new survey" entry point: a liaison, a coordinator or an administrator."""
    roles = access.roles_of(user)
    return roles.admin or bool(roles.regions) or bool(roles.municipalities(Role.LIAISON))


def can_manage_survey(user: AnyUser, survey: Survey) -> bool:
    """The owner: the municipality's liaison (or its region's coordinator) or an administrator."""
    if survey.municipality_id is not None:
        return access.manages_municipality(user, survey.municipality_id, survey.region_id)
    return access.is_admin(user) or access.coordinates_region(user, survey.region_id)


def can_see_results(user: AnyUser, survey: Survey) -> bool:
    if survey.results_published or can_manage_survey(user, survey):
        return True
    if survey.municipality_id is not None:
        return access.sees_municipal_summaries(user, survey.municipality_id, survey.region_id)
    return False


def can_export_results(user: AnyUser, survey: Survey) -> bool:
    """Exports hold one row per respondent (with who answered, unless the survey is anonymous),
    so publishing the aggregate results does not publish them."""
    if can_manage_survey(user, survey):
        return True
    if survey.municipality_id is not None:
        return access.sees_municipal_summaries(user, survey.municipality_id, survey.region_id)
    return False


def can_continue_for_association(user: AnyUser, invitation: Invitation) -> bool:
    """A logged-in representative opens the association's answer from "My pages"."""
    return invitation.association_id is not None and (
        access.represents(user, invitation.association_id) or access.is_admin(user)
    )


def access_survey_to_manage(request: HttpRequest, survey_id: int) -> Survey:
    """The survey if the request's user may manage it; 404 when missing, else login/403."""
    survey = get_object_or_404(
        Survey.objects.select_related("municipality", "region"), pk=survey_id
    )
    access.require(can_manage_survey(request.user, survey), request)
    return survey
