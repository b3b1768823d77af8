import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kumppani.core.reminders import reminder_kinds, reminders_send


class Command(BaseCommand):
    help = "Send every kind of reminder that is due today (each reminder once); run daily."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--kind", action="append", choices=reminder_kinds(), help="only this kind (repeatable)"
        )
        parser.add_argument("--date", type=dt.date.fromisoformat, help="run as if on this date")

    def handle(self, *args: Any, **options: Any) -> None:
        sent = reminders_send(today=options["date"], kinds=options["kind"])
        for name, count in sent.items():
            self.stdout.write(f"{name}: {count} reminder(s) sent.")
