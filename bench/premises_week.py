"""Benchmark: the week view of a space with five years of weekly series (issue 11: "A week view
of a space with 5 years of weekly series runs a constant number of queries; p95 under 50 ms on
PostgreSQL").

A fresh PostgreSQL database ``kumppani_premises_week`` (dropped and recreated; ``--backend
sqlite`` uses a SQLite file instead) gets a building → hall → two courts tree, and through the
booking service (``series_create``) several weekly series of about 260 occurrences each (five
years from next week) on the hall and its courts, and one on a sibling room. Then the week view
``premises:space`` (``/fi/premises/spaces/<pk>/?week=YYYY-Www``) of the hall is requested for
many different weeks across the five years, anonymously and logged in (a representative), with
Django's test client inside one process (the whole middleware and template stack, no network;
the public page cache off, so every request renders). The reference page, measured in the same
run the same way, is the public grants page of a municipality (``grants:municipality``). Reports
the median and p95 in ms, their ratio to the reference, and the number of queries of each
request (it must not grow with the week or the number of bookings).

The week view is built by the booking domain; if the checkout does not have it yet the script
says so and stops. ``--root`` runs it against another checkout (e.g. a worktree that has the
view). Not part of ``make test``.

    .venv/bin/python bench/premises_week.py
    .venv/bin/python bench/premises_week.py --root /work/wt/book --weeks 150
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent.parent
PG = "postgres://postgres@127.0.0.1:5432"
DB_NAME = "kumppani_premises_week"
YEARS = 5

# (space key, weekday, start hour, start minute, minutes, purpose)
SERIES = [
    ("hall", 0, 17, 0, 90, "Koko hallin kuntopiiri"),
    ("court1", 1, 17, 0, 90, "Junioreiden salibandy"),
    ("court2", 1, 18, 30, 90, "Tyttöjen futsal"),
    ("hall", 3, 18, 0, 120, "Lentopallo"),
    ("court1", 4, 16, 0, 60, "Perheliikunta"),
    ("room", 2, 18, 0, 120, "Kerhoilta"),
]


def pctl(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def worker(cfg: dict[str, Any]) -> dict[str, Any]:
    """Runs inside the checkout under test (its PYTHONPATH): fixture, then the measurement."""
    import datetime as dt
    import random
    import time

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone, translation

    from kumppani.accounts.models import Role, RoleAssignment, User
    from kumppani.accounts.testing import reference_data_ensure
    from kumppani.associations.models import Association
    from kumppani.geography.models import Municipality
    from kumppani.premises.models import Space
    from kumppani.premises.services.bookings import series_create

    with translation.override("fi"):
        try:
            reverse("premises:space", args=[1])
        except NoReverseMatch:
            return {"missing": "premises:space is not in this checkout yet"}

    reference_data_ensure()
    home = Municipality.objects.get(code="276")
    building = Space.objects.create(
        municipality=home, name_fi="Mittaustalo", kind="building", bookable=False
    )
    hall = Space.objects.create(
        municipality=home, parent=building, name_fi="Mittaushalli", kind="hall"
    )
    spaces = {
        "hall": hall,
        "court1": Space.objects.create(
            municipality=home, parent=hall, name_fi="Kenttä 1", kind="court"
        ),
        "court2": Space.objects.create(
            municipality=home, parent=hall, name_fi="Kenttä 2", kind="court"
        ),
        "room": Space.objects.create(municipality=home, parent=building, name_fi="Kerhohuone"),
    }
    club = Association.objects.create(name_fi="Mittausseura ry", home_municipality=home)
    user = User.objects.create(email="week-bench@example.org", full_name="Viikko Mittari")
    RoleAssignment.objects.create(user=user, role=Role.REPRESENTATIVE, association=club)
    weeks = 52 * YEARS
    began = time.perf_counter()
    made = 0
    today = timezone.localdate()
    for key, weekday, hour, minute, minutes, purpose in SERIES:
        day = today + dt.timedelta(days=7 + (weekday - today.weekday()) % 7)
        start = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))
        result = series_create(
            space=spaces[key],
            starts_at=start,
            ends_at=start + dt.timedelta(minutes=minutes),
            purpose=purpose,
            customer_type="association",
            rrule=f"FREQ=WEEKLY;COUNT={weeks}",
            organisation=club,
            as_officer=True,
            skip_clashes=True,
        )
        made += len(result.bookings)
    fixture_s = time.perf_counter() - began

    rng = random.Random(5)
    first_monday = today - dt.timedelta(days=today.weekday())
    chosen = [first_monday + dt.timedelta(weeks=rng.randrange(weeks)) for _ in range(cfg["weeks"])]
    with translation.override("fi"):
        page = reverse("premises:space", args=[hall.pk])
        reference = reverse("grants:municipality", args=[home.code])
    anonymous = Client(HTTP_ACCEPT_LANGUAGE="fi")
    member = Client(HTTP_ACCEPT_LANGUAGE="fi")
    member.force_login(user)

    def timed(client: Client, url: str) -> tuple[float, int, int]:
        with CaptureQueriesContext(connection) as queries:
            t0 = time.perf_counter()
            response = client.get(url)
            seconds = time.perf_counter() - t0
        return seconds, len(queries.captured_queries), response.status_code

    for client in (anonymous, member):  # warm up: templates, url resolvers, connection
        for _ in range(5):
            timed(client, page)
            timed(client, reference)
    results: dict[str, Any] = {}
    for who, client in (("anonymous", anonymous), ("logged in", member)):
        week_ms, week_queries, ref_ms, statuses = [], set(), [], set()
        for monday in chosen:
            year, number, _ = monday.isocalendar()
            seconds, queries, status = timed(client, f"{page}?week={year}-W{number:02d}")
            week_ms.append(seconds * 1000)
            week_queries.add(queries)
            statuses.add(status)
            seconds, _queries, _status = timed(client, reference)
            ref_ms.append(seconds * 1000)
        results[who] = {
            "requests": len(week_ms),
            "statuses": sorted(statuses),
            "week_median_ms": round(statistics.median(week_ms), 1),
            "week_p95_ms": round(pctl(week_ms, 0.95), 1),
            "reference_median_ms": round(statistics.median(ref_ms), 1),
            "reference_p95_ms": round(pctl(ref_ms, 0.95), 1),
            "p95_ratio_to_reference": round(pctl(week_ms, 0.95) / pctl(ref_ms, 0.95), 2),
            "queries_per_request": sorted(week_queries),
        }
    return {
        "database": connection.vendor,
        "bookings": made,
        "series": len(SERIES),
        "fixture_seconds": round(fixture_s, 1),
        "page": page,
        "reference": reference,
        "results": results,
    }


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        print(json.dumps(worker(json.loads(sys.argv[2]))))
        return
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--backend", choices=["pg", "sqlite"], default="pg")
    parser.add_argument("--root", default=str(HERE), help="the checkout to measure")
    parser.add_argument("--weeks", type=int, default=200, help="different weeks requested")
    args = parser.parse_args()
    root = Path(args.root).resolve()
    python = str(HERE / ".venv" / "bin" / "python")
    tmp = Path(tempfile.mkdtemp(prefix="premises-week-"))
    env = dict(os.environ)
    env.update(
        DEBUG="false",
        DJANGO_SETTINGS_MODULE="kumppani.settings",
        KUMPPANI_ENV="development",
        VAR_DIR=str(tmp),
        PYTHONPATH=str(root),
        PUBLIC_PAGE_CACHE_SECONDS="0",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    if args.backend == "pg":
        admin = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-q", "-c"]
        subprocess.run([*admin, f"DROP DATABASE IF EXISTS {DB_NAME}"], check=True)
        subprocess.run([*admin, f"CREATE DATABASE {DB_NAME}"], check=True)
        env["DATABASE_URL"] = f"{PG}/{DB_NAME}"
    else:
        env["DATABASE_URL"] = ""
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=root, env=env, check=True)
    done = subprocess.run(
        [python, __file__, "--worker", json.dumps({"weeks": args.weeks})],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["root"] = str(root)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if "missing" in result:
        raise SystemExit(2)
    print()
    print(
        "| who | week view median / p95 (ms) | reference median / p95 (ms) | p95 ratio | queries |"
    )
    print("|---|---|---|---|---|")
    for who, r in result["results"].items():
        print(
            f"| {who} | {r['week_median_ms']} / {r['week_p95_ms']} | {r['reference_median_ms']} / "
            f"{r['reference_p95_ms']} | {r['p95_ratio_to_reference']} | "
            f"{', '.join(map(str, r['queries_per_request']))} |"
        )
    out = HERE / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (out / f"premises-week-{args.backend}-{stamp}.json").write_text(
        json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
