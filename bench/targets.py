"""The pages bench/run.py measures (data, not code: add a dict to TARGETS to add a page).

Each target has a ``name``, a ``kind`` ("trivial" is the reference every ratio is taken against;
"search" and "municipality" have goals, see GOALS), and either ``paths`` or a ``path_template``
with ``{code}`` filled from MUNICIPALITY_CODES. A target with ``optional: True`` is skipped when
no path answers 200 (a page another part of the project has not built yet); otherwise only
its paths that answer 200 are measured.
"""

from __future__ import annotations

import random
from typing import Any
from urllib.parse import urlencode

# Inflected single words: the search has to reduce them to base forms (Voikko).
ONE_WORD = [
    "kyläyhdistyksille",
    "urheiluseuran",
    "avustuksista",
    "kalastusseuralle",
    "eläkeläisten",
    "partiolaisille",
    "kuorossa",
    "metsästysseuran",
    "vertaistukea",
    "hiihtokouluja",
    "omaishoitajille",
    "föreningen",
]
TWO_WORDS = [
    "kylän avustuksista",
    "urheiluseura hiihtoa",
    "eläkeläisten retkiä",
    "oulun partiolaiset",
    "kuoro kirkoissa",
    "kalastusseura pilkkikisoja",
    "perheyhdistys vertaistukea",
    "byaföreningen evenemang",
    "helsingin martat",
    "vapaaehtoisia tapahtumiin",
]
# Big cities, mid-sized towns and small rural municipalities (real codes).
MUNICIPALITY_CODES = [
    "091", "049", "837", "564", "179", "853", "398", "297", "609", "167",
    "276", "146", "260", "422", "541", "309", "232", "172", "435", "729",
    "092", "638", "905", "743", "698", "740", "153", "286", "016", "845",
]  # fmt: skip
CATEGORIES = [
    "sports",
    "residents-village",
    "culture",
    "social-health",
    "seniors",
    "youth",
    "hobbies",
    "environment",
]


def _filter_paths() -> list[str]:
    rng = random.Random(7)
    queries: list[dict[str, str]] = [{"municipality": "091", "category": "sports"}]
    for _ in range(40):
        roll = rng.random()
        if roll < 0.6:
            query = {
                "municipality": rng.choice(MUNICIPALITY_CODES),
                "category": rng.choice(CATEGORIES),
            }
        elif roll < 0.75:
            query = {"municipality": rng.choice(MUNICIPALITY_CODES)}
        elif roll < 0.9:
            query = {"category": rng.choice(CATEGORIES)}
        else:
            query = {"region": rng.choice(["01", "11", "12", "15"]), "language": "sv"}
        queries.append(query)
    return [f"/fi/associations/?{urlencode(q)}" for q in queries]


TARGETS: list[dict[str, Any]] = [
    {"name": "trivial (/healthz)", "kind": "trivial", "paths": ["/healthz"]},
    # No goal: the cost of a templated page without data (the login form renders base.html and
    # a form, no queries), to show how much of a page's ratio is the page frame.
    {"name": "template floor (login page)", "kind": "floor", "paths": ["/fi/accounts/login/"]},
    {
        "name": "search: one inflected word",
        "kind": "search",
        "paths": [f"/fi/associations/?{urlencode({'q': w})}" for w in ONE_WORD],
    },
    {
        "name": "search: two words",
        "kind": "search",
        "paths": [f"/fi/associations/?{urlencode({'q': w})}" for w in TWO_WORDS],
    },
    {"name": "search: filter only", "kind": "search", "paths": _filter_paths()},
    {
        "name": "municipality page",
        "kind": "municipality",
        "path_template": "/fi/municipalities/{code}/",
    },
    # Pages of issue 3 (kumppani.cooperation), measured when they answer: municipalities
    # without a published guide answer 404 and are left out of the rotation.
    {
        "name": "municipality guide (issue 3)",
        "kind": "extra",
        "path_template": "/fi/municipalities/{code}/guide/",
        "optional": True,
    },
    {
        "name": "annual cycle (issue 3)",
        "kind": "extra",
        "path_template": "/fi/municipalities/{code}/annual-cycle/",
        "optional": True,
    },
]

# Goals of issue 2 (checked on PostgreSQL; SQLite is reported beside them).
GOALS = {
    "search": {"p95_ms_max": 50.0, "ratio_min": 0.3},
    "municipality": {"ratio_min": 0.5},
}


def expand(target: dict[str, Any]) -> list[str]:
    if "paths" in target:
        return list(target["paths"])
    return [target["path_template"].format(code=code) for code in MUNICIPALITY_CODES]
