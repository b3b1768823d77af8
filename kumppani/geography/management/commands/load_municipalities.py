from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from kumppani.geography.services import municipalities_load


class Command(BaseCommand):
    help = "Load the 308 municipalities, regions and wellbeing counties (Statistics Finland)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = municipalities_load(path=settings.MUNICIPALITIES_CSV)
        self.stdout.write(f"municipalities: {result.created} created, {result.updated} updated")
