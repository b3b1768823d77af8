"""The main pages of every role, for the browser tests and ``scripts/screenshots.py``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RolePage:
    role: str  # "resident" (anonymous), "representative", "liaison", ...
    name: str  # short slug for file names and test ids
    path: str  # with {municipality}, {region} and {association} placeholders, no language

    def url(self, *, municipality: str, region: str, association: int) -> str:
        return self.path.format(municipality=municipality, region=region, association=association)


ROLE_PAGES: list[RolePage] = [
    RolePage("resident", "front-page", "/"),
    RolePage("resident", "municipalities", "/municipalities/"),
    RolePage("resident", "municipality", "/municipalities/{municipality}/"),
    RolePage("resident", "association", "/associations/{association}/"),
    RolePage("representative", "my-pages", "/me/"),
    RolePage("representative", "association-edit", "/associations/{association}/edit/"),
    RolePage("representative", "grant-cases", "/grants/associations/{association}/cases/"),
    RolePage("liaison", "my-pages", "/me/"),
    RolePage("liaison", "guide", "/municipalities/{municipality}/guide/"),
    RolePage("liaison", "annual-cycle", "/municipalities/{municipality}/annual-cycle/"),
    RolePage("liaison", "grant-programmes", "/grants/manage/{municipality}/"),
    RolePage("wellbeing_group", "my-pages", "/me/"),
    RolePage("wellbeing_group", "proposal-board", "/municipalities/{municipality}/proposals/work/"),
    RolePage("coordinator", "my-pages", "/me/"),
    RolePage("coordinator", "region", "/regions/{region}/"),
    RolePage("admin", "my-pages", "/me/"),
    RolePage("admin", "roles", "/people/roles/"),
]

WIDTHS = (390, 1280)
