"""Benchmark: the results page of a survey with 5,000 answers (issue 4, "Speed").

Builds, in a throw-away test database on the backend named by DATABASE_URL (SQLite by default;
PostgreSQL uses the test database ``test_surveys_bench``), a survey with one question of every
type and 5,000 submitted responses (40,000 answer rows, plus chosen options and proposals), and a
small survey of the same shape with 50 responses. Then, through the Django test client as the
survey's liaison, times the results page many times (server-side: request in, HTML out), the
trivial /healthz view in the same run as the reference, and counts the queries of both surveys'
pages (they must be equal: a constant number of queries).

Prints a table and writes bench/results/surveys-results-<backend>-<timestamp>.json.
Not part of ``make test``.

    .venv/bin/python bench/surveys_results.py [--runs 40] [--answers 5000]
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
os.environ.setdefault("TEST_DATABASE_NAME", "test_surveys_bench")
os.environ["DEBUG"] = "false"


def build_survey(count: int, municipality: Any, title: str) -> Any:
    """A survey with every question type and ``count`` submitted responses (bulk inserts)."""
    import random

    from django.utils import timezone

    from kumppani.surveys.models import (
        Answer,
        AnswerChoice,
        Invitation,
        ProposalItem,
        QuestionKind,
        Response,
        ResponseStatus,
    )
    from kumppani.surveys.services import question_create, section_create, survey_create

    rng = random.Random(count)
    now = timezone.now()
    survey = survey_create(
        actor=None,
        scope="municipality",
        municipality=municipality,
        title_fi=title,
        opens_at=now - timezone.timedelta(days=10),
        closes_at=now + timezone.timedelta(days=10),
    )
    first = section_create(survey=survey, title_fi="Yhdistyksen toiminta")
    second = section_create(survey=survey, title_fi="Toimenpide-ehdotukset")
    q = {
        "text": question_create(section=first, kind=QuestionKind.SHORT_TEXT, text_fi="Mitä?"),
        "long": question_create(section=first, kind=QuestionKind.LONG_TEXT, text_fi="Miten?"),
        "single": question_create(
            section=first, kind=QuestionKind.SINGLE, text_fi="Alue?",
            choices=[("Kylä", "", ""), ("Kunta", "", ""), ("Maakunta", "", "")],
        ),
        "multiple": question_create(
            section=first, kind=QuestionKind.MULTIPLE, text_fi="Kohderyhmät?",
            choices=[(t, "", "") for t in ("Lapset", "Nuoret", "Aikuiset", "Ikäihmiset")],
        ),
        "scale": question_create(section=first, kind=QuestionKind.SCALE, text_fi="Arvio?"),
        "number": question_create(section=first, kind=QuestionKind.NUMBER, text_fi="Jäsenet?"),
        "yes_no": question_create(
            section=first, kind=QuestionKind.YES_NO, text_fi="Tilat?", is_premises_question=True
        ),
        "proposals": question_create(
            section=second, kind=QuestionKind.PROPOSALS, text_fi="Ehdotukset"
        ),
    }  # fmt: skip
    single = list(q["single"].choices.all())
    multiple = list(q["multiple"].choices.all())
    invitations = Invitation.objects.bulk_create(
        [
            Invitation(survey=survey, kind="team", name=f"Tiimi {i}", municipality=municipality)
            for i in range(count)
        ],
        batch_size=1000,
    )
    responses = Response.objects.bulk_create(
        [
            Response(
                invitation=inv,
                survey=survey,
                municipality=municipality,
                status=ResponseStatus.SUBMITTED,
                submitted_at=now,
            )
            for inv in invitations
        ],
        batch_size=1000,
    )
    answers: list[Answer] = []
    for i, r in enumerate(responses):
        answers += [
            Answer(response=r, question=q["text"], text=f"Vastaus {i}"),
            Answer(response=r, question=q["long"], text=f"Pidempi vastaus numero {i}. " * 3),
            Answer(response=r, question=q["single"]),
            Answer(response=r, question=q["multiple"]),
            Answer(response=r, question=q["scale"], number=rng.randint(1, 5)),
            Answer(response=r, question=q["number"], number=rng.randint(5, 500)),
            Answer(response=r, question=q["yes_no"], yes=rng.random() < 0.6),
            Answer(response=r, question=q["proposals"]),
        ]
    Answer.objects.bulk_create(answers, batch_size=2000)
    by_question: dict[str, list[Answer]] = {}
    for a in answers:
        by_question.setdefault(a.question_id, []).append(a)  # type: ignore[arg-type]
    choices = [
        AnswerChoice(answer=a, choice=rng.choice(single)) for a in by_question[q["single"].pk]
    ]
    for a in by_question[q["multiple"].pk]:
        choices += [AnswerChoice(answer=a, choice=c) for c in rng.sample(multiple, 2)]
    AnswerChoice.objects.bulk_create(choices, batch_size=2000)
    items = []
    for i, a in enumerate(by_question[q["proposals"].pk]):
        items += [
            ProposalItem(answer=a, mode="own", position=0, text=f"Oma ehdotus {i}"),
            ProposalItem(answer=a, mode="together", position=0, text=f"Yhteinen ehdotus {i}"),
        ]
    ProposalItem.objects.bulk_create(items, batch_size=2000)
    return survey


def timed(fn: Any) -> float:
    began = time.perf_counter()
    fn()
    return time.perf_counter() - began


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--answers", type=int, default=5000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse

    backend = "pg" if connection.vendor == "postgresql" else "sqlite"
    tmp = Path(tempfile.mkdtemp(prefix="surveys-bench-"))
    if backend == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(tmp / "bench.sqlite3")
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        from kumppani.accounts.models import Role, RoleAssignment, User
        from kumppani.accounts.testing import reference_data_ensure
        from kumppani.geography.models import Municipality

        reference_data_ensure()
        municipality = Municipality.objects.get(code="541")
        t0 = time.perf_counter()
        big = build_survey(args.answers, municipality, "Iso kysely")
        small = build_survey(50, municipality, "Pieni kysely")
        if backend == "pg":
            # Bulk-loaded tables have no planner statistics yet; autovacuum would gather them
            # soon after in production. Without them PostgreSQL picks poor plans.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        setup_seconds = time.perf_counter() - t0
        liaison = User.objects.create_user(email="bench.liaison@example.org", password="x")
        RoleAssignment.objects.create(user=liaison, role=Role.LIAISON, municipality=municipality)
        client = Client()
        client.force_login(liaison)
        urls = {
            "big": reverse("surveys:results", args=[big.pk]),
            "small": reverse("surveys:results", args=[small.pk]),
        }
        queries: dict[str, int] = {}
        for name, url in urls.items():
            assert client.get(url).status_code == 200  # warm up
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            assert response.status_code == 200
            queries[name] = len(captured.captured_queries)
        body = client.get(urls["big"]).content.decode()
        assert f"{args.answers}" in body
        from django.core.cache import cache

        cold_queries: dict[str, int] = {}
        for name, url in urls.items():
            cache.clear()
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            cold_queries[name] = len(captured.captured_queries)
        reference: list[float] = []
        page: list[float] = []
        cold: list[float] = []
        for _ in range(args.runs):
            reference.append(timed(lambda: client.get("/healthz")))
            page.append(timed(lambda: client.get(urls["big"])))
            cache.clear()
            cold.append(timed(lambda: client.get(urls["big"])))
        csv_seconds = timed(lambda: client.get(reverse("surveys:results_csv", args=[big.pk])))
        xlsx_seconds = timed(lambda: client.get(reverse("surveys:results_xlsx", args=[big.pk])))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    result = {
        "backend": backend,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "responses": args.answers,
        "answer_rows": args.answers * 8,
        "setup_seconds": round(setup_seconds, 1),
        "runs": len(page),
        "results_page_median_ms": round(statistics.median(page) * 1000, 1),
        "results_page_p95_ms": round(p95(page) * 1000, 1),
        "results_page_max_ms": round(max(page) * 1000, 1),
        "reference_healthz_median_ms": round(statistics.median(reference) * 1000, 2),
        "p95_ratio_to_healthz_median": round(p95(page) / statistics.median(reference), 1),
        "cold_median_ms": round(statistics.median(cold) * 1000, 1),
        "cold_p95_ms": round(p95(cold) * 1000, 1),
        "cold_p95_ratio_to_healthz_median": round(p95(cold) / statistics.median(reference), 1),
        "cold_queries_5000": cold_queries["big"],
        "cold_queries_50": cold_queries["small"],
        "queries_5000": queries["big"],
        "queries_50": queries["small"],
        "constant_queries": queries["big"] == queries["small"]
        and cold_queries["big"] == cold_queries["small"],
        "csv_export_s": round(csv_seconds, 2),
        "xlsx_export_s": round(xlsx_seconds, 2),
        "goal": "p95 < 300 ms server-side, constant number of queries",
        "goal_met": p95(page) < 0.3 and queries["big"] == queries["small"],
        "cold_goal_met": p95(cold) < 0.3 and cold_queries["big"] == cold_queries["small"],
        "note": "warm = counts cached under a key that changes with every submitted answer; "
        "cold = cache cleared before each request (the first view after a new answer)",
    }
    r = result
    rows = [
        ("responses / answer rows", f"{r['responses']} / {r['answer_rows']}"),
        ("warm page median / p95 / max", f"{r['results_page_median_ms']} / "
         f"{r['results_page_p95_ms']} / {r['results_page_max_ms']} ms ({r['runs']} runs)"),
        ("reference /healthz median", f"{r['reference_healthz_median_ms']} ms "
         f"(p95 ratio {r['p95_ratio_to_healthz_median']}x)"),
        ("cold (no cache) median / p95", f"{r['cold_median_ms']} / {r['cold_p95_ms']} ms "
         f"(p95 ratio {r['cold_p95_ratio_to_healthz_median']}x)"),
        ("queries warm 5,000 / 50", f"{r['queries_5000']} / {r['queries_50']}"),
        ("queries cold 5,000 / 50", f"{r['cold_queries_5000']} / {r['cold_queries_50']}"),
        ("CSV / XLSX export of 5,000", f"{r['csv_export_s']} s / {r['xlsx_export_s']} s"),
        ("goal met", str(r["goal_met"])),
    ]  # fmt: skip
    print(f"\nSurvey results page with {args.answers} answers ({backend})")
    for label, value in rows:
        print(f"  {label:<34} {value}")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"surveys-results-{backend}-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"  written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
