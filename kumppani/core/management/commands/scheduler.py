"""The clock of production: enqueues the daily reminders for the background worker.

Run one ``manage.py scheduler`` process beside ``manage.py db_worker`` (``make demo`` starts
both). No cron lines are needed. The reminders themselves are idempotent, so a restart or a
second scheduler never sends anything twice.
"""

from typing import Any

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser


def enqueue_reminders() -> None:
    from kumppani.core.tasks import send_reminders_task

    send_reminders_task.enqueue()


def build_scheduler(*, hour: int, minute: int) -> BlockingScheduler:
    scheduler = BlockingScheduler(timezone=settings.TIME_ZONE)
    scheduler.add_job(
        enqueue_reminders,
        CronTrigger(hour=hour, minute=minute, timezone=settings.TIME_ZONE),
        id="send_reminders",
        coalesce=True,
        misfire_grace_time=6 * 3600,
        replace_existing=True,
    )
    return scheduler


class Command(BaseCommand):
    help = "Enqueue the daily reminders at REMINDERS_AT (local time) for the background worker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", action="store_true", help="also enqueue once at start")

    def handle(self, *args: Any, **options: Any) -> None:
        hour, minute = (int(part) for part in settings.REMINDERS_AT.split(":"))
        scheduler = build_scheduler(hour=hour, minute=minute)
        if options["now"]:
            enqueue_reminders()
        self.stdout.write(f"Scheduler: daily reminders at {hour:02d}:{minute:02d}.")
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            pass
