from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection

from kumppani.core.backup import database_backup


class Command(BaseCommand):
    help = "Online backup of the database (pg_dump for PostgreSQL, sqlite3 backup API for SQLite)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", help="file to write (default var/backups/<time>.<ext>)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["output"]:
            path = Path(options["output"])
        else:
            suffix = "dump" if connection.vendor == "postgresql" else "sqlite3"
            stamp = datetime.now(tz=UTC).strftime("%Y%m%dT%H%M%SZ")
            path = Path(settings.VAR_DIR) / "backups" / f"kumppani-{stamp}.{suffix}"
        database_backup(path=path)
        self.stdout.write(str(path))
