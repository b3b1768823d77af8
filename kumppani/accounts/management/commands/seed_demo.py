"""Demo data: real municipalities, invented associations and people (example.org addresses).

Running it again reuses what is there. Each app that has a ``demo`` module with ``seed(rng)``
adds its part, in the order of INSTALLED_APPS.
"""

import importlib
import importlib.util
import random
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from kumppani.accounts.models import Role, User
from kumppani.accounts.services import email_mark_verified, role_assign, user_get_or_create
from kumppani.associations.demo import DEMO_PASSWORD
from kumppani.geography.models import Municipality, Region
from kumppani.geography.services import municipalities_load

STAFF = [
    # email, name, role, scope kind, scope code
    ("admin@example.org", "Aino Ylläpitäjä", Role.ADMIN, None, None),
    ("yhdyshenkilo.kontiolahti@example.org", "Kaisa Kuntalainen", Role.LIAISON, "m", "276"),
    ("yhdyshenkilo.liperi@example.org", "Leena Liperiläinen", Role.LIAISON, "m", "426"),
    ("yhdyshenkilo.nurmes@example.org", "Niko Nurmela", Role.LIAISON, "m", "541"),
    ("yhdyshenkilo.joutsa@example.org", "Jaana Joutsenlahti", Role.LIAISON, "m", "172"),
    ("agentti.kontiolahti@example.org", "Aatu Agentti", Role.AGENT, "m", "276"),
    ("viranhaltija.kontiolahti@example.org", "Ville Virkamies", Role.OFFICER, "m", "276"),
    ("hyte.nurmes@example.org", "Hanna Hytönen", Role.WELLBEING_GROUP, "m", "541"),
    ("koordinaattori.pk@example.org", "Kalle Koordinaattori", Role.COORDINATOR, "r", "12"),
    ("koordinaattori.ks@example.org", "Kirsi Keskinen", Role.COORDINATOR, "r", "13"),
]


class Command(BaseCommand):
    help = "Load municipalities and demo data (idempotent) and print the demo logins."

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override("en"):
            self._seed()

    def _seed(self) -> None:
        if not Municipality.objects.exists():
            municipalities_load(path=settings.MUNICIPALITIES_CSV)
        rng = random.Random(2026)
        logins: dict[str, str] = {}
        with transaction.atomic():
            for email, name, role, kind, code in STAFF:
                user = user_get_or_create(email=email, full_name=name)
                user.set_password(DEMO_PASSWORD)
                if role == Role.ADMIN:
                    user.is_staff = True
                    user.is_superuser = True
                user.save()
                role_assign(
                    user=user,
                    role=role,
                    municipality=Municipality.objects.get(code=code) if kind == "m" else None,
                    region=Region.objects.get(code=code) if kind == "r" else None,
                )
                logins.setdefault(str(role.label), email)
        for config in apps.get_app_configs():
            if not config.name.startswith("kumppani."):
                continue
            module_name = f"{config.name}.demo"
            if importlib.util.find_spec(module_name) is None:
                continue
            module = importlib.import_module(module_name)
            with transaction.atomic():
                extra = module.seed(rng)
            if extra:
                logins.update(extra)
        # Sign-up needs a verified address; the demo people log in straight away.
        for user in User.objects.exclude(password__startswith="!"):  # noqa: S106 (unusable)
            email_mark_verified(user=user)
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        for role_name, email in logins.items():
            self.stdout.write(f"  {role_name:<32} {email}")
