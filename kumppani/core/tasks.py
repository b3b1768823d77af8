"""Background work of the ground floor: the daily reminders (see ``manage.py scheduler``)."""

from __future__ import annotations

from django_tasks import task


@task()
def send_reminders_task() -> dict[str, int]:
    from kumppani.core.reminders import reminders_send

    return reminders_send()
