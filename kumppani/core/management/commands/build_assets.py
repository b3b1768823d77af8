"""Generate the design system's static files (Suomi.fi tokens and icons) from node_modules."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kumppani.core.assets import AssetError, assets_build


class Command(BaseCommand):
    help = "Build tokens.css and icons.svg from the npm packages into BUILD_STATIC_DIR."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            paths = assets_build(
                node_modules=Path(settings.BASE_DIR) / "node_modules",
                out_dir=Path(settings.BUILD_STATIC_DIR),
            )
        except AssetError as error:
            raise CommandError(str(error)) from error
        self.stdout.write("built " + ", ".join(path.name for path in paths))
