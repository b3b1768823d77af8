"""Writes for the association registry."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypedDict, Unpack

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kumppani.accounts.access import forget_roles, is_admin
from kumppani.accounts.audit import audit_record
from kumppani.accounts.invitations import invitation_check_open
from kumppani.accounts.models import Role, RoleAssignment, User
from kumppani.accounts.services import role_assign
from kumppani.associations.models import (
    ActivityLanguage,
    Association,
    BoardMember,
    BoardRole,
    Category,
    RepresentationRequest,
    RepresentativeInvitation,
)
from kumppani.associations.search import index_associations
from kumppani.core.notifications import Email, current_language, email_send
from kumppani.geography.models import Municipality


class AssociationFields(TypedDict, total=False):
    name_fi: str
    name_sv: str
    registration_number: str
    home_municipality: Municipality | None  # required: None is reported as a field error
    purpose_fi: str
    purpose_sv: str
    purpose_en: str
    email: str
    phone: str
    website: str
    member_count: int | None
    uses_municipal_premises: bool


def _check_names(fields: Mapping[str, object]) -> None:
    """Callers spreading a dict get a TypeError for a name AssociationFields does not have."""
    unknown = set(fields) - AssociationFields.__optional_keys__
    if unknown:
        raise TypeError(f"unknown association fields: {sorted(unknown)}")


def _check_categories(categories: list[Category]) -> None:
    if not categories:
        raise ValidationError({"categories": _("Choose at least one category.")})


def _set_relations(
    association: Association,
    *,
    categories: Iterable[Category] | None,
    active_municipalities: Iterable[Municipality] | None,
    languages: Iterable[ActivityLanguage] | None,
) -> None:
    if categories is not None:
        association.categories.set(list(categories))
    if active_municipalities is not None:
        association.active_municipalities.set(list(active_municipalities))
    if languages is not None:
        association.languages.set(list(languages))


def _trusted(user: User) -> bool:
    """A verified email address (or an administrator) may publish an association at once."""
    return is_admin(user) or EmailAddress.objects.filter(user=user, verified=True).exists()


@transaction.atomic
def association_create(
    *,
    actor: User | None,
    categories: Iterable[Category],
    active_municipalities: Iterable[Municipality] = (),
    languages: Iterable[ActivityLanguage] = (),
    reindex: bool = True,
    **fields: Unpack[AssociationFields],
) -> Association:
    """Create an association; the person creating it (if any) becomes its first representative."""
    _check_names(fields)
    chosen = list(categories)
    _check_categories(chosen)
    association = Association(**fields)
    if actor is not None and actor.is_authenticated and not _trusted(actor):
        association.is_active = False
        association.awaiting_confirmation = True
    association.full_clean()
    association.save()
    _set_relations(
        association,
        categories=chosen,
        active_municipalities=active_municipalities,
        languages=languages,
    )
    audit_record(actor=actor, action="association.create", target=association)
    if actor is not None and actor.is_authenticated:
        RoleAssignment.objects.get_or_create(
            user=actor, role=Role.REPRESENTATIVE, association=association
        )
        forget_roles(actor)
    if reindex:  # False: the caller indexes many at once (the CSV import)
        index_associations([association.pk])
    return association


@transaction.atomic
def association_update(
    *,
    association: Association,
    actor: User | None = None,
    categories: Iterable[Category] | None = None,
    active_municipalities: Iterable[Municipality] | None = None,
    languages: Iterable[ActivityLanguage] | None = None,
    reindex: bool = True,
    **fields: Unpack[AssociationFields],
) -> Association:
    _check_names(fields)
    if categories is not None:
        categories = list(categories)
        _check_categories(categories)
    for key, value in fields.items():
        setattr(association, key, value)
    association.full_clean()
    association.save()
    _set_relations(
        association,
        categories=categories,
        active_municipalities=active_municipalities,
        languages=languages,
    )
    audit_record(
        actor=actor, action="association.update", target=association, summary=", ".join(fields)
    )
    if reindex:  # False: the caller indexes many at once (the CSV import)
        index_associations([association.pk])
    return association


def _invitation_email(invitation: RepresentativeInvitation) -> None:
    email_send(
        Email(
            to=[invitation.email],
            subject=gettext_lazy("Invitation to represent %(name)s"),
            subject_params={"name": invitation.association},
            template="associations/email/invitation.txt",
            context={"invitation": invitation},
            language=current_language(),
        )
    )


@transaction.atomic
def representative_invite(
    *, association: Association, email: str, actor: User
) -> RepresentativeInvitation:
    """Invite a person by email to represent the association; the email goes after commit.

    An address with an open invitation to the association gets no second one: the open one is
    sent again (``sent_at`` tells the caller so).
    """
    email = email.strip().lower()
    if RoleAssignment.objects.filter(
        association=association, role=Role.REPRESENTATIVE, user__email__iexact=email
    ).exists():
        raise ValidationError({"email": _("This person already represents the association.")})
    invitation = (
        RepresentativeInvitation.objects.select_for_update()
        .filter(
            association=association,
            email=email,
            accepted_at__isnull=True,
            withdrawn_at__isnull=True,
        )
        .first()
    )
    if invitation is not None:
        invitation.sent_at = timezone.now()
        invitation.save(update_fields=["sent_at"])
        audit_record(
            actor=actor, action="representative.invite_again", target=association, summary=email
        )
    else:
        invitation = RepresentativeInvitation(
            association=association, email=email, invited_by=actor
        )
        invitation.full_clean()  # the open-invitation constraint, with its message
        invitation.save()
        audit_record(actor=actor, action="representative.invite", target=association, summary=email)
    _invitation_email(invitation)
    return invitation


def invitations_close_for(*, association: Association, email: str) -> int:
    """The address now represents the association: its open invitations are done with."""
    return RepresentativeInvitation.objects.filter(
        association=association,
        email__iexact=email,
        accepted_at__isnull=True,
        withdrawn_at__isnull=True,
    ).update(accepted_at=timezone.now())


@transaction.atomic
def invitation_accept(*, invitation: RepresentativeInvitation, actor: User) -> RoleAssignment:
    invitation_check_open(invitation)
    if invitation.email.lower() != actor.email.lower():
        raise ValidationError(
            _("This invitation was sent to %(email)s. Log in with that address to accept it.")
            % {"email": invitation.email}
        )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    invitations_close_for(association=invitation.association, email=invitation.email)
    Association.objects.filter(pk=invitation.association_id).update(orphaned_at=None)
    assignment, _created = RoleAssignment.objects.get_or_create(
        user=actor, role=Role.REPRESENTATIVE, association=invitation.association
    )
    forget_roles(actor)
    audit_record(actor=actor, action="representative.accept", target=invitation.association)
    return assignment


@transaction.atomic
def invitation_withdraw(
    *, invitation: RepresentativeInvitation, actor: User | None
) -> RepresentativeInvitation:
    """Withdraw an open invitation; its link then says so."""
    invitation_check_open(invitation)
    invitation.withdrawn_at = timezone.now()
    invitation.withdrawn_by = actor if actor is not None and actor.pk else None
    invitation.save(update_fields=["withdrawn_at", "withdrawn_by"])
    audit_record(
        actor=actor,
        action="representative.withdraw_invitation",
        target=invitation.association,
        summary=invitation.email,
    )
    return invitation


@transaction.atomic
def representative_remove(
    *, association: Association, user_id: int, actor: User | None = None
) -> None:
    deleted, _details = RoleAssignment.objects.filter(
        association=association, role=Role.REPRESENTATIVE, user_id=user_id
    ).delete()
    if not deleted:
        raise ValidationError(_("That person is not a representative of this association."))
    audit_record(
        actor=actor, action="representative.remove", target=association, summary=f"user {user_id}"
    )
    associations_flag_orphaned(association_ids=[association.pk])


@transaction.atomic
def association_confirm(*, association: Association, actor: User | None) -> Association:
    """A liaison (or the creator's verified email) confirms an association awaiting it: it
    appears in the public directory."""
    if not association.awaiting_confirmation:
        raise ValidationError(_("This association is not waiting for confirmation."))
    association.awaiting_confirmation = False
    association.is_active = True
    association.full_clean()
    association.save(update_fields=["awaiting_confirmation", "is_active", "updated_at"])
    audit_record(actor=actor, action="association.confirm", target=association)
    index_associations([association.pk])
    return association


@transaction.atomic
def associations_confirm_for_verified(*, user: User) -> int:
    """The person verified their email address: the associations they created while unverified
    (and still represent) are published."""
    waiting = Association.objects.filter(
        awaiting_confirmation=True,
        role_assignments__user=user,
        role_assignments__role=Role.REPRESENTATIVE,
    ).distinct()
    confirmed = 0
    for association in waiting:
        association_confirm(association=association, actor=user)
        confirmed += 1
    return confirmed


@transaction.atomic
def associations_flag_orphaned(*, association_ids: Iterable[int]) -> list[int]:
    """Of these associations, flag those left without any representative for the liaisons of
    their home municipality (listed on the municipality page, and an email after commit)."""
    orphaned = list(
        Association.objects.filter(pk__in=list(association_ids), orphaned_at__isnull=True)
        .exclude(role_assignments__role=Role.REPRESENTATIVE)
        .values_list("pk", flat=True)
    )
    if not orphaned:
        return []
    Association.objects.filter(pk__in=orphaned).update(orphaned_at=timezone.now())
    for pk in orphaned:
        audit_record(actor=None, action="association.orphaned", summary=f"association {pk}")

    language = current_language()
    for association in Association.objects.filter(pk__in=orphaned).select_related(
        "home_municipality"
    ):
        liaisons = RoleAssignment.objects.filter(
            role=Role.LIAISON,
            municipality_id=association.home_municipality_id,
            user__is_active=True,
        ).values_list("user__email", flat=True)
        email_send(
            Email(
                to=sorted(set(liaisons)),
                subject=gettext_lazy("%(name)s has no representative"),
                subject_params={"name": association},
                template="associations/email/orphaned.txt",
                context={"association": association},
                language=language,
            )
        )
    return orphaned


@transaction.atomic
def representation_request_create(
    *, association: Association, requester: User, message: str = ""
) -> RepresentationRequest:
    """Ask to represent an association that is already registered (one pending per person)."""
    if RoleAssignment.objects.filter(
        association=association, role=Role.REPRESENTATIVE, user=requester
    ).exists():
        raise ValidationError(_("You already represent this association."))
    if RepresentationRequest.objects.filter(
        association=association, requester=requester, status=RepresentationRequest.Status.PENDING
    ).exists():
        raise ValidationError(
            _("You have already asked to represent this association; wait for the answer.")
        )
    request = RepresentationRequest(
        association=association, requester=requester, message=message.strip()
    )
    request.full_clean()
    request.save()
    audit_record(actor=requester, action="representation_request.create", target=association)
    return request


def _decide(
    request: RepresentationRequest, *, status: RepresentationRequest.Status, actor: User | None
) -> RepresentationRequest:
    if request.status != RepresentationRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    request.status = status
    request.decided_by = actor if actor is not None and actor.pk else None
    request.decided_at = timezone.now()
    request.full_clean()
    request.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(
        actor=actor,
        action=f"representation_request.{status}",
        target=request.association,
        summary=request.requester.email,
    )
    email_send(
        Email(
            to=[request.requester.email],
            subject=gettext_lazy("Your request to represent %(name)s"),
            subject_params={"name": request.association},
            template="associations/email/representation_decision.txt",
            context={
                "request": request,
                "approved": status == RepresentationRequest.Status.APPROVED,
            },
            language=current_language(),
        )
    )
    return request


@transaction.atomic
def representation_request_approve(
    *, request: RepresentationRequest, actor: User | None
) -> RepresentationRequest:
    """The requester becomes a representative (through the role service) and is told so."""
    _decide(request, status=RepresentationRequest.Status.APPROVED, actor=actor)
    role_assign(
        user=request.requester,
        role=Role.REPRESENTATIVE,
        association=request.association,
        actor=actor,
    )
    Association.objects.filter(pk=request.association_id).update(orphaned_at=None)
    return request


@transaction.atomic
def representation_request_decline(
    *, request: RepresentationRequest, actor: User | None
) -> RepresentationRequest:
    return _decide(request, status=RepresentationRequest.Status.DECLINED, actor=actor)


@transaction.atomic
def board_member_add(
    *, association: Association, actor: User | None, name: str, email: str = "", role: str
) -> BoardMember:
    """Add a member to the association's board; an email address that belongs to an account
    links the member to it (grants then recuse the person from the association's applications)."""
    email = email.strip().lower()
    if email and BoardMember.objects.filter(association=association, email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already on the board.")})
    member = BoardMember(
        association=association,
        name=name.strip(),
        email=email,
        role=role or BoardRole.MEMBER,
        user=User.objects.filter(email__iexact=email).first() if email else None,
    )
    member.full_clean()
    member.save()
    audit_record(actor=actor, action="board_member.add", target=association, summary=member.name)
    return member


@transaction.atomic
def board_member_remove(*, member: BoardMember, actor: User | None) -> None:
    association = member.association
    name = member.name
    member.delete()
    audit_record(actor=actor, action="board_member.remove", target=association, summary=name)
