"""Scale-out (issue 9): throughput with 1, 2 and 4 gunicorn processes on PostgreSQL and Redis.

Starts the Procfile's `web` command with WEB_CONCURRENCY = 1, 2, 4 (sync workers) against its own
PostgreSQL database ``kumppani_ops_scale`` and Redis database 6 (shared cache, sessions, rate
limits, page cache) on 127.0.0.1, and measures with client threads of this script, for a fixed
time each: the trivial view (/healthz) and a realistic mix — anonymous public pages (front
page, directory, an association, a municipality: page cache), logged-in representatives' pages
(forum list, an association, the dashboard: rendered every time) and 5 % writes (survey-answer
saves). Reported as requests per second and as a ratio to /healthz in the same run.

Then, with 4 processes, the cache check: anonymous visitors load an association's public page
(cached), its representative renames it through the API (handled by one of the processes), and
40 new requests right after, spread over all processes, must all show the new name. The same
check is run with the per-process memory cache to show what it catches.

    .venv/bin/python bench/scaleout.py [--seconds 8] [--threads 8]

Not part of `make test`; `make bench-scaleout` runs it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import threading
import time
from pathlib import Path
from typing import Any

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
import prodlike as p
from faults import build_data

DB = "kumppani_ops_scale"
REDIS_DB = 6
PORT = 8792
BASE = f"http://127.0.0.1:{PORT}"
LOGS = p.ROOT / "var" / DB / "logs"


def measure(
    seconds: float, threads: int, pick: Any, max_requests: int = 100_000
) -> dict[str, float]:
    counts = {"ok": 0, "failed": 0}
    latencies: list[float] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(index: int) -> None:
        rng = random.Random(index)
        while time.monotonic() < deadline and counts["ok"] + counts["failed"] < max_requests:
            send = pick(rng)
            began = time.perf_counter()
            try:
                ok = send().status_code in (200, 302)
            except requests.RequestException:
                ok = False
            elapsed = time.perf_counter() - began
            with lock:
                counts["ok" if ok else "failed"] += 1
                latencies.append(elapsed)

    workers = [threading.Thread(target=client, args=(i,)) for i in range(threads)]
    began = time.monotonic()
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=seconds + 60)
    wall = time.monotonic() - began
    latencies.sort()
    return {
        "rps": round(counts["ok"] / wall, 1),
        "failed": counts["failed"],
        "p50_ms": round(latencies[len(latencies) // 2] * 1000, 1) if latencies else 0,
        "p95_ms": round(latencies[int(len(latencies) * 0.95)] * 1000, 1) if latencies else 0,
    }


def mix_picker(data: dict[str, Any], sessions: list[requests.Session]) -> Any:
    association = data["reps"][0][1]
    anonymous = [
        "/fi/",
        "/fi/associations/",
        f"/fi/associations/{association}/",
        "/fi/municipalities/276/",
    ]
    logged_in = ["/fi/forums/", f"/fi/associations/{association}/", "/fi/me/"]
    tokens = list(data["tokens"])
    question = data["question"]
    lock = threading.Lock()

    def pick(rng: random.Random) -> Any:
        roll = rng.random()
        if roll < 0.55:
            url = BASE + rng.choice(anonymous)
            return lambda: requests.get(url, timeout=30)
        session = rng.choice(sessions)
        if roll < 0.95 or not tokens:
            url = BASE + rng.choice(logged_in)
            return lambda: session.get(url, timeout=30)
        with lock:
            token = tokens.pop()
        return lambda: session.post(
            f"{BASE}/fi/surveys/answer/{token}/1/",
            data={f"q{question}": f"skaalaus {token[:8]}", f"h{question}": ""},
            headers=p.csrf_headers(session),
            allow_redirects=False,
            timeout=30,
        )

    return pick


def invalidation_check(data: dict[str, Any], api_key: str, rounds: int = 5) -> dict[str, int]:
    association = data["reps"][0][1]
    url = f"{BASE}/fi/associations/{association}/"
    stale = fresh = 0
    for n in range(rounds):
        for _ in range(12):  # every process serves (and caches) the current page
            requests.get(url, timeout=30)
        name = f"Skaalausyhdistys kierros {n} {time.time_ns()} ry"
        response = requests.patch(
            f"{BASE}/api/v1/organisations/{association}",
            json={"name_fi": name},
            headers={"Authorization": f"Bearer {api_key}"},
            timeout=30,
        )
        assert response.status_code == 200, response.text[:300]
        for _ in range(40):
            if name in requests.get(url, timeout=30).text:
                fresh += 1
            else:
                stale += 1
    return {"requests_after_write": fresh + stale, "stale": stale}


def run_workers(
    env: dict[str, str], workers: int, data: dict[str, Any], args: Any
) -> dict[str, Any]:
    web = p.web_start(env, workers, PORT, LOGS / f"web-{workers}.log")
    try:
        sessions = [p.login(BASE, email) for email, _a in data["reps"][:8]]
        picker = mix_picker(data, sessions)
        measure(2, args.threads, picker)  # warm-up: imports, caches
        trivial = measure(
            args.seconds,
            args.threads,
            lambda rng: lambda: requests.get(f"{BASE}/healthz", timeout=30),
        )
        mix = measure(args.seconds, args.threads, picker)
        return {"workers": workers, "trivial": trivial, "mix": mix}
    finally:
        p.stop(web)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    env = p.service_env(DB, REDIS_DB)
    p.database_recreate(DB, env)
    p.redis_clear(REDIS_DB)
    p.use_env(env)
    data = build_data()

    from kumppani.accounts.models import User
    from kumppani.accounts.services import api_token_create

    api_key = api_token_create(user=User.objects.get(email=data["reps"][0][0]))
    runs = [run_workers(env, n, data, args) for n in (1, 2, 4)]

    checks = {}
    for label, extra in (
        ("Redis (shared)", {}),
        ("per-process memory", {"CACHE_BACKEND": "django.core.cache.backends.locmem.LocMemCache"}),
    ):
        web = p.web_start({**env, **extra}, 4, PORT, LOGS / "web-check.log")
        try:
            checks[label] = invalidation_check(data, api_key)
        finally:
            p.stop(web)
    report(runs, checks, args)


def report(runs: list[dict[str, Any]], checks: dict[str, dict[str, int]], args: Any) -> None:
    base = runs[0]["mix"]["rps"] or 1
    rows = [
        [
            r["workers"],
            r["trivial"]["rps"],
            r["mix"]["rps"],
            r["mix"]["p50_ms"],
            r["mix"]["p95_ms"],
            round(r["mix"]["rps"] / (r["trivial"]["rps"] or 1), 2),
            round(r["mix"]["rps"] / base, 2),
            r["trivial"]["failed"] + r["mix"]["failed"],
        ]
        for r in runs
    ]
    table = p.markdown_table(
        [
            "gunicorn processes",
            "/healthz req/s",
            "mix req/s",
            "mix p50 ms",
            "mix p95 ms",
            "mix ratio to /healthz",
            "mix vs 1 process",
            "failed",
        ],
        rows,
    )
    check_rows = [[k, v["requests_after_write"], v["stale"]] for k, v in checks.items()]
    check_table = p.markdown_table(
        ["cache (4 processes)", "requests right after the write", "stale pages"], check_rows
    )
    print(table)
    print()
    print(check_table)
    print(json.dumps({"runs": runs, "checks": checks, "threads": args.threads}, indent=1))
    out = p.ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    (out / f"scaleout-{stamp}.md").write_text(table + "\n\n" + check_table + "\n")


if __name__ == "__main__":
    main()
