"""Fail when a UI string lacks a Finnish or Swedish translation (msgids are English)."""

from typing import Any

import polib
from django.core.management.base import BaseCommand, CommandError

from kumppani.core.management.commands.compile_translations import po_files

REQUIRED = ("fi", "sv")


class Command(BaseCommand):
    help = "Check that every message of every catalogue is translated to fi and sv."

    def handle(self, *args: Any, **options: Any) -> None:
        problems: list[str] = []
        catalogues = po_files()
        languages = {p.parent.parent.name for p in catalogues}
        missing_languages = set(REQUIRED) - languages
        if missing_languages:
            problems.append(f"no catalogue for {sorted(missing_languages)}")
        for path in catalogues:
            if path.parent.parent.name not in REQUIRED:
                continue
            po = polib.pofile(str(path))
            for entry in po:
                if entry.obsolete:
                    continue
                untranslated = not entry.translated()
                if untranslated or "fuzzy" in entry.flags:
                    problems.append(f"{path}: untranslated: {entry.msgid[:70]!r}")
        if problems:
            for line in problems[:200]:
                self.stderr.write(line)
            raise CommandError(f"{len(problems)} translation problems")
        self.stdout.write(f"translations complete in {len(catalogues)} catalogues")
