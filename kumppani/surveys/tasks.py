"""Background work of the surveys app: invitation emails (many recipients at a time)."""

from __future__ import annotations

from django_tasks import task


@task()
def send_invitation_emails(invitation_ids: list[int], language: str) -> int:
    from kumppani.surveys.services.invitations import invitations_send

    return invitations_send(invitation_ids=invitation_ids, language=language)
