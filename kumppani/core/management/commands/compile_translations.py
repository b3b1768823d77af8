"""Compile every .po file of the project to .mo with polib (no GNU gettext needed)."""

from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


def po_files() -> list[Path]:
    root = Path(settings.BASE_DIR) / "kumppani"
    return sorted(root.glob("**/locale/*/LC_MESSAGES/django.po"))


class Command(BaseCommand):
    help = "Compile the project's translations (.po -> .mo)."

    def handle(self, *args: Any, **options: Any) -> None:
        for path in po_files():
            polib.pofile(str(path)).save_as_mofile(str(path.with_suffix(".mo")))
        self.stdout.write(f"compiled {len(po_files())} catalogues")
