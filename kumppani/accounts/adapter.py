"""Sign-up hook: a person who opened a role invitation gets the role on signing up."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

SESSION_KEY = "role_invitation"


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        user = super().save_user(request, user, form, commit=commit)
        token = request.session.pop(SESSION_KEY, None) if commit else None
        if token:
            from kumppani.accounts.invitations import role_invitation_accept
            from kumppani.accounts.models import RoleInvitation

            invitation = RoleInvitation.objects.filter(
                token=token, accepted_at__isnull=True, email__iexact=user.email
            ).first()
            if invitation is not None:
                role_invitation_accept(invitation=invitation, actor=user)
        return user
