"""The Django admin's login goes through the site login's brute-force limit.

allauth counts failed logins per address and per IP in Django's default cache (Redis when
``CACHE_BACKEND`` says so), so the limit holds across every web process; the admin login
consumes the same counters, and failures on either login lock both.
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import get_adapter
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError


class RateLimitedAdminLoginForm(AdminAuthenticationForm):
    def clean(self) -> dict[str, Any]:
        email = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if email is not None and password:
            try:
                user = get_adapter(self.request).authenticate(
                    self.request, email=email, password=password
                )
            except ValidationError as error:  # too many failed attempts
                raise ValidationError(error.messages, code="too_many_login_attempts") from None
            if user is None:
                raise self.get_invalid_login_error()
            self.user_cache = user
            self.confirm_login_allowed(user)
        return self.cleaned_data


def use_rate_limited_admin_login() -> None:
    admin.site.login_form = RateLimitedAdminLoginForm
