"""Writes for people, roles and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.accounts.access import forget_roles
from kumppani.accounts.audit import audit_changes, audit_record, audit_snapshot
from kumppani.accounts.models import (
    ASSOCIATION_ROLES,
    MUNICIPALITY_ROLES,
    REGION_ROLES,
    ApiToken,
    Role,
    RoleAssignment,
    User,
)
from kumppani.associations.models import Association, RepresentativeInvitation
from kumppani.geography.models import Municipality, Region


def hash_token(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def user_get_or_create(*, email: str, full_name: str = "") -> User:
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(email=email, full_name=full_name)
        user.set_unusable_password()
        user.full_clean()
        user.save()
    return user


@transaction.atomic
def user_name_set(*, user: User, full_name: str, actor: User | None = None) -> User:
    """Set the name shown wherever the person is listed."""
    full_name = " ".join(full_name.split())
    if not full_name:
        raise ValidationError({"full_name": _("Give your name.")})
    before = audit_snapshot(user, ["full_name"])
    user.full_name = full_name
    user.full_clean(exclude=["password"])
    user.save(update_fields=["full_name"])
    audit_record(
        actor=actor or user, action="user.name", target=user, changes=audit_changes(before, user)
    )
    return user


def role_scope_check(
    *,
    role: Role | str,
    association: Association | None,
    municipality: Municipality | None,
    region: Region | None,
) -> None:
    """A role needs its own scope: an association, a municipality or a region."""
    errors: dict[str, str] = {}
    if role in ASSOCIATION_ROLES and association is None:
        errors["association"] = _("Give the number of an existing association.")
    if role in MUNICIPALITY_ROLES and municipality is None:
        errors["municipality"] = _("Choose the municipality for this role.")
    if role in REGION_ROLES and region is None:
        errors["region"] = _("Choose the region for this role.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def role_assign(
    *,
    user: User,
    actor: User | None = None,
    role: Role | str,
    association: Association | None = None,
    municipality: Municipality | None = None,
    region: Region | None = None,
) -> RoleAssignment:
    """Give a person a scoped role (idempotent); the role's scope must be given."""
    role_scope_check(role=role, association=association, municipality=municipality, region=region)
    assignment = RoleAssignment.objects.filter(
        user=user, role=role, association=association, municipality=municipality, region=region
    ).first()
    if assignment is None:
        assignment = RoleAssignment(
            user=user, role=role, association=association, municipality=municipality, region=region
        )
        assignment.full_clean(validate_constraints=True)
        assignment.save()
        audit_record(actor=actor, action="role.assign", target=user, summary=str(assignment))
    if association is not None:
        # An invitation to represent it is done with (it leaves the open invitations).
        RepresentativeInvitation.objects.filter(
            association=association,
            email__iexact=user.email,
            accepted_at__isnull=True,
            withdrawn_at__isnull=True,
        ).update(accepted_at=timezone.now())
    forget_roles(user)
    return assignment


@transaction.atomic
def role_remove(*, assignment: RoleAssignment, actor: User | None = None) -> None:
    user = assignment.user
    audit_record(actor=actor, action="role.remove", target=user, summary=str(assignment))
    assignment.delete()
    forget_roles(user)


@transaction.atomic
def api_token_create(*, user: User) -> str:
    """Create a token and return its key; only the hash is stored, so show the key once."""
    key = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, key_hash=hash_token(key), prefix=key[:8])
    audit_record(actor=user, action="api_token.create", target=user)
    return key


def api_token_user(*, key: str) -> User | None:
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(key)).first()
    if token is None or not token.user.is_active:
        return None
    if token.last_used_at is None or (timezone.now() - token.last_used_at).total_seconds() > 3600:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


@transaction.atomic
def email_mark_verified(*, user: User) -> None:
    """Record the account's address as verified (demo people, addresses confirmed elsewhere)."""
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
