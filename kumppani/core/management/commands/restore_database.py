from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kumppani.core.backup import database_restore


class Command(BaseCommand):
    help = "Replace the database's contents with a backup made by backup_database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"no such backup: {path}")
        if not options["yes"] and input(f"Replace the database with {path}? [y/N] ") != "y":
            raise CommandError("cancelled")
        database_restore(path=path)
        self.stdout.write(f"restored {path}")
