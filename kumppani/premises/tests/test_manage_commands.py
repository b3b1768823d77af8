"""manage.py assign_role EMAIL officer --municipality CODE and create_api_token EMAIL: an officer
made from the command line manages the municipality's premises, on the pages and in the API."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from kumppani.accounts.models import Role, RoleAssignment
from kumppani.accounts.testing import World
from kumppani.associations.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_officer_from_the_command_line_manages_premises(world: World) -> None:
    person = UserFactory.create(email="tilat@example.org")
    run("assign_role", "tilat@example.org", "officer", "--municipality", "276")
    assert RoleAssignment.objects.filter(
        user=person, role=Role.OFFICER, municipality__code="276"
    ).exists()
    client = Client()
    client.force_login(person)
    assert client.get(reverse("premises:manage", args=["276"])).status_code == 200
    assert client.get(reverse("premises:manage", args=["167"])).status_code == 403
    output = run("create_api_token", "tilat@example.org")
    token = output.strip().split()[-1]
    response = Client().post(
        "/api/v1/premises",
        json.dumps({"municipality": "276", "name_fi": "Nuorisotila", "parent": None}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 201, response.content
