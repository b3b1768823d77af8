"""Background work of the forums app (django-tasks)."""

from __future__ import annotations

from django_tasks import task


@task()
def send_invitation_batch(batch_id: int) -> int:
    from kumppani.forums.services.invitations import invitation_batch_send

    return invitation_batch_send(batch_id=batch_id)
