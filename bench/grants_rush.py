"""Benchmark: the grant deadline rush (issue 10, "Correctness under load").

500 applicants, each an association's representative with an API token, create their application,
save it (PATCH with the version they hold) and submit it in the last 60 s before the programme's
``closes_at``; a few (5 %) try only after the deadline. Runs gunicorn (4 workers, DEBUG off) on
127.0.0.1 against a fresh database: a SQLite file in a temporary directory, or with
``--backend pg`` a PostgreSQL database ``kumppani_grants_rush`` that is dropped and recreated.

Two rounds in one run, each with its own programme and 500 new applicants:

1. **rush**: the deadline rush as it is;
2. **kill -9**: the same, and in the middle of the minute one gunicorn worker is killed with
   SIGKILL (the master starts a new one). Requests that the dead worker held fail on the client
   as connection errors (counted apart); the applicant tries again, as a person would.

Afterwards the database is checked: every receipt the clients got matches a stored, submitted
version byte for byte (the SHA-256 of the stored content equals the receipt's), no submission is
stored after ``closes_at``, and no request answered 5xx. The trivial view /healthz is timed in the
same server as the reference. Prints a table (paste it into the README) and writes
bench/results/grants-rush-<backend>-<timestamp>.json. Not part of ``make test``.

    .venv/bin/python bench/grants_rush.py --backend sqlite
    .venv/bin/python bench/grants_rush.py --backend pg
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import random
import signal
import statistics
import subprocess
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import harness

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PG = "postgres://postgres@127.0.0.1:5432"
DB_NAME = "kumppani_grants_rush"
WORKERS = 4
LATE_SHARE = 0.05  # applicants who try only after the deadline


def prepare_env(tmp: Path, backend: str) -> dict[str, str]:
    env = harness.prepare_env(tmp, backend, db_name=DB_NAME, root=ROOT)
    return env


# Makes one programme closing at ``closes_at`` and ``n`` associations, each with a representative
# holding an API token. Written through the ORM (a fixture, not what is measured).
SETUP = r"""
import datetime as dt, json, sys
import django
django.setup()
from decimal import Decimal
from django.contrib.auth.hashers import make_password
from kumppani.accounts.models import Role, RoleAssignment, User
from kumppani.accounts.services import api_token_create
from kumppani.accounts.testing import reference_data_ensure
from kumppani.associations.models import Association
from kumppani.geography.models import Municipality
from kumppani.grants.models import Programme, Question
reference_data_ensure()
tag, n, closes = sys.argv[1], int(sys.argv[2]), dt.datetime.fromisoformat(sys.argv[3])
m = Municipality.objects.get(code="167")
p = Programme.objects.create(
    municipality=m, branch="culture", kind="project", title_fi=f"Kuormitushaku {tag}",
    budget_eur=Decimal("100000"), opens_at=closes - dt.timedelta(days=30), closes_at=closes)
q1 = Question.objects.create(programme=p, kind="long_text", text_fi="Mitä teette?", required=True)
q2 = Question.objects.create(programme=p, kind="number", text_fi="Osallistujia", order=1)
password = make_password(None)
users = User.objects.bulk_create(
    [User(email=f"rush-{tag}-{i}@example.org", password=password) for i in range(n)])
assocs = Association.objects.bulk_create(
    [Association(name_fi=f"Kuormitusyhdistys {tag} {i} ry", home_municipality=m) for i in range(n)])
RoleAssignment.objects.bulk_create(
    [RoleAssignment(user=u, role=Role.REPRESENTATIVE, association=a)
     for u, a in zip(users, assocs)])
out = [{"token": api_token_create(user=u), "association": a.pk} for u, a in zip(users, assocs)]
print(json.dumps({"programme": p.pk, "questions": [q1.pk, q2.pk], "applicants": out}))
"""

VERIFY = r"""
import hashlib, json, sys
import django
django.setup()
from kumppani.grants.models import Application, ApplicationVersion
receipts = json.load(open(sys.argv[1]))
programme = int(sys.argv[2])
apps = {a.pk: a for a in
        Application.objects.filter(programme_id=programme).select_related("programme")}
versions = {(v.application_id, v.sha256): v for v in
            ApplicationVersion.objects.filter(application__programme_id=programme, submitted=True)}
lost, mismatched = [], []
for r in receipts:
    v = versions.get((r["id"], r["sha256"]))
    if v is None:
        lost.append(r["id"])
    elif hashlib.sha256(v.content.encode("utf-8")).hexdigest() != r["sha256"]:
        mismatched.append(r["id"])
closes = next(iter(apps.values())).programme.closes_at if apps else None
late = [a.pk for a in apps.values() if a.submitted_at and a.submitted_at >= closes]
late_versions = ApplicationVersion.objects.filter(
    application__programme_id=programme, submitted=True, created_at__gte=closes).count()
print(json.dumps({"applications": len(apps),
                  "submitted_in_db": sum(1 for a in apps.values() if a.submitted_at),
                  "receipts": len(receipts), "lost": len(lost), "hash_mismatch": len(mismatched),
                  "stored_after_deadline": len(late) + late_versions}))
"""


def request(
    port: int, method: str, path: str, body: Any = None, token: str = ""
) -> tuple[int, dict[str, Any]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        conn.request(
            method, path, body=json.dumps(body) if body is not None else None, headers=headers
        )
        response = conn.getresponse()
        raw = response.read()
        try:
            data = json.loads(raw) if raw else {}
        except ValueError:
            data = {"raw": raw[:200].decode("utf-8", "replace")}
        return response.status, data
    finally:
        conn.close()


class Round:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = {"create": [], "save": [], "submit": []}
        self.status: dict[str, int] = {}
        self.server_errors: list[str] = []
        self.connection_errors = 0
        self.receipts: list[dict[str, Any]] = []
        self.refused_late = 0
        self.accepted_late = 0

    def timed(self, kind: str, seconds: float, status: int) -> None:
        with self.lock:
            self.latency[kind].append(seconds)
            key = f"{kind} {status}"
            self.status[key] = self.status.get(key, 0) + 1
            if status >= 500:
                self.server_errors.append(key)


def call(
    rnd: Round, kind: str, port: int, method: str, path: str, body: Any, token: str
) -> tuple[int, dict[str, Any]]:
    """One request; a connection error (the killed worker held it) is retried, as a person
    would press the button again."""
    for _attempt in range(5):
        began = time.perf_counter()
        try:
            status, data = request(port, method, path, body, token)
        except OSError:
            with rnd.lock:
                rnd.connection_errors += 1
            time.sleep(0.5)
            continue
        rnd.timed(kind, time.perf_counter() - began, status)
        return status, data
    return 0, {}


def applicant(
    index: int,
    port: int,
    data: dict[str, Any],
    who: dict[str, Any],
    start_at: float,
    closes_at: float,
    rnd: Round,
) -> None:
    rng = random.Random(index)
    time.sleep(max(0.0, start_at - time.time()))
    token = who["token"]
    q_text, q_number = data["questions"]
    answers = {
        str(q_text): f"Hakemus {index}: kerhotoimintaa {rng.randint(1, 999)} ja retki.",
        str(q_number): rng.randint(5, 80),
    }
    status, body = call(
        rnd,
        "create",
        port,
        "POST",
        "/api/v1/grant-applications",
        {
            "programme": data["programme"],
            "organisation": who["association"],
            "amount_eur": str(rng.randint(200, 3000)),
            "answers": answers,
        },
        token,
    )
    if status != 201:
        if time.time() >= closes_at and status in (409, 422):
            with rnd.lock:
                rnd.refused_late += 1
        return
    app_id, version = body["id"], body["version"]
    time.sleep(rng.uniform(0.5, 3.0))  # reads it through once more
    answers[str(q_text)] += " Lisäksi nuorten ilta."
    status, body = call(
        rnd,
        "save",
        port,
        "PATCH",
        f"/api/v1/grant-applications/{app_id}",
        {"version": version, "answers": answers},
        token,
    )
    if status == 200:
        version = body["version"]
    time.sleep(rng.uniform(0.2, 1.5))
    asked_at = time.time()
    status, body = call(
        rnd, "submit", port, "POST", f"/api/v1/grant-applications/{app_id}/submit", {}, token
    )
    if status == 200:
        receipt = body["receipt"]
        with rnd.lock:
            rnd.receipts.append(
                {"id": app_id, "sha256": receipt["sha256"], "submitted_at": receipt["submitted_at"]}
            )
            if asked_at > closes_at + 1:  # clearly after the deadline (1 s of clock leeway)
                rnd.accepted_late += 1
    elif asked_at >= closes_at and status in (409, 422):
        with rnd.lock:
            rnd.refused_late += 1


def pctl(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def run_round(
    env: dict[str, str],
    port: int,
    server: subprocess.Popen[bytes],
    tag: str,
    applicants: int,
    window: float,
    kill: bool,
) -> dict[str, Any]:
    lead = 25.0 + applicants * 0.02  # time to make the fixture, then the window
    closes = datetime.now(UTC) + dt.timedelta(seconds=lead + window)
    setup = subprocess.run(
        [PYTHON, "-c", SETUP, tag, str(applicants), closes.isoformat()],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    data = json.loads(setup.stdout.strip().splitlines()[-1])
    closes_at = closes.timestamp()
    if time.time() > closes_at - window:
        raise SystemExit("the fixture took longer than the lead time; raise the lead")
    rng = random.Random(tag)
    rnd = Round()
    threads = []
    for i, who in enumerate(data["applicants"]):
        if i < applicants * LATE_SHARE:
            start = closes_at + rng.uniform(0.5, 5.0)
        else:
            start = closes_at - window + rng.uniform(0, window - 6.0)
        threads.append(
            threading.Thread(
                target=applicant, args=(i, port, data, who, start, closes_at, rnd), daemon=True
            )
        )
    for t in threads:
        t.start()
    killed = None
    if kill:
        time.sleep(max(0.0, closes_at - window / 2 - time.time()))
        workers = subprocess.run(
            ["pgrep", "-P", str(server.pid)], capture_output=True, text=True
        ).stdout.split()
        if workers:
            killed = int(workers[0])
            os.kill(killed, signal.SIGKILL)
    for t in threads:
        t.join(timeout=window + 180)
    path = Path(tempfile.mkstemp(suffix=".json")[1])
    path.write_text(json.dumps(rnd.receipts), encoding="utf-8")
    check = subprocess.run(
        [PYTHON, "-c", VERIFY, str(path), str(data["programme"])],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    verified = json.loads(check.stdout.strip().splitlines()[-1])
    submit = rnd.latency["submit"]
    return {
        "round": "kill -9 one web worker mid-rush" if kill else "deadline rush",
        "applicants": applicants,
        "killed_worker_pid": killed,
        "requests": dict(sorted(rnd.status.items())),
        "server_errors_5xx": len(rnd.server_errors),
        "connection_errors_retried": rnd.connection_errors,
        "receipts": len(rnd.receipts),
        "submitted_in_db": verified["submitted_in_db"],
        "receipts_lost": verified["lost"],
        "receipt_hash_mismatch": verified["hash_mismatch"],
        "accepted_after_deadline": rnd.accepted_late + verified["stored_after_deadline"],
        "refused_after_deadline": rnd.refused_late,
        "submit_median_ms": round(statistics.median(submit) * 1000, 1) if submit else None,
        "submit_p95_ms": round(pctl(submit, 0.95) * 1000, 1),
        "save_p95_ms": round(pctl(rnd.latency["save"], 0.95) * 1000, 1),
        "create_p95_ms": round(pctl(rnd.latency["create"], 0.95) * 1000, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "pg"], default="sqlite")
    parser.add_argument("--applicants", type=int, default=500)
    parser.add_argument("--window", type=float, default=60.0)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="grants-rush-"))
    env = prepare_env(tmp, args.backend)
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    port = harness.free_port()
    server = subprocess.Popen(
        [
            GUNICORN,
            "kumppani.wsgi",
            "-w",
            str(WORKERS),
            "-b",
            f"127.0.0.1:{port}",
            "--timeout",
            "120",
            "--backlog",
            "2048",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        for _ in range(150):
            try:
                if request(port, "GET", "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        reference = []
        for _ in range(50):
            began = time.perf_counter()
            request(port, "GET", "/healthz")
            reference.append(time.perf_counter() - began)
        rounds = [
            run_round(env, port, server, "a", args.applicants, args.window, kill=False),
            run_round(env, port, server, "b", args.applicants, args.window, kill=True),
        ]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    ref_ms = statistics.median(reference) * 1000
    result = {
        "backend": args.backend,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "gunicorn_workers": WORKERS,
        "window_s": args.window,
        "reference_healthz_median_ms": round(ref_ms, 2),
        "rounds": rounds,
        "goal": "0 receipts lost, 0 accepted after the deadline, 0 server errors; "
        "submit p95 < 300 ms on PostgreSQL",
    }
    for r in rounds:
        r["submit_p95_ratio_to_healthz"] = round(r["submit_p95_ms"] / ref_ms, 1)
        r["goal_met"] = (
            r["receipts_lost"] == 0
            and r["receipt_hash_mismatch"] == 0
            and r["accepted_after_deadline"] == 0
            and r["server_errors_5xx"] == 0
            and (args.backend != "pg" or r["submit_p95_ms"] < 300)
        )
    print(
        f"\nGrant deadline rush, {args.applicants} applicants in {args.window:.0f} s "
        f"({args.backend}, gunicorn {WORKERS} workers; /healthz median {ref_ms:.1f} ms)\n"
    )
    cols = [
        "round",
        "receipts",
        "submitted_in_db",
        "receipts_lost",
        "receipt_hash_mismatch",
        "accepted_after_deadline",
        "refused_after_deadline",
        "server_errors_5xx",
        "connection_errors_retried",
        "submit_median_ms",
        "submit_p95_ms",
        "goal_met",
    ]
    print("| " + " | ".join(c.replace("_", " ") for c in cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rounds:
        print("| " + " | ".join(str(r[c]) for c in cols) + " |")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"grants-rush-{args.backend}-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
