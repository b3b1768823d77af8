"""Benchmark: the liaison invites all associations of a large city (issue 3, "Speed").

Creates a city with 2,000 associations and 5,000 representatives (1,000 of whom represent two
associations) in a throw-away test database on the backend named by DATABASE_URL (SQLite by
default; e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/kumppani for PostgreSQL, which uses
the test database ``test_forums_bench``). Then:

- times the liaison's invite request (POST /fi/forums/<id>/invite/) through the Django test
  client, several runs, with the real django-tasks database backend (the request only records the
  batch and enqueues the task after commit); the trivial /healthz view is timed in the same run
  as the reference, and the invite median is reported as a ratio of it;
- times the background send separately (the task's function, locmem email backend: finding the
  representatives, building and handing over one email per person).

Prints a table and writes bench/results/forums-invite-<backend>-<timestamp>.json.
Not part of ``make test``.

    .venv/bin/python bench/forums_invite.py [--runs 7] [--sends 2]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kumppani.settings")
os.environ.setdefault("TEST_DATABASE_NAME", "test_forums_bench")
os.environ["DEBUG"] = "false"

ASSOCIATIONS = 2_000
PEOPLE = 5_000
CITY = "837"  # Tampere


def build(city_code: str) -> dict[str, Any]:
    import datetime as dt

    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from kumppani.accounts.models import Role, RoleAssignment, User
    from kumppani.accounts.testing import reference_data_ensure
    from kumppani.associations.models import Association, Category
    from kumppani.forums.models import Forum, ForumType
    from kumppani.geography.models import Municipality

    reference_data_ensure()
    city = Municipality.objects.get(code=city_code)
    categories = list(Category.objects.all())
    associations = Association.objects.bulk_create(
        [
            Association(name_fi=f"Penkkiyhdistys {n} ry", home_municipality=city)
            for n in range(ASSOCIATIONS)
        ],
        batch_size=1000,
    )
    through = Association.categories.through
    through.objects.bulk_create(
        [
            through(association_id=a.pk, category_id=categories[i % len(categories)].pk)
            for i, a in enumerate(associations)
        ],
        batch_size=2000,
    )
    password = make_password(None)
    people = User.objects.bulk_create(
        [
            User(email=f"edustaja{n}@example.org", full_name=f"Edustaja {n}", password=password)
            for n in range(PEOPLE)
        ],
        batch_size=1000,
    )
    roles = []
    for i, association in enumerate(associations):
        for person in (people[2 * i], people[2 * i + 1], people[4000 + i % 1000]):
            roles.append(
                RoleAssignment(user=person, role=Role.REPRESENTATIVE, association=association)
            )
    RoleAssignment.objects.bulk_create(roles, batch_size=2000)
    liaison = User.objects.create_user(email="bench.liaison@example.org", password="x")
    RoleAssignment.objects.create(user=liaison, role=Role.LIAISON, municipality=city)
    start = timezone.now() + dt.timedelta(days=30)
    forum = Forum.objects.create(
        type=ForumType.ASSOCIATION_EVENING,
        title_fi="Yhdistysilta",
        start=start,
        end=start + dt.timedelta(hours=3),
        place="Kaupungintalo",
    )
    forum.municipalities.set([city])
    return {
        "forum": forum,
        "liaison": liaison,
        "role_assignments": len(roles),
        "people": PEOPLE,
        "associations": ASSOCIATIONS,
    }


def timed(fn: Any) -> float:
    began = time.perf_counter()
    fn()
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sends", type=int, default=2)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core import mail
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse

    backend = "pg" if connection.vendor == "postgresql" else "sqlite"
    tmp = Path(tempfile.mkdtemp(prefix="forums-bench-"))
    if backend == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(tmp / "bench.sqlite3")
    setup_test_environment()  # locmem email backend
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        t0 = time.perf_counter()
        data = build(CITY)
        setup_seconds = time.perf_counter() - t0
        forum = data["forum"]
        client = Client()
        client.force_login(data["liaison"])
        url = reverse("forums:invite", args=[forum.pk])
        client.get(url)  # warm up
        client.get("/healthz")

        from kumppani.forums.models import InvitationBatch

        reference: list[float] = []
        invite: list[float] = []
        queries: list[int] = []
        for _ in range(args.runs):
            reference.append(timed(lambda: client.get("/healthz")))
            with CaptureQueriesContext(connection) as captured:
                elapsed = timed(lambda: client.post(url, {}))
            queries.append(len(captured.captured_queries))
            invite.append(elapsed)
        batches = list(InvitationBatch.objects.filter(forum=forum).order_by("pk"))
        assert len(batches) == args.runs, "every invite request must record a batch"
        assert mail.outbox == [], "no email may be sent inside the request"

        from kumppani.forums.services.invitations import invitation_batch_send

        sends: list[float] = []
        emails = 0
        for batch in batches[: args.sends]:
            mail.outbox = []
            sends.append(timed(lambda b=batch: invitation_batch_send(batch_id=b.pk)))
            emails = len(mail.outbox)
        per_person = {address for m in mail.outbox for address in m.to}
        assert emails == len(per_person) == PEOPLE, (emails, len(per_person))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    result = {
        "backend": backend,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "associations": ASSOCIATIONS,
        "representatives": PEOPLE,
        "role_assignments": data["role_assignments"],
        "setup_seconds": round(setup_seconds, 2),
        "invite_runs": len(invite),
        "invite_median_ms": round(statistics.median(invite) * 1000, 2),
        "invite_max_ms": round(max(invite) * 1000, 2),
        "invite_queries": max(queries),
        "reference_healthz_median_ms": round(statistics.median(reference) * 1000, 3),
        "invite_ratio_to_healthz": round(
            statistics.median(invite) / statistics.median(reference), 1
        ),
        "background_send_runs": len(sends),
        "background_send_median_s": round(statistics.median(sends), 2),
        "background_send_max_s": round(max(sends), 2),
        "emails_per_send": emails,
        "goal": "invite request < 1 s; one email per person",
        "goal_met": max(invite) < 1.0,
    }
    r = result
    rows = [
        ("associations / representatives", f"{ASSOCIATIONS} / {PEOPLE}"),
        (
            "invite request median / max",
            f"{r['invite_median_ms']} ms / {r['invite_max_ms']} ms "
            f"({len(invite)} runs, {r['invite_queries']} queries)",
        ),
        (
            "reference /healthz median",
            f"{r['reference_healthz_median_ms']} ms (ratio {r['invite_ratio_to_healthz']}x)",
        ),
        (
            "background send median / max",
            f"{r['background_send_median_s']} s / {r['background_send_max_s']} s ({emails} emails)",
        ),
        ("goal (< 1 s) met", str(r["goal_met"])),
    ]
    print(f"\nInvite all associations of a large city ({backend})")
    for label, value in rows:
        print(f"  {label:<34} {value}")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"forums-invite-{backend}-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"  written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
