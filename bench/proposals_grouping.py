"""Benchmark: grouping action proposals and the working group's page (issue 4, "Speed").

1. Grouping 833 proposals (Nurmes's number) through the real service ``proposals_regroup`` on a
   throw-away test database (SQLite by default, PostgreSQL with DATABASE_URL; test database
   ``test_proposals_bench``): several runs, median and max. Goal: under 2 s.
2. Grouping 100,000 proposals in a separate process (clean memory): base forms from raw text,
   TF-IDF, TruncatedSVD + MiniBatchKMeans + centroid agglomeration, per theme. Wall time and the
   process's peak RSS. Goal: under 60 s and 2 GB. Also 100,000 proposals stored in the database
   (base forms stored at submission) regrouped through the service, with its DB writes.
3. Quality: pairwise precision and recall against the generated proposals' ideas (realistic
   Finnish texts from templates, kumppani/proposals/textgen.py) for 833 and 100,000 proposals.
4. The working group's page (833 proposals, grouped, some scored) through the Django test
   client: p95 over many runs, query count, and the /healthz view as the reference in the same run.
   Goal: p95 under 300 ms, constant queries.

Prints a table and writes bench/results/proposals-grouping-<backend>-<timestamp>.json.

    .venv/bin/python bench/proposals_grouping.py [--runs 5] [--page-runs 200] [--big 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kumppani.settings")
os.environ.setdefault("TEST_DATABASE_NAME", "test_proposals_bench")
os.environ["DEBUG"] = "false"

NURMES = "541"
SMALL = 833


def big_worker(count: int) -> None:
    """Runs in a child process: group ``count`` proposals in memory, print JSON."""
    from kumppani.proposals.analysis import lemma_document
    from kumppani.proposals.grouping import cluster_documents, pairwise_precision_recall
    from kumppani.proposals.textgen import generate

    items = generate(random.Random(100), count)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    docs = [lemma_document(item.text) for item in items]
    t1 = time.perf_counter()
    by_theme: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        by_theme[item.theme].append(index)
    labels: list[tuple[str, int]] = [("", 0)] * count
    for theme, indexes in by_theme.items():
        clustering = cluster_documents([docs[i] for i in indexes])
        for i, label in zip(indexes, clustering.labels, strict=True):
            labels[i] = (theme, int(label))
    t2 = time.perf_counter()
    precision, recall = pairwise_precision_recall(
        [item.idea for item in items], [hash(label) for label in labels]
    )
    print(
        json.dumps(
            {
                "proposals": count,
                "base_forms_s": round(t1 - t0, 2),
                "clustering_s": round(t2 - t1, 2),
                "total_s": round(t2 - t0, 2),
                "groups": len(set(labels)),
                "ideas": len({item.idea for item in items}),
                "precision": round(precision, 3),
                "recall": round(recall, 3),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                "rss_before_mb": round(rss_before, 1),
            }
        )
    )


def build(runs_scored: int = 12) -> dict[str, Any]:
    from kumppani.accounts.models import Role, User
    from kumppani.accounts.services import role_assign
    from kumppani.geography.models import Municipality
    from kumppani.proposals.analysis import lemma_document
    from kumppani.proposals.models import Proposal, ProposerType
    from kumppani.proposals.textgen import THEMES, generate
    from kumppani.welfare.models import Plan, Theme

    nurmes = Municipality.objects.get(code=NURMES)
    plan = Plan.objects.create(
        municipality=nurmes, title_fi="Hyvinvointisuunnitelma", start_year=2025, end_year=2028
    )
    themes = {
        name: Theme.objects.create(plan=plan, name_fi=name, order=i)
        for i, name in enumerate(THEMES)
    }
    items = generate(random.Random(833), SMALL)
    Proposal.objects.bulk_create(
        Proposal(
            municipality=nurmes,
            theme=themes[item.theme],
            text=item.text,
            lemmas=lemma_document(item.text),
            proposer_type=ProposerType.ASSOCIATION if i % 3 else ProposerType.TEAM,
            proposer_name=f"Toimija {i % 48}",
            together=item.together,
        )
        for i, item in enumerate(items)
    )
    members = []
    for n in range(3):
        user = User.objects.create_user(email=f"hyte{n}@example.org", password="x")
        role_assign(user=user, role=Role.WELLBEING_GROUP, municipality=nurmes)
        members.append(user)
    truth = {
        pk: item.idea
        for pk, item in zip(
            Proposal.objects.filter(municipality=nurmes)
            .order_by("pk")
            .values_list("pk", flat=True),
            items,
            strict=True,
        )
    }
    return {"municipality": nurmes, "members": members, "truth": truth}


def build_big(count: int) -> dict[str, Any]:
    """``count`` proposals in Helsinki (091) across the template themes, base forms stored."""
    from kumppani.geography.models import Municipality
    from kumppani.proposals.analysis import lemma_document
    from kumppani.proposals.models import Proposal, ProposerType
    from kumppani.proposals.textgen import THEMES, generate
    from kumppani.welfare.models import Plan, Theme

    city = Municipality.objects.get(code="091")
    plan = Plan.objects.create(
        municipality=city, title_fi="Hyvinvointisuunnitelma", start_year=2025, end_year=2028
    )
    themes = {name: Theme.objects.create(plan=plan, name_fi=name) for name in THEMES}
    t0 = time.perf_counter()
    items = generate(random.Random(91), count)
    Proposal.objects.bulk_create(
        (
            Proposal(
                municipality=city,
                theme=themes[item.theme],
                text=item.text,
                lemmas=lemma_document(item.text),
                proposer_type=ProposerType.RESIDENT,
                together=item.together,
            )
            for item in items
        ),
        batch_size=2000,
    )
    return {
        "municipality": city,
        "proposals": count,
        "insert_s": round(time.perf_counter() - t0, 1),
    }


def timed(fn: Any) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--page-runs", type=int, default=200)
    parser.add_argument("--big", type=int, default=100_000)
    parser.add_argument(
        "--big-db", type=int, default=100_000, help="proposals regrouped through the DB (0: skip)"
    )
    parser.add_argument("--worker", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        big_worker(args.worker)
        return

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse

    from kumppani.accounts.testing import reference_data_ensure
    from kumppani.proposals.grouping import pairwise_precision_recall
    from kumppani.proposals.grouping_services import proposals_regroup
    from kumppani.proposals.models import Proposal, ProposalGroup
    from kumppani.proposals.services import criteria_ensure, scores_save

    backend = "pg" if connection.vendor == "postgresql" else "sqlite"
    tmp = Path(tempfile.mkdtemp(prefix="proposals-bench-"))
    if backend == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(tmp / "bench.sqlite3")
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        reference_data_ensure()
        data = build()
        nurmes = data["municipality"]
        regroup_times = [
            timed(lambda: proposals_regroup(municipality=nurmes)) for _ in range(args.runs)
        ]
        groups = dict(Proposal.objects.filter(municipality=nurmes).values_list("pk", "group_id"))
        pks = sorted(groups)
        precision, recall = pairwise_precision_recall(
            [data["truth"][pk] for pk in pks], [groups[pk] for pk in pks]
        )
        group_count = ProposalGroup.objects.filter(municipality=nurmes).count()
        criteria = criteria_ensure(municipality=nurmes)
        rng = random.Random(5)
        for group in ProposalGroup.objects.filter(municipality=nurmes)[:15]:
            for member in data["members"]:
                scores_save(
                    scorer=member,
                    values={c.pk: rng.randint(1, 5) for c in criteria},
                    group=group,
                )
        client = Client()
        client.force_login(data["members"][0])
        url = reverse("proposals:board", args=[NURMES])
        client.get(url)
        client.get("/healthz")
        page: list[float] = []
        reference: list[float] = []
        queries: list[int] = []
        for _ in range(args.page_runs):
            reference.append(timed(lambda: client.get("/healthz")))
            with CaptureQueriesContext(connection) as captured:
                response_time = timed(lambda: client.get(url))
            queries.append(len(captured.captured_queries))
            page.append(response_time)
        page2_queries = 0
        with CaptureQueriesContext(connection) as captured:
            client.get(url + "?page=2")
        page2_queries = len(captured.captured_queries)
        big_db: dict[str, Any] = {}
        if args.big_db:
            big_db = build_big(args.big_db)
            t0 = time.perf_counter()
            outcome = proposals_regroup(municipality=big_db.pop("municipality"))
            big_db["regroup_s"] = round(time.perf_counter() - t0, 2)
            big_db["groups"] = outcome.groups
            big_db["process_peak_rss_mb"] = round(
                resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    child = subprocess.run(
        [sys.executable, __file__, "--worker", str(args.big)],
        capture_output=True,
        text=True,
        check=True,
    )
    big = json.loads(child.stdout.strip().splitlines()[-1])

    result = {
        "backend": backend,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpu_count": os.cpu_count(),
        "small_proposals": SMALL,
        "small_regroup_runs": len(regroup_times),
        "small_regroup_median_s": round(statistics.median(regroup_times), 3),
        "small_regroup_max_s": round(max(regroup_times), 3),
        "small_groups": group_count,
        "small_precision": round(precision, 3),
        "small_recall": round(recall, 3),
        "big": big,
        "big_db": big_db,
        "page_runs": len(page),
        "page_p50_ms": round(statistics.median(page) * 1000, 1),
        "page_p95_ms": round(p95(page) * 1000, 1),
        "page_queries": max(queries),
        "page2_queries": page2_queries,
        "reference_healthz_p50_ms": round(statistics.median(reference) * 1000, 2),
        "page_p95_ratio_to_healthz_p50": round(p95(page) / statistics.median(reference), 1),
        "goals": {
            "833 under 2 s": max(regroup_times) < 2.0,
            "100k under 60 s": big["total_s"] < 60,
            "100k under 2 GB": big["peak_rss_mb"] < 2048,
            "100k through the DB under 60 s": big_db.get("regroup_s", 0) < 60,
            "page p95 under 300 ms": p95(page) < 0.3,
        },
    }
    print(f"\nGrouping action proposals and the working group's page ({backend})")
    rows = [
        (
            "833 proposals, regroup (service, DB) median / max",
            f"{result['small_regroup_median_s']} s / {result['small_regroup_max_s']} s",
        ),
        (
            "833: groups; pairwise precision / recall",
            f"{group_count}; {result['small_precision']} / {result['small_recall']}",
        ),
        (
            f"{big['proposals']} proposals: base forms + clustering",
            f"{big['base_forms_s']} s + {big['clustering_s']} s = {big['total_s']} s",
        ),
        (f"{big['proposals']}: peak RSS", f"{big['peak_rss_mb']} MB"),
        (
            f"{big['proposals']}: groups / ideas; precision / recall",
            f"{big['groups']} / {big['ideas']}; {big['precision']} / {big['recall']}",
        ),
        (
            f"{big_db.get('proposals', 0)} proposals in the DB: regroup (service, writes)",
            f"{big_db.get('regroup_s', '-')} s, {big_db.get('groups', '-')} groups",
        ),
        (
            "working group page p50 / p95",
            f"{result['page_p50_ms']} ms / {result['page_p95_ms']} ms",
        ),
        (
            "working group page queries (page 1, page 2)",
            f"{result['page_queries']}, {page2_queries}",
        ),
        ("/healthz p50 (reference)", f"{result['reference_healthz_p50_ms']} ms"),
    ]
    width = max(len(r[0]) for r in rows)
    for label, value in rows:
        print(f"  {label.ljust(width)}  {value}")
    print("  goals:", ", ".join(f"{k}: {'yes' if v else 'NO'}" for k, v in result["goals"].items()))
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = out / f"proposals-grouping-{backend}-{stamp}.json"
    path.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"  written: {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
