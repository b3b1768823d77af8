"""Benchmark of the cooperation pages of issue 3 at national scale (in-process, same run ratio).

Fills the database named by DATABASE_URL / VAR_DIR with cooperation data for every municipality
(2 liaisons with an agent, 3 bodies with 8 members, 5 agreements, 10 annual-cycle entries and a
guide with two published versions) unless already there, then requests each page through
Django's test client for 30 municipalities and reports mean and p95 time, queries per request,
and throughput as a ratio of the trivial view (/healthz) measured in the same run.
Prints a table and writes bench/results/cooperation-<timestamp>.json. Not part of ``make test``.

    VAR_DIR=/tmp/cooperation-var .venv/bin/python bench/cooperation.py --rounds 3
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kumppani.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from kumppani.associations.models import Association  # noqa: E402
from kumppani.cooperation.demo_texts import KONTIOLAHTI_V1, KONTIOLAHTI_V2  # noqa: E402
from kumppani.cooperation.models import (  # noqa: E402
    AgentPairing,
    Body,
    BodyKind,
    BodyMember,
    CycleEntry,
    Guide,
    GuideStatus,
    GuideVersion,
    Liaison,
    PartnershipAgreement,
)
from kumppani.geography.models import Municipality  # noqa: E402

CODES = [
    "091", "049", "837", "564", "179", "853", "398", "297", "609", "167",
    "276", "146", "260", "422", "541", "309", "232", "172", "435", "729",
    "092", "638", "905", "743", "698", "740", "153", "286", "016", "845",
]  # fmt: skip
PAGES = {
    "trivial (/healthz)": "/healthz",
    "municipality page": "/fi/municipalities/{code}/",
    "cooperation guide": "/fi/municipalities/{code}/guide/",
    "annual cycle": "/fi/municipalities/{code}/annual-cycle/",
    "region page": "/fi/regions/{region}/",
}


def fill() -> float:
    started = time.perf_counter()
    if Liaison.objects.filter(name__startswith="Bench ").exists():
        return 0.0
    association = Association.objects.order_by("id").first()
    if association is None:
        raise SystemExit("bench: no associations; run seed_demo or bench/generate.py first")
    when = dt.datetime(2026, 1, 15, 10, tzinfo=dt.UTC)
    with transaction.atomic():
        for m in Municipality.objects.all():
            for i in range(2):
                liaison = Liaison.objects.create(
                    municipality=m, name=f"Bench Yhdyshenkilö {i}", unit="Hyvinvointi",
                    hours_per_month=20, role_description_fi="Kutsuu järjestöt koolle.",
                )  # fmt: skip
                AgentPairing.objects.create(liaison=liaison, agent_name=f"Bench Agentti {i}")
            for b in range(3):
                body = Body.objects.create(
                    municipality=m, kind=BodyKind.ADVISORY_COUNCIL, name_fi=f"Bench JANE {b}"
                )
                BodyMember.objects.bulk_create(
                    BodyMember(body=body, person_name=f"Jäsen {k}", association=association,
                               term_end=dt.date(2026, 12, 31))
                    for k in range(8)
                )  # fmt: skip
            PartnershipAgreement.objects.bulk_create(
                PartnershipAgreement(municipality=m, association=association,
                                     title=f"Bench sopimus {a}", start=dt.date(2025, 1, 1),
                                     end=dt.date(2026, 6 + a, 1))
                for a in range(5)
            )  # fmt: skip
            CycleEntry.objects.bulk_create(
                CycleEntry(municipality=m, title_fi=f"Bench merkintä {e}", month=e + 1, day=10)
                for e in range(10)
            )
            guide = Guide.objects.get_or_create(municipality=m)[0]
            if not guide.versions.exists():
                for n, text in enumerate((KONTIOLAHTI_V1, KONTIOLAHTI_V2), start=1):
                    GuideVersion.objects.create(
                        guide=guide, number=n, status=GuideStatus.PUBLISHED,
                        narrative=text, published_at=when,
                    )  # fmt: skip
    return time.perf_counter() - started


def measure(client: Client, paths: list[str], rounds: int) -> dict[str, Any]:
    for path in paths:  # warm-up
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    times: list[float] = []
    queries: list[int] = []
    for _ in range(rounds):
        for path in paths:
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                client.get(path)
                times.append(time.perf_counter() - started)
            queries.append(len(ctx.captured_queries))
    times.sort()
    return {
        "requests": len(times),
        "mean_ms": statistics.mean(times) * 1000,
        "p95_ms": times[int(len(times) * 0.95) - 1] * 1000,
        "rps": len(times) / sum(times),
        "queries_min": min(queries),
        "queries_max": max(queries),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    filled = fill()
    client = Client()
    codes = [c for c in CODES if Municipality.objects.filter(code=c).exists()]
    regions = dict(Municipality.objects.filter(code__in=codes).values_list("code", "region__code"))
    results: dict[str, Any] = {}
    for name, template in PAGES.items():
        paths = [template.format(code=c, region=regions[c]) for c in codes]
        if "{" not in template:
            paths = [template] * len(codes)
        results[name] = measure(client, paths, args.rounds)
    trivial = results["trivial (/healthz)"]["rps"]
    print(f"\nDatabase: {settings.DATABASES['default']['ENGINE']}  "
          f"municipalities: {Municipality.objects.count()}  "
          f"associations: {Association.objects.count()}  fill: {filled:.1f}s")  # fmt: skip
    print(f"{'page':<22} {'mean ms':>8} {'p95 ms':>8} {'queries':>9} {'ratio':>7}")
    for name, r in results.items():
        r["ratio"] = r["rps"] / trivial
        q = f"{r['queries_min']}-{r['queries_max']}"
        print(f"{name:<22} {r['mean_ms']:8.1f} {r['p95_ms']:8.1f} {q:>9} {r['ratio']:7.3f}")
    out = ROOT / "bench" / "results" / f"cooperation-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"engine": settings.DATABASES["default"]["ENGINE"],
                               "results": results}, indent=2))  # fmt: skip
    print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
