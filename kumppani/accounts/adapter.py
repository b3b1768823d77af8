"""Sign-up hooks: the person's name is stored; a person who opened a role invitation gets the
role on signing up; a person who opened a representative invitation before logging in comes back
to it after logging in (also when allauth's ``next`` was lost on the way through email
verification)."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

SESSION_KEY = "role_invitation"
# The path of an invitation page opened before logging in.
PENDING_INVITATION_KEY = "pending_invitation_url"


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        full_name = " ".join(str(form.cleaned_data.get("full_name", "")).split())
        if full_name:
            user.full_name = full_name
        user = super().save_user(request, user, form, commit=commit)
        token = request.session.pop(SESSION_KEY, None) if commit else None
        if token:
            from kumppani.accounts.invitations import role_invitation_accept
            from kumppani.accounts.models import RoleInvitation

            invitation = RoleInvitation.objects.filter(
                token=token,
                accepted_at__isnull=True,
                withdrawn_at__isnull=True,
                email__iexact=user.email,
            ).first()
            if invitation is not None:
                role_invitation_accept(invitation=invitation, actor=user)
        return user

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        pending = request.session.pop(PENDING_INVITATION_KEY, None)
        if pending and url_has_allowed_host_and_scheme(
            pending, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return str(pending)
        return super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        pending = request.session.get(PENDING_INVITATION_KEY)
        if pending and request.user.is_authenticated:
            return self.get_login_redirect_url(request)
        return super().get_signup_redirect_url(request)
