"""Audience and invitations: associations, municipal teams, stakeholders and residents."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kumppani.accounts.audit import audit_record
from kumppani.accounts.models import User
from kumppani.associations.models import Association, Category
from kumppani.core.notifications import Email, current_language, emails_deliver
from kumppani.geography.models import Municipality
from kumppani.surveys.models import Invitation, RespondentKind, Survey
from kumppani.surveys.tasks import send_invitation_emails

# Above this many invitations the emails go through the background task queue.
DIRECT_SEND_LIMIT = 10


def _schedule_emails(invitation_ids: list[int]) -> None:
    """After commit: a few emails at once, many through the background task queue."""
    if not invitation_ids:
        return
    language = current_language()
    if len(invitation_ids) > DIRECT_SEND_LIMIT:
        transaction.on_commit(
            lambda: send_invitation_emails.enqueue(invitation_ids=invitation_ids, language=language)
        )
    else:
        transaction.on_commit(
            lambda: invitations_send(invitation_ids=invitation_ids, language=language)
        )


def invitations_send(*, invitation_ids: list[int], language: str) -> int:
    """Email each invitation's recipients their personal link (after commit or in a task);
    returns the number of invitations sent."""
    invitations = list(
        Invitation.objects.filter(pk__in=invitation_ids).select_related("survey", "association")
    )
    sent = 0
    for invitation in invitations:
        recipients = invitation_recipients(invitation)
        if not recipients:
            continue
        emails_deliver(
            [
                Email(
                    to=recipients,
                    subject=gettext_lazy("Survey: %(title)s"),
                    subject_params={"title": invitation.survey},
                    template="surveys/email/invitation.txt",
                    context={"invitation": invitation, "survey": invitation.survey},
                    language=language,
                )
            ]
        )
        Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
        sent += 1
    return sent


def audience_associations(
    *,
    survey: Survey,
    category: Category | None = None,
    municipalities: Iterable[Municipality] | None = None,
) -> list[Association]:
    """Active associations at home in the survey's municipality (or any in its region)."""
    qs = Association.objects.filter(is_active=True)
    if survey.municipality_id is not None:
        qs = qs.filter(home_municipality_id=survey.municipality_id)
    else:
        qs = qs.filter(home_municipality__region_id=survey.region_id)
    chosen = list(municipalities or [])
    if chosen:
        qs = qs.filter(home_municipality__in=chosen)
    if category is not None:
        qs = qs.filter(
            pk__in=Association.categories.through.objects.filter(category=category).values(
                "association_id"
            )
        )
    return list(qs.order_by("name_fi", "id"))


@transaction.atomic
def invitations_for_associations(
    *,
    survey: Survey,
    category: Category | None = None,
    municipalities: Iterable[Municipality] | None = None,
    send: bool = True,
    actor: User | None = None,
) -> list[Invitation]:
    """Invite every matching association once; already invited ones are skipped."""
    associations = audience_associations(
        survey=survey, category=category, municipalities=municipalities
    )
    already = set(
        survey.invitations.filter(association__isnull=False).values_list(
            "association_id", flat=True
        )
    )
    new = [
        Invitation(
            survey=survey,
            kind=RespondentKind.ASSOCIATION,
            association=a,
            municipality_id=a.home_municipality_id,
        )
        for a in associations
        if a.pk not in already
    ]
    for invitation in new:
        invitation.full_clean(exclude=["token"])
    created = Invitation.objects.bulk_create(new)
    if new:
        summary = ", ".join(str(i.association) for i in new)
        audit_record(actor=actor, action="survey.invite", target=survey, summary=summary)
    if send:
        ids = list(
            Invitation.objects.filter(
                survey=survey, association_id__in=[a.pk for a in associations]
            )
            .exclude(association_id__in=already)
            .values_list("pk", flat=True)
        )
        _schedule_emails(ids)
    return created


@transaction.atomic
def invitation_create(
    *,
    survey: Survey,
    kind: str,
    name: str = "",
    email: str = "",
    municipality: Municipality | None = None,
    association: Association | None = None,
    send: bool = True,
    actor: User | None = None,
) -> Invitation:
    """One named team, stakeholder or association."""
    if kind in (RespondentKind.TEAM, RespondentKind.STAKEHOLDER) and not name.strip():
        raise ValidationError({"name": _("Give the name of the team or stakeholder.")})
    if association is not None:
        if survey.invitations.filter(association=association).exists():
            raise ValidationError(_("This association has already been invited."))
        municipality = association.home_municipality
    if municipality is None:
        municipality = survey.municipality
    if municipality is not None and municipality.region_id != survey.region_id:
        raise ValidationError({"municipality": _("Choose a municipality of the survey's area.")})
    invitation = Invitation(
        survey=survey,
        kind=kind,
        name=name.strip(),
        email=email.strip().lower(),
        municipality=municipality,
        association=association,
    )
    invitation.full_clean()
    invitation.save()
    audit_record(actor=actor, action="survey.invite", target=survey, summary=str(invitation))
    if send and (email or association is not None):
        _schedule_emails([invitation.pk])
    return invitation


@transaction.atomic
def invitation_for_resident(*, survey: Survey) -> Invitation:
    """A resident who follows the open link gets a personal link of their own."""
    if not survey.open_link_enabled:
        raise ValidationError(_("This survey has no open link."))
    invitation = Invitation(
        survey=survey, kind=RespondentKind.RESIDENT, municipality=survey.municipality
    )
    invitation.full_clean()
    invitation.save()
    return invitation


def invitation_recipients(invitation: Invitation) -> list[str]:
    """The invitation's own address, or the association's address and its representatives'."""
    emails: list[str] = []
    if invitation.email:
        emails.append(invitation.email)
    if invitation.association is not None:
        if invitation.association.email:
            emails.append(invitation.association.email)
        emails.extend(
            invitation.association.role_assignments.filter(
                Q(role="representative") & ~Q(user__email="")
            ).values_list("user__email", flat=True)
        )
    return sorted(set(e.lower() for e in emails))
