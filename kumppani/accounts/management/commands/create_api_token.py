from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kumppani.accounts.models import Role
from kumppani.accounts.services import api_token_create, role_assign, user_get_or_create


class Command(BaseCommand):
    help = "Create an API token for EMAIL (creating the user if missing); prints the token last."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--admin", action="store_true", help="Make the user an administrator.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_get_or_create(email=options["email"])
        if options["admin"]:
            role_assign(user=user, role=Role.ADMIN)
        self.stdout.write(api_token_create(user=user))
