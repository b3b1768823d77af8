from __future__ import annotations

from typing import Any, TypedDict

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import Field

from kumppani.accounts import access
from kumppani.api.auth import token_auth
from kumppani.api.links import absolute_url
from kumppani.api.lookups import FieldErrors, municipalities_by_code, municipality_by_code
from kumppani.api.pagination import Page, paginate
from kumppani.associations.models import ActivityLanguage, Association, Category
from kumppani.associations.selectors import DirectoryFilter, association_directory
from kumppani.associations.services import association_create, association_update
from kumppani.geography.models import Municipality

router = Router(tags=["organisations"])


class OrganisationOut(Schema):
    id: int
    name_fi: str
    name_sv: str
    registration_number: str
    municipality: str
    active_municipalities: list[str]
    categories: list[str]
    languages: list[str]
    description_fi: str
    description_sv: str
    description_en: str
    email: str
    phone: str
    website: str
    member_count: int | None
    uses_municipal_premises: bool
    url: str

    @staticmethod
    def resolve_municipality(a: Association) -> str:
        return a.home_municipality.code

    @staticmethod
    def resolve_active_municipalities(a: Association) -> list[str]:
        return [m.code for m in a.active_municipalities.all()]

    @staticmethod
    def resolve_categories(a: Association) -> list[str]:
        return [c.slug for c in a.categories.all()]

    @staticmethod
    def resolve_languages(a: Association) -> list[str]:
        return [lang.code for lang in a.languages.all()]

    @staticmethod
    def resolve_description_fi(a: Association) -> str:
        return a.purpose_fi

    @staticmethod
    def resolve_description_sv(a: Association) -> str:
        return a.purpose_sv

    @staticmethod
    def resolve_description_en(a: Association) -> str:
        return a.purpose_en

    @staticmethod
    def resolve_url(a: Association, context: dict[str, Any]) -> str:
        return absolute_url(context, a.get_absolute_url())


class OrganisationIn(Schema):
    name_fi: str = Field(min_length=1, max_length=200)
    name_sv: str = Field(default="", max_length=200)
    registration_number: str = Field(default="", max_length=8)
    municipality: str = Field(min_length=1, max_length=3)
    active_municipalities: list[str] = Field(default_factory=list, max_length=400)
    categories: list[str] = Field(min_length=1, max_length=20)
    languages: list[str] = Field(default_factory=list, max_length=10)
    description_fi: str = Field(default="", max_length=20_000)
    description_sv: str = Field(default="", max_length=20_000)
    description_en: str = Field(default="", max_length=20_000)
    email: str = Field(default="", max_length=254)
    phone: str = Field(default="", max_length=40)
    website: str = Field(default="", max_length=200)
    member_count: int | None = Field(default=None, ge=0)
    uses_municipal_premises: bool = False


class OrganisationPatch(Schema):
    name_fi: str | None = Field(default=None, min_length=1, max_length=200)
    name_sv: str | None = Field(default=None, max_length=200)
    registration_number: str | None = Field(default=None, max_length=8)
    municipality: str | None = Field(default=None, max_length=3)
    active_municipalities: list[str] | None = Field(default=None, max_length=400)
    categories: list[str] | None = Field(default=None, min_length=1, max_length=20)
    languages: list[str] | None = Field(default=None, max_length=10)
    description_fi: str | None = Field(default=None, max_length=20_000)
    description_sv: str | None = Field(default=None, max_length=20_000)
    description_en: str | None = Field(default=None, max_length=20_000)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=40)
    website: str | None = Field(default=None, max_length=200)
    member_count: int | None = Field(default=None, ge=0)
    uses_municipal_premises: bool | None = None


class OrganisationFields(TypedDict, total=False):
    """What a request sets on an association, as ``association_create``/``_update`` take it."""

    name_fi: str
    name_sv: str
    registration_number: str
    home_municipality: Municipality
    purpose_fi: str
    purpose_sv: str
    purpose_en: str
    email: str
    phone: str
    website: str
    member_count: int | None
    uses_municipal_premises: bool
    active_municipalities: list[Municipality]
    categories: list[Category]
    languages: list[ActivityLanguage]


@router.get(
    "/organisations", response=Page[OrganisationOut], summary="Search the association directory"
)
def organisations(
    request: HttpRequest,
    q: str = "",
    municipality: str = "",
    region: str = "",
    category: str = "",
    language: str = "",
    page: int = 1,
) -> dict[str, Any]:
    filters = DirectoryFilter(
        q=q[:200], municipality=municipality, region=region, category=category, language=language
    )
    qs = association_directory(filters=filters).prefetch_related(
        "active_municipalities", "languages"
    )
    return paginate(request, qs, page)


def _organisation(pk: int) -> Association:
    return get_object_or_404(
        Association.objects.select_related("home_municipality").prefetch_related(
            "categories", "active_municipalities", "languages"
        ),
        pk=pk,
        is_active=True,
    )


@router.get("/organisations/{int:pk}", response=OrganisationOut, summary="One association")
def organisation(request: HttpRequest, pk: int) -> Association:
    return _organisation(pk)


def _fields(payload: OrganisationIn | OrganisationPatch) -> OrganisationFields:
    """The request's fields with codes and slugs turned into objects; unknown ones are 422s."""
    given = payload.dict(exclude_unset=isinstance(payload, OrganisationPatch))
    errors = FieldErrors()
    out = OrganisationFields()
    if given.get("municipality") is not None:
        home = errors.attempt(lambda: municipality_by_code(given["municipality"]))
        if home is not None:
            out["home_municipality"] = home
    if given.get("active_municipalities") is not None:
        active = errors.attempt(
            lambda: municipalities_by_code(
                given["active_municipalities"], field="active_municipalities"
            )
        )
        out["active_municipalities"] = active or []
    if given.get("categories") is not None:
        slugs = set(given["categories"])
        out["categories"] = list(Category.objects.filter(slug__in=slugs))
        if len(out["categories"]) != len(slugs):
            errors.add("categories", _("Unknown category."))
    if given.get("languages") is not None:
        codes = set(given["languages"])
        out["languages"] = list(ActivityLanguage.objects.filter(code__in=codes))
        if len(out["languages"]) != len(codes):
            errors.add("languages", _("Unknown language."))
    errors.raise_any()
    for key, value in given.items():
        if key not in _RELATIONS and value is not None:
            out[_RENAMES.get(key, key)] = value  # type: ignore[literal-required]
    return out


_RELATIONS = {"municipality", "active_municipalities", "categories", "languages"}
_RENAMES = {
    "description_fi": "purpose_fi",
    "description_sv": "purpose_sv",
    "description_en": "purpose_en",
}


@router.post(
    "/organisations",
    response={201: OrganisationOut},
    auth=token_auth,
    summary="Register an association (the token's user becomes its representative)",
)
def organisation_create(request: HttpRequest, payload: OrganisationIn) -> tuple[int, Association]:
    if not access.can_create_association(request.user):
        raise PermissionDenied
    association = association_create(actor=request.auth, **_fields(payload))  # type: ignore[attr-defined]
    return 201, _organisation(association.pk)


@router.patch(
    "/organisations/{int:pk}",
    response=OrganisationOut,
    auth=token_auth,
    summary="Update an association (its representatives and administrators)",
)
def organisation_update(request: HttpRequest, pk: int, payload: OrganisationPatch) -> Association:
    association = get_object_or_404(Association, pk=pk)
    if not access.can_edit_association(request.user, association.pk):
        raise PermissionDenied
    association_update(association=association, actor=request.auth, **_fields(payload))  # type: ignore[attr-defined]
    return _organisation(pk)
