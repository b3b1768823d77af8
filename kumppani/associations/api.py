from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import Field

from kumppani.accounts import access
from kumppani.api.auth import token_auth
from kumppani.api.pagination import paginate
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


class OrganisationList(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[OrganisationOut]


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


def organisation_dict(request: HttpRequest, a: Association) -> dict[str, Any]:
    return {
        "id": a.pk,
        "name_fi": a.name_fi,
        "name_sv": a.name_sv,
        "registration_number": a.registration_number,
        "municipality": a.home_municipality.code,
        "active_municipalities": [m.code for m in a.active_municipalities.all()],
        "categories": [c.slug for c in a.categories.all()],
        "languages": [lang.code for lang in a.languages.all()],
        "description_fi": a.purpose_fi,
        "description_sv": a.purpose_sv,
        "description_en": a.purpose_en,
        "email": a.email,
        "phone": a.phone,
        "website": a.website,
        "member_count": a.member_count,
        "uses_municipal_premises": a.uses_municipal_premises,
        "url": request.build_absolute_uri(a.get_absolute_url()),
    }


@router.get("/organisations", response=OrganisationList, summary="Search the association directory")
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
    data = paginate(request, qs, page)
    data["results"] = [organisation_dict(request, a) for a in data["results"]]
    return data


@router.get("/organisations/{int:pk}", response=OrganisationOut, summary="One association")
def organisation(request: HttpRequest, pk: int) -> dict[str, Any]:
    a = get_object_or_404(
        Association.objects.select_related("home_municipality").prefetch_related(
            "categories", "active_municipalities", "languages"
        ),
        pk=pk,
        is_active=True,
    )
    return organisation_dict(request, a)


def _resolve(payload: dict[str, Any]) -> dict[str, Any]:
    """Turn codes and slugs into objects; unknown ones are field errors (400), never 500s."""
    errors: dict[str, list[str]] = {}
    out: dict[str, Any] = {}
    if payload.get("municipality") is not None:
        home = Municipality.objects.filter(code=payload["municipality"]).first()
        if home is None:
            errors["municipality"] = [_("Unknown municipality code.")]
        out["home_municipality"] = home
    if payload.get("active_municipalities") is not None:
        codes = set(payload["active_municipalities"])
        found = list(Municipality.objects.filter(code__in=codes))
        if len(found) != len(codes):
            errors["active_municipalities"] = [_("Unknown municipality code.")]
        out["active_municipalities"] = found
    if payload.get("categories") is not None:
        slugs = set(payload["categories"])
        cats = list(Category.objects.filter(slug__in=slugs))
        if len(cats) != len(slugs):
            errors["categories"] = [_("Unknown category.")]
        out["categories"] = cats
    if payload.get("languages") is not None:
        codes = set(payload["languages"])
        langs = list(ActivityLanguage.objects.filter(code__in=codes))
        if len(langs) != len(codes):
            errors["languages"] = [_("Unknown language.")]
        out["languages"] = langs
    if errors:
        raise ValidationError(errors)
    renames = {
        "description_fi": "purpose_fi",
        "description_sv": "purpose_sv",
        "description_en": "purpose_en",
    }
    for key, value in payload.items():
        if key in {"municipality", "active_municipalities", "categories", "languages"}:
            continue
        if value is not None:
            out[renames.get(key, key)] = value
    return out


@router.post(
    "/organisations",
    response={201: OrganisationOut},
    auth=token_auth,
    summary="Register an association (the token's user becomes its representative)",
)
def organisation_create(request: HttpRequest, payload: OrganisationIn) -> tuple[int, Any]:
    if not access.can_create_association(request.user):
        raise PermissionDenied
    fields = _resolve(payload.dict())
    association = association_create(created_by=request.auth, **fields)  # type: ignore[attr-defined]
    return 201, organisation(request, association.pk)


@router.patch(
    "/organisations/{int:pk}",
    response=OrganisationOut,
    auth=token_auth,
    summary="Update an association (its representatives and administrators)",
)
def organisation_update(
    request: HttpRequest, pk: int, payload: OrganisationPatch
) -> dict[str, Any]:
    association = get_object_or_404(Association, pk=pk)
    if not access.can_edit_association(request.user, association.pk):
        raise PermissionDenied
    fields = _resolve(payload.dict(exclude_unset=True))
    association_update(association=association, actor=request.auth, **fields)  # type: ignore[attr-defined]
    return organisation(request, pk)
