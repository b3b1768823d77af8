"""allauth tells when a person verifies an email address; the service does the rest."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def publish_after_email_confirmed(
    sender: Any, request: HttpRequest, email_address: Any, **kw: Any
) -> None:
    from kumppani.associations.services import associations_confirm_for_verified

    associations_confirm_for_verified(user=email_address.user)
