from typing import Any

from django.core.management.base import BaseCommand

from kumppani.cooperation.reminders import agreement_reminders_send


class Command(BaseCommand):
    help = "Email liaisons 60 and 14 days before a partnership agreement ends (once each)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = agreement_reminders_send()
        self.stdout.write(f"{count} reminder(s) sent.")
