from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kumppani.forums.services.plans import plan_reminders_send


class Command(BaseCommand):
    help = "Email cooperation-plan teams before each step's deadline (each reminder once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=7, help="days before the deadline")

    def handle(self, *args: Any, **options: Any) -> None:
        sent = plan_reminders_send(days_before=options["days"])
        self.stdout.write(f"{sent} reminder(s) sent.")
