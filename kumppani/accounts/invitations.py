"""Roles given to email addresses without an account: invite, then grant on sign-up."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kumppani.accounts.audit import audit_record
from kumppani.accounts.models import Role, RoleAssignment, RoleInvitation, User
from kumppani.accounts.services import role_assign, role_scope_check
from kumppani.associations.models import Association, RepresentativeInvitation
from kumppani.core.notifications import Email, current_language, email_send
from kumppani.geography.models import Municipality, Region


@transaction.atomic
def role_invite(
    *,
    email: str,
    role: Role | str,
    actor: User | None,
    association: Association | None = None,
    municipality: Municipality | None = None,
    region: Region | None = None,
) -> RoleInvitation:
    """Invite a person who has no account; the email with a sign-up link goes after commit."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("This person already has an account.")})
    role_scope_check(role=role, association=association, municipality=municipality, region=region)
    invitation = RoleInvitation.objects.filter(
        email=email,
        role=role,
        association=association,
        municipality=municipality,
        region=region,
        accepted_at__isnull=True,
        withdrawn_at__isnull=True,
    ).first() or RoleInvitation(
        email=email,
        role=role,
        association=association,
        municipality=municipality,
        region=region,
        invited_by=actor if actor is not None and actor.pk else None,
    )
    invitation.full_clean()
    invitation.save()
    audit_record(actor=actor, action="role.invite", summary=str(invitation))
    scope = invitation.association or invitation.municipality or invitation.region or ""
    email_send(
        Email(
            to=[invitation.email],
            subject=gettext_lazy("You have been given a role on Kumppani"),
            template="accounts/email/role_invitation.txt",
            context={"invitation": invitation, "scope": f"({scope})" if scope else ""},
            language=current_language(),
        )
    )
    return invitation


def invitation_check_open(invitation: RoleInvitation | RepresentativeInvitation) -> None:
    """An invitation (to a role or to represent an association) can be used or withdrawn only
    while it is open."""
    if invitation.withdrawn_at is not None:
        raise ValidationError(_("This invitation has been withdrawn."))
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."))


@transaction.atomic
def role_invitation_withdraw(*, invitation: RoleInvitation, actor: User | None) -> RoleInvitation:
    """Withdraw an open invitation; its link then says so."""
    invitation_check_open(invitation)
    invitation.withdrawn_at = timezone.now()
    invitation.save(update_fields=["withdrawn_at"])
    audit_record(actor=actor, action="role.withdraw_invitation", summary=str(invitation))
    return invitation


@transaction.atomic
def role_invitation_accept(*, invitation: RoleInvitation, actor: User) -> RoleAssignment:
    """Grant the invited role to the person who signed up with the invited address."""
    invitation_check_open(invitation)
    if invitation.email.lower() != actor.email.lower():
        raise ValidationError(
            _("This invitation was sent to %(email)s. Log in with that address to accept it.")
            % {"email": invitation.email}
        )
    assignment = role_assign(
        user=actor,
        role=invitation.role,
        association=invitation.association,
        municipality=invitation.municipality,
        region=invitation.region,
        actor=invitation.invited_by,
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return assignment
