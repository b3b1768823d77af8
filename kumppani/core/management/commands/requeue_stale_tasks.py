from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kumppani.core.tasks_recovery import tasks_requeue_stale


class Command(BaseCommand):
    help = (
        "Make RUNNING background tasks of dead workers READY again (run before db_worker starts, "
        "and periodically)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--stale-minutes",
            type=int,
            default=60,
            help="also requeue tasks running longer than this, whatever their worker (default 60)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        requeued = tasks_requeue_stale(stale_after=timedelta(minutes=options["stale_minutes"]))
        self.stdout.write(f"requeued {len(requeued)} task(s) {' '.join(requeued)}".rstrip())
