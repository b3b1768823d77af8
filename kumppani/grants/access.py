"""Who may do what with grants; built only from kumppani.accounts.access primitives.

- A programme is run (created, edited, its applications decided, paid, its use reports reviewed,
  applications reopened) by an officer or a liaison of its municipality, or an administrator.
- Common application periods are set by a liaison of the municipality (or an administrator).
- An application is made, continued and submitted by any representative of the association.
- A reviewer is a named reviewer of the programme (or one who runs it) who is not recused from
  that application; a recused reviewer sees none of its reviews.
- Decided awards and open programmes are public.
"""

from __future__ import annotations

from kumppani.accounts.access import (
    AnyUser,
    has_municipal_role,
    is_admin,
    represents,
)
from kumppani.accounts.models import Role
from kumppani.geography.models import Municipality
from kumppani.grants.models import Application, Programme, ProgrammeReviewer, Recusal


def runs_grants_in(user: AnyUser, municipality_id: int) -> bool:
    """Create programmes and decide applications: officers and liaisons of the municipality."""
    return is_admin(user) or has_municipal_role(user, municipality_id, Role.OFFICER, Role.LIAISON)


def can_set_periods(user: AnyUser, municipality: Municipality) -> bool:
    return is_admin(user) or has_municipal_role(user, municipality.pk, Role.LIAISON)


def can_manage_programme(user: AnyUser, programme: Programme) -> bool:
    return runs_grants_in(user, programme.municipality_id)


def can_apply_for(user: AnyUser, association_id: int) -> bool:
    return bool(user.is_authenticated) and represents(user, association_id)


def can_edit_application(user: AnyUser, application: Application) -> bool:
    """See and change the application as its applicant (whether a change is allowed now is the
    service's rule: the deadline and the status)."""
    return is_admin(user) or represents(user, application.association_id)


def can_see_application(user: AnyUser, application: Application) -> bool:
    """The applicant, those who run the programme, and its reviewers who are not recused from
    this application (a recused reviewer sees neither the application nor its attachments)."""
    return (
        can_edit_application(user, application)
        or can_manage_programme(user, application.programme)
        or can_review(user, application)
    )


def is_reviewer(user: AnyUser, programme: Programme) -> bool:
    if not user.is_authenticated:
        return False
    if can_manage_programme(user, programme):
        return True
    return ProgrammeReviewer.objects.filter(programme=programme, user_id=user.pk).exists()


def is_recused(user: AnyUser, application: Application) -> bool:
    if not user.is_authenticated:
        return False
    return Recusal.objects.filter(application=application, user_id=user.pk).exists()


def can_handle_application(user: AnyUser, application: Application) -> bool:
    """Decide, pay and review the use report of one application: one who runs the programme and
    has no conflict of interest with the applicant."""
    return can_manage_programme(user, application.programme) and not is_recused(user, application)


def can_review(user: AnyUser, application: Application) -> bool:
    return is_reviewer(user, application.programme) and not is_recused(user, application)
