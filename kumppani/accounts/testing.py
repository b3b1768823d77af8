"""The shared test world: two municipalities, two associations, and a person for every role.

Kontiolahti (276) and Joensuu (167) are in Pohjois-Karjala (region 12); Tampere (837) is in
Pirkanmaa. ``rep`` represents ``association`` (Kontiolahti); ``other_rep`` represents
``other_association`` (Joensuu); ``liaison`` is Kontiolahti's, ``other_liaison`` Tampere's;
``coordinator`` coordinates Pohjois-Karjala.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from kumppani.accounts.models import Role, User
from kumppani.accounts.services import role_assign
from kumppani.associations.models import ActivityLanguage, Association, Category
from kumppani.associations.reference import ensure_reference_data
from kumppani.associations.tests.factories import AssociationFactory, UserFactory
from kumppani.geography.models import Municipality, Region
from kumppani.geography.services import municipalities_load

ROLES = (
    "anonymous",
    "other_rep",
    "rep",
    "other_liaison",
    "liaison",
    "coordinator",
    "admin",
)


def reference_data_ensure() -> None:
    if not Municipality.objects.exists():
        municipalities_load(path=settings.MUNICIPALITIES_CSV)
    if not Category.objects.exists():
        ensure_reference_data(Category, ActivityLanguage)


@dataclass
class World:
    municipality: Municipality
    other_municipality: Municipality
    far_municipality: Municipality
    region: Region
    association: Association
    other_association: Association
    rep: User
    other_rep: User
    liaison: User
    other_liaison: User
    coordinator: User
    admin: User

    def user(self, role: str) -> User | None:
        return None if role == "anonymous" else getattr(self, role)


def build_world() -> World:
    reference_data_ensure()
    kontiolahti = Municipality.objects.get(code="276")
    joensuu = Municipality.objects.get(code="167")
    tampere = Municipality.objects.get(code="837")
    sote = Category.objects.get(slug="social-health")
    village = Category.objects.get(slug="residents-village")
    association: Association = AssociationFactory.create(
        name_fi="Ylä-Kuhan kyläyhdistys ry",
        purpose_fi="Kyläyhdistys hakee avustusta kylätalon korjaukseen.",
        home_municipality=kontiolahti,
        categories=[village],
        registration_number="123.456",
    )
    other: Association = AssociationFactory.create(
        name_fi="Joensuun Sydänyhdistys ry",
        purpose_fi="Sydänterveyttä edistävää toimintaa.",
        home_municipality=joensuu,
        categories=[sote],
    )
    people: dict[str, User] = {
        name: UserFactory.create(
            email=f"{name}@example.org", full_name=name.replace("_", " ").title()
        )
        for name in ("rep", "other_rep", "liaison", "other_liaison", "coordinator", "admin")
    }
    role_assign(user=people["rep"], role=Role.REPRESENTATIVE, association=association)
    role_assign(user=people["other_rep"], role=Role.REPRESENTATIVE, association=other)
    role_assign(user=people["liaison"], role=Role.LIAISON, municipality=kontiolahti)
    role_assign(user=people["other_liaison"], role=Role.LIAISON, municipality=tampere)
    role_assign(user=people["coordinator"], role=Role.COORDINATOR, region=kontiolahti.region)
    role_assign(user=people["admin"], role=Role.ADMIN)
    return World(
        municipality=kontiolahti,
        other_municipality=joensuu,
        far_municipality=tampere,
        region=kontiolahti.region,
        association=association,
        other_association=other,
        **people,
    )


def pdf_bytes() -> bytes:
    """A real one-page PDF, as an upload test needs."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
