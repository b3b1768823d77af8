"""manage.py assign_role and create_api_token (the issue's command-line part)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from kumppani.accounts.models import ApiToken, Role, RoleAssignment
from kumppani.accounts.testing import World
from kumppani.associations.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_assign_role_with_each_scope(world: World) -> None:
    person = UserFactory.create(email="virkailija@example.org")
    run("assign_role", "Virkailija@example.org", "officer", "--municipality", "276")
    run(
        "assign_role",
        "virkailija@example.org",
        "representative",
        "--association",
        str(world.association.pk),
    )
    run("assign_role", "virkailija@example.org", "coordinator", "--region", world.region.code)
    roles = set(
        RoleAssignment.objects.filter(user=person).values_list(
            "role", "municipality__code", "association_id", "region__code"
        )
    )
    assert roles == {
        (Role.OFFICER, "276", None, None),
        (Role.REPRESENTATIVE, None, world.association.pk, None),
        (Role.COORDINATOR, None, None, world.region.code),
    }
    # Idempotent.
    run("assign_role", "virkailija@example.org", "officer", "--municipality", "276")
    assert RoleAssignment.objects.filter(user=person, role=Role.OFFICER).count() == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("ghost@example.org", "officer", "--municipality", "276"), "No account"),
        (("rep@example.org", "boss", "--municipality", "276"), "Unknown role"),
        (("rep@example.org", "officer", "--municipality", "999"), "Unknown municipality"),
        (("rep@example.org", "representative", "--association", "999999"), "Unknown association"),
        (("rep@example.org", "coordinator", "--region", "99"), "Unknown region"),
        (("rep@example.org", "officer"), "needs --municipality"),
        (("rep@example.org", "officer", "--region", "12"), "needs --municipality"),
        (("rep@example.org", "admin", "--municipality", "276"), "has no scope"),
    ],
)
def test_assign_role_errors(world: World, args: tuple[str, ...], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        run("assign_role", *args)


def test_officer_made_on_the_command_line_may_use_the_api(world: World) -> None:
    UserFactory.create(email="api-officer@example.org")
    run("assign_role", "api-officer@example.org", "officer", "--municipality", "276")
    key = run("create_api_token", "api-officer@example.org").strip().splitlines()[-1]
    assert ApiToken.objects.filter(user__email="api-officer@example.org").count() == 1
    assert not RoleAssignment.objects.filter(
        user__email="api-officer@example.org", role=Role.ADMIN
    ).exists()
    response = Client().post(
        "/api/v1/grant-programmes",
        {
            "municipality": "276",
            "branch": "general",
            "title_fi": "Pienavustus",
            "kind": "startup",
            "budget_eur": "1000",
            "opens_at": "2026-04-01T00:00:00+03:00",
            "closes_at": "2026-04-30T00:00:00+03:00",
            "criteria": [],
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 201, response.content
