"""Background work of the forums app (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from kumppani.forums.services.invitations import invitation_batch_send


@task()
def send_invitation_batch(batch_id: int) -> int:
    return invitation_batch_send(batch_id=batch_id)
