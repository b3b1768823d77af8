"""Benchmark of the grants ranking page (issue 10): queries and time at 100 and 2,000 applications.

Creates a throw-away test database (SQLite under a temporary directory, or PostgreSQL when
DATABASE_URL is set), fills one programme per size with submitted applications, each scored by
three reviewers on two weighted criteria and a welfare-plan bonus, and requests the ranking page
as the municipality's liaison. Prints a table; the query count must not grow with the size.
Not part of ``make test``.

    .venv/bin/python bench/grants_ranking.py --sizes 100 2000 --runs 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kumppani.settings")


def build(size: int, municipality: Any, reviewers: list[Any], theme: Any) -> Any:
    import random

    from django.utils import timezone

    from kumppani.associations.models import Association
    from kumppani.grants.models import Application, Criterion, Programme, Review, Score

    rng = random.Random(size)
    now = timezone.now()
    programme = Programme.objects.create(
        municipality=municipality,
        branch="culture",
        kind="operating",
        title_fi=f"Toiminta-avustus {size}",
        budget_eur=Decimal("1000000"),
        opens_at=now - timezone.timedelta(days=30),
        closes_at=now - timezone.timedelta(days=1),
    )
    criteria = [
        Criterion.objects.create(programme=programme, name_fi="Vaikuttavuus", weight=2),
        Criterion.objects.create(programme=programme, name_fi="Toteutettavuus", weight=1),
        Criterion.objects.create(
            programme=programme, name_fi="Liikunta", kind="bonus", welfare_theme=theme, max_points=3
        ),
    ]
    associations = Association.objects.bulk_create(
        [
            Association(name_fi=f"Penkkiyhdistys {size}-{i} ry", home_municipality=municipality)
            for i in range(size)
        ],
        batch_size=1000,
    )
    applications = Application.objects.bulk_create(
        [
            Application(
                programme=programme,
                association=a,
                status="submitted",
                submitted_at=now,
                submitted_version=1,
                amount_eur=Decimal(rng.randint(5, 50) * 100),
            )
            for a in associations
        ],
        batch_size=1000,
    )
    reviews = Review.objects.bulk_create(
        [Review(application=a, reviewer=r) for a in applications for r in reviewers],
        batch_size=1000,
    )
    Score.objects.bulk_create(
        [
            Score(review=review, criterion=c, points=rng.randint(0, c.max_points))
            for review in reviews
            for c in criteria
        ],
        batch_size=2000,
    )
    return programme


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 2000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse

    backend = "pg" if connection.vendor == "postgresql" else "sqlite"
    tmp = Path(tempfile.mkdtemp(prefix="grants-ranking-bench-"))
    if backend == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(tmp / "bench.sqlite3")
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        from kumppani.accounts.models import Role, RoleAssignment, User
        from kumppani.accounts.testing import reference_data_ensure
        from kumppani.geography.models import Municipality
        from kumppani.welfare.models import Plan, Theme

        reference_data_ensure()
        municipality = Municipality.objects.get(code="276")
        plan = Plan.objects.create(
            municipality=municipality, title_fi="Hyvinvointisuunnitelma", start_year=2025,
            end_year=2028,
        )  # fmt: skip
        theme = Theme.objects.create(plan=plan, name_fi="Liikunta")
        liaison = User.objects.create_user(email="bench.liaison@example.org", password="x")
        RoleAssignment.objects.create(user=liaison, role=Role.LIAISON, municipality=municipality)
        reviewers = [
            User.objects.create_user(email=f"bench.reviewer{i}@example.org", password="x")
            for i in range(3)
        ]
        client = Client()
        client.force_login(liaison)
        rows = []
        for size in args.sizes:
            programme = build(size, municipality, reviewers, theme)
            if backend == "pg":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            url = reverse("grants:ranking", args=[programme.pk])
            client.get(url)  # warm: the automatic recusals are checked once
            times = []
            for _ in range(args.runs):
                with CaptureQueriesContext(connection) as queries:
                    began = time.perf_counter()
                    response = client.get(url)
                    times.append(time.perf_counter() - began)
                assert response.status_code == 200, response.status_code
            rows.append((size, len(queries), statistics.mean(times), max(times)))
        print(f"\nGrants ranking page ({backend})")
        print("| applications | queries | mean ms | max ms |")
        print("|---:|---:|---:|---:|")
        for size, count, mean, worst in rows:
            print(f"| {size} | {count} | {mean * 1000:.0f} | {worst * 1000:.0f} |")
        counts = {count for _size, count, _m, _w in rows}
        print("constant number of queries:", "yes" if len(counts) == 1 else f"NO {sorted(counts)}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
