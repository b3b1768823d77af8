"""Representatives keep their association's profile; nobody else can."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from kumppani.accounts.models import Role, RoleAssignment
from kumppani.accounts.testing import World
from kumppani.associations.models import Association, Category, RepresentativeInvitation
from kumppani.associations.services import association_create, association_update

pytestmark = pytest.mark.django_db


def profile(world: World, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name_fi": "Ylä-Kuhan kyläyhdistys ry",
        "name_sv": "Övre Kuha byaförening r.f.",
        "registration_number": "123.456",
        "categories": [Category.objects.get(slug="residents-village").pk],
        "home_municipality": world.municipality.pk,
        "active_municipalities": [world.other_municipality.pk],
        "purpose_fi": "Kylätalo ja kesäjuhlat.",
        "email": "kyla@example.org",
        "member_count": "120",
        "uses_municipal_premises": "on",
    }
    data.update(changes)
    return data


def test_representative_saves_profile(client_for: Any, world: World) -> None:
    response = client_for("rep").post(
        f"/fi/associations/{world.association.pk}/edit/", profile(world)
    )
    assert response.status_code == 302
    association = Association.objects.get(pk=world.association.pk)
    assert association.member_count == 120 and association.uses_municipal_premises
    assert list(association.active_municipalities.all()) == [world.other_municipality]
    page = client_for("anonymous").get(f"/sv/associations/{association.pk}/").content.decode()
    assert "Övre Kuha byaförening r.f." in page and "Joensuu" in page


def test_bad_input_is_explained_and_kept(client_for: Any, world: World) -> None:
    response = client_for("rep").post(
        f"/fi/associations/{world.association.pk}/edit/",
        profile(world, registration_number="12-34", member_count="-1", categories=[]),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "123.456" in html  # the format hint in the message
    assert "Valitse vähintään yksi luokka." in html
    assert 'value="12-34"' in html  # what the user typed is kept
    assert Association.objects.get(pk=world.association.pk).registration_number == "123.456"


def test_others_cannot_edit(client_for: Any, world: World) -> None:
    url = f"/fi/associations/{world.association.pk}/edit/"
    for role in ("other_rep", "liaison", "coordinator"):
        assert client_for(role).post(url, profile(world, name_fi="Kaapattu")).status_code == 403
    assert Association.objects.get(pk=world.association.pk).name_fi != "Kaapattu"


def test_invitation_flow_adds_representative(
    client_for: Any, world: World, django_capture_on_commit_callbacks: Any
) -> None:
    rep = client_for("rep")
    with django_capture_on_commit_callbacks(execute=True):
        rep.post(
            f"/sv/associations/{world.association.pk}/representatives/",
            {"email": "Other_Rep@example.org"},
        )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["other_rep@example.org"]
    assert "Inbjudan att representera" in mail.outbox[0].subject
    invitation = RepresentativeInvitation.objects.get()
    assert invitation.token in mail.outbox[0].body
    # Someone else cannot use it.
    response = client_for("liaison").post(f"/fi/associations/invitations/{invitation.token}/")
    assert "Kirjaudu sillä osoitteella" in response.content.decode()
    other = client_for("other_rep")
    assert other.post(f"/fi/associations/invitations/{invitation.token}/").status_code == 302
    assert RoleAssignment.objects.filter(
        user=world.other_rep, association=world.association, role=Role.REPRESENTATIVE
    ).exists()
    assert other.get(f"/fi/associations/{world.association.pk}/edit/").status_code == 200
    # A used invitation cannot be used again.
    response = other.post(f"/fi/associations/invitations/{invitation.token}/")
    assert "Kutsu on jo käytetty." in response.content.decode()


def test_inviting_an_existing_representative_is_refused(client_for: Any, world: World) -> None:
    response = client_for("rep").post(
        f"/en/associations/{world.association.pk}/representatives/", {"email": "rep@example.org"}
    )
    assert "already represents" in response.content.decode()
    assert not RepresentativeInvitation.objects.exists()


def test_representative_removes_another(client_for: Any, world: World) -> None:
    from kumppani.accounts.services import role_assign

    role_assign(user=world.other_rep, role=Role.REPRESENTATIVE, association=world.association)
    response = client_for("rep").post(
        f"/fi/associations/{world.association.pk}/representatives/{world.other_rep.pk}/remove/"
    )
    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(
        user=world.other_rep, association=world.association
    ).exists()


def test_registering_makes_the_creator_representative(client_for: Any, world: World) -> None:
    data = profile(world, name_fi="Kontiolahden Kuoro ry", registration_number="")
    response = client_for("liaison").post("/fi/associations/new/", data)
    association = Association.objects.get(name_fi="Kontiolahden Kuoro ry")
    assert response["Location"].endswith(f"/associations/{association.pk}/")
    assert association.role_assignments.filter(user=world.liaison).exists()


def test_admin_assigns_scoped_roles_and_bad_scope_is_explained(
    client_for: Any, world: World
) -> None:
    admin = client_for("admin")
    response = admin.post("/en/people/roles/", {"email": "new@example.org", "role": "liaison"})
    assert "Choose the municipality for this role." in response.content.decode()
    response = admin.post(
        "/en/people/roles/",
        {"email": "other_rep@example.org", "role": "coordinator", "region": world.region.pk},
    )
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(
        user=world.other_rep, role=Role.COORDINATOR, region=world.region
    ).exists()


def test_password_reset_by_email(client_for: Any, world: World) -> None:
    client = client_for("anonymous")
    response = client.post("/fi/accounts/password/reset/", {"email": "rep@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["rep@example.org"]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_signup_with_email_and_login(client_for: Any, world: World) -> None:
    client = client_for("anonymous")
    response = client.post(
        "/fi/accounts/signup/",
        {
            "email": "uusi.kayttaja@example.org",
            "full_name": "Uusi Henkilö",
            "password1": "pitka-salasana-42",
            "password2": "pitka-salasana-42",
        },
    )
    assert response.status_code == 302
    # Mandatory verification: not logged in before the address is confirmed.
    assert client.get("/fi/me/").status_code == 302
    (message,) = [m for m in mail.outbox if m.to == ["uusi.kayttaja@example.org"]]
    key = str(message.body).split("/confirm-email/", 1)[1].split()[0]
    client.post(f"/fi/accounts/confirm-email/{key}")
    client.post(
        "/fi/accounts/login/",
        {"login": "uusi.kayttaja@example.org", "password": "pitka-salasana-42"},
    )
    assert client.get("/fi/me/").status_code == 200


def test_an_association_needs_a_category(world: World) -> None:
    with translation.override("en"), pytest.raises(ValidationError) as error:
        association_create(
            actor=None, categories=[], name_fi="Luokaton ry", home_municipality=world.municipality
        )
    assert error.value.message_dict == {"categories": ["Choose at least one category."]}
    assert not Association.objects.filter(name_fi="Luokaton ry").exists()
    with pytest.raises(ValidationError):
        association_update(association=world.association, categories=[])
    assert world.association.categories.exists()
