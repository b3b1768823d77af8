from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from kumppani.associations.importing import associations_import


class Command(BaseCommand):
    help = (
        "Import associations from a UTF-8 CSV file with the columns name_fi, municipality (code),"
        " categories (slugs separated by ;) and optionally name_sv, registration_number,"
        " purpose_fi, purpose_sv, purpose_en, email, phone, website, languages, member_count,"
        " uses_municipal_premises, active_municipalities."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--skip-invalid", action="store_true", help="Import the valid rows even if some fail."
        )
        parser.add_argument("--language", default="fi", choices=["fi", "sv", "en"])

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(options["language"]):
            path: Path = options["file"]
            if not path.is_file():
                raise CommandError(_("File not found: %(path)s") % {"path": path})
            report = associations_import(source=path, skip_invalid=options["skip_invalid"])
            for error in report.errors:
                if error.line:
                    self.stderr.write(
                        _("Line %(line)s: %(message)s")
                        % {"line": error.line, "message": error.message}
                    )
                else:
                    self.stderr.write(error.message)
            if not report.applied:
                raise CommandError(
                    _(
                        "%(count)s rows have errors; nothing was imported. "
                        "Fix them or use --skip-invalid."
                    )
                    % {"count": len(report.errors)}
                )
            self.stdout.write(
                _("Imported: %(created)s created, %(updated)s updated, %(skipped)s skipped.")
                % {"created": report.created, "updated": report.updated, "skipped": report.skipped}
            )
