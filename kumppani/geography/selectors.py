"""Reads for geography."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from kumppani.geography.models import Municipality


def municipalities_with_counts() -> QuerySet[Municipality]:
    return (
        Municipality.objects.select_related("region", "wellbeing_county")
        .annotate(association_count=Count("associations", filter=Q(associations__is_active=True)))
        .order_by("name_fi")
    )


def municipality_or_404(code: str) -> Municipality:
    """The municipality with statistical code ``code``, or ``Http404`` (a JSON 404 in the API)."""
    return get_object_or_404(
        Municipality.objects.select_related("region", "wellbeing_county"), code=code
    )


def name_fold(text: str) -> str:
    """``text`` for matching: case and accents removed, hyphens and spaces made one space.

    "Hämeenlinna", "HAMEENLINNA" and "hameenlinna" fold alike, as do "Mänttä-Vilppula" and
    "mantta vilppula".
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("-", " ").split())


_LAST_LETTERS = str.maketrans({"å": "{", "ä": "|", "ö": "}"})  # the code points after "z"


def name_sort_key(text: str) -> str:
    """Alphabetical order of Finnish and Swedish names: å, ä and ö after z (Ähtäri after
    Ylöjärvi), other accents and case ignored."""
    return name_fold(text.casefold().translate(_LAST_LETTERS))


@dataclass(frozen=True)
class MunicipalitySearch:
    """The municipalities whose Finnish, Swedish or English name contains the query, best
    first (the whole name, then the start of a name, then anywhere), and the one to go to
    straight away: the only match, or the only one named exactly so."""

    query: str
    matches: list[Municipality]
    target: Municipality | None


def municipality_search(*, query: str) -> MunicipalitySearch:
    folded = name_fold(query)
    if not folded:
        return MunicipalitySearch(query=query, matches=[], target=None)
    ranked: list[tuple[int, str, Municipality]] = []
    for municipality in Municipality.objects.select_related("region").order_by("name_fi"):
        names = {name_fold(n) for n in _names(municipality)}
        if folded in names:
            rank = 0
        elif any(n.startswith(folded) or f" {folded}" in n for n in names):
            rank = 1
        elif any(folded in n for n in names):
            rank = 2
        else:
            continue
        ranked.append((rank, name_sort_key(str(municipality)), municipality))
    ranked.sort(key=lambda item: item[:2])
    matches = [municipality for _, _, municipality in ranked]
    exact = [municipality for rank, _, municipality in ranked if rank == 0]
    target = matches[0] if len(matches) == 1 else exact[0] if len(exact) == 1 else None
    return MunicipalitySearch(query=query, matches=matches, target=target)


def municipality_names() -> list[str]:
    """Every municipality's name in each language, once, for the search's type-ahead."""
    names = {
        name
        for row in Municipality.objects.values_list("name_fi", "name_sv", "name_en")
        for name in row
        if name
    }
    return sorted(names, key=lambda name: (name_sort_key(name), name))


def _names(municipality: Municipality) -> list[str]:
    return [
        name for name in (municipality.name_fi, municipality.name_sv, municipality.name_en) if name
    ]
