"""``manage.py assign_role EMAIL ROLE [--municipality CODE | --association ID | --region CODE]``."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kumppani.accounts.models import (
    ASSOCIATION_ROLES,
    MUNICIPALITY_ROLES,
    REGION_ROLES,
    Role,
    User,
)
from kumppani.accounts.services import role_assign
from kumppani.associations.models import Association
from kumppani.geography.models import Municipality, Region


class Command(BaseCommand):
    help = (
        "Give an existing account a scoped role, as the administrator's page does. "
        f"Roles: {', '.join(Role.values)}."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("role", help=f"one of: {', '.join(Role.values)}")
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument("--municipality", metavar="CODE", help="municipality code, e.g. 276")
        scope.add_argument("--association", metavar="ID", type=int, help="association id")
        scope.add_argument("--region", metavar="CODE", help="region code, e.g. 12")

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip()
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"No account uses the address {email}.")
        role = options["role"]
        if role not in Role.values:
            raise CommandError(f"Unknown role {role!r}; choose one of: {', '.join(Role.values)}.")
        wanted = (
            "--association"
            if role in ASSOCIATION_ROLES
            else "--municipality"
            if role in MUNICIPALITY_ROLES
            else "--region"
            if role in REGION_ROLES
            else None
        )
        given = [f"--{name}" for name in ("municipality", "association", "region") if options[name]]
        if wanted is None and given:
            raise CommandError(f"The role {role} has no scope; leave out {given[0]}.")
        if wanted is not None and given != [wanted]:
            raise CommandError(f"The role {role} needs {wanted}.")
        municipality = association = region = None
        if options["municipality"]:
            municipality = Municipality.objects.filter(code=options["municipality"]).first()
            if municipality is None:
                raise CommandError(f"Unknown municipality code {options['municipality']!r}.")
        if options["association"] is not None:
            association = Association.objects.filter(pk=options["association"]).first()
            if association is None:
                raise CommandError(f"Unknown association id {options['association']}.")
        if options["region"]:
            region = Region.objects.filter(code=options["region"]).first()
            if region is None:
                raise CommandError(f"Unknown region code {options['region']!r}.")
        try:
            assignment = role_assign(
                user=user,
                role=role,
                municipality=municipality,
                association=association,
                region=region,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"{user.email}: {assignment}")
