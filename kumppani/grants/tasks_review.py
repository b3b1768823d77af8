"""Background work of grant reviews and decisions (django-tasks)."""

from __future__ import annotations

from django_tasks import task


@task()
def send_decision_letter(decision_id: int) -> bool:
    from kumppani.grants.services.decisions import decision_letter_send

    return decision_letter_send(decision_id=decision_id)
