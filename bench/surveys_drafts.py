"""Benchmark: 500 respondents saving survey drafts concurrently for a minute (issue 4, "Speed").

Starts gunicorn (2 workers, DEBUG off) on 127.0.0.1 against a fresh database (SQLite file in a
temporary directory by default; with DATABASE_URL=postgres://…/kumppani it uses a database
``kumppani_surveys_drafts`` that is dropped and recreated), creates a survey with one section of
four questions and 250 invitations, and runs 500 respondent threads: two per invitation, like two
representatives of the same association editing the same answer at the same time, each changing
its own two questions and sending what it sees of the other two (the page's fingerprints tell the
server those were untouched). Each thread first opens its section page; when all pages are open,
the measured minute starts: each saves (the autosave request) with a think time of 3–9 s.

Afterwards it stops the server and checks in the database that every question holds exactly the
last value whose save was acknowledged (no answer lost, none overwritten by the other
representative). Reports errors, throughput and latency (median, p95) against the trivial
/healthz view measured in the same server. Prints a table and writes
bench/results/surveys-drafts-<backend>-<timestamp>.json. Not part of ``make test``.

    .venv/bin/python bench/surveys_drafts.py [--respondents 500] [--duration 60]
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
QUESTIONS = 4
THINK = (3.0, 9.0)  # seconds between one person's saves (autosave while typing, then reading)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare_env(tmp: Path) -> tuple[dict[str, str], str]:
    env = dict(os.environ)
    env["DEBUG"] = "false"
    env["DJANGO_SETTINGS_MODULE"] = "kumppani.settings"
    env["VAR_DIR"] = str(tmp)
    env["PYTHONPATH"] = str(ROOT)
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        parsed = urlparse(url)
        name = "kumppani_surveys_drafts"
        admin = ["psql", "-h", parsed.hostname or "127.0.0.1", "-p", str(parsed.port or 5432),
                 "-U", parsed.username or "postgres", "-d", "postgres", "-q", "-c"]  # fmt: skip
        subprocess.run([*admin, f"DROP DATABASE IF EXISTS {name}"], check=True)
        subprocess.run([*admin, f"CREATE DATABASE {name}"], check=True)
        env["DATABASE_URL"] = parsed._replace(path=f"/{name}").geturl()
        return env, "pg"
    env["DATABASE_URL"] = ""
    return env, "sqlite"


SETUP = r"""
import json, sys, datetime as dt
import django
django.setup()
from django.utils import timezone
from kumppani.accounts.testing import reference_data_ensure
from kumppani.geography.models import Municipality
from kumppani.surveys.models import Invitation, QuestionKind
from kumppani.surveys.services import question_create, section_create, survey_create
reference_data_ensure()
m = Municipality.objects.get(code="541")
now = timezone.now()
s = survey_create(actor=None, scope="municipality", municipality=m, title_fi="Kuormitus",
                  opens_at=now - dt.timedelta(hours=1), closes_at=now + dt.timedelta(hours=3))
sec = section_create(survey=s, title_fi="Osio")
qs = [question_create(section=sec, kind=QuestionKind.SHORT_TEXT, text_fi=f"Kysymys {i}").pk
      for i in range(int(sys.argv[2]))]
inv = Invitation.objects.bulk_create(
    [Invitation(survey=s, kind="team", name=f"Tiimi {i}", municipality=m)
     for i in range(int(sys.argv[1]))])
print(json.dumps({"survey": s.pk, "questions": qs, "tokens": [i.token for i in inv]}))
"""

VERIFY = r"""
import json, sys
import django
django.setup()
from kumppani.surveys.models import Answer
expected = json.load(open(sys.argv[1]))
found = {f"{a.response.invitation.token}:{a.question_id}": a.text
         for a in Answer.objects.select_related("response__invitation")}
lost = [k for k, v in expected.items() if found.get(k) != v]
print(json.dumps({"answers_in_db": len(found), "expected": len(expected), "mismatched": lost[:20],
                  "mismatched_count": len(lost)}))
"""


def fingerprint(text: str) -> str:
    """kumppani.surveys.values.fingerprint of a short-text value."""
    return hashlib.sha256(text.strip().encode()).hexdigest()[:20]


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.acked: dict[str, str] = {}

    def ok(self, seconds: float, acks: dict[str, str]) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.acked.update(acks)

    def error(self, text: str) -> None:
        with self.lock:
            self.errors.append(text)


def request(port: int, method: str, path: str, body: str = "", headers: dict[str, str] | None = None
            ) -> tuple[int, bytes]:  # fmt: skip
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(method, path, body=body or None, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def respondent(
    index: int,
    port: int,
    token: str,
    questions: list[int],
    duration: float,
    stats: Stats,
    opened: threading.Barrier,
) -> None:
    rng = random.Random(index)
    mine = questions[:2] if index % 2 == 0 else questions[2:]
    others = [q for q in questions if q not in mine]
    secret = secrets.token_hex(16)  # an unmasked CSRF secret (32 characters) as cookie and field
    headers = {"Cookie": f"csrftoken={secret}", "Content-Type": "application/x-www-form-urlencoded",
               "X-Autosave": "1"}  # fmt: skip
    path = f"/fi/surveys/answer/{token}/1/"
    try:
        status, _ = request(port, "GET", path)
        if status != 200:
            stats.error(f"GET {status}")
    except OSError as exc:
        stats.error(f"GET {exc!r}")
    seen = {q: "" for q in questions}
    counter = 0
    opened.wait()  # everyone has the page open; the measured minute starts together
    deadline = time.monotonic() + duration
    time.sleep(rng.uniform(0, THINK[1]))
    while time.monotonic() < deadline:
        counter += 1
        values = {q: f"r{index}-q{q}-v{counter}" for q in mine}
        form: dict[str, str] = {"csrfmiddlewaretoken": secret, "go": "stay"}
        for q in mine:
            form[f"q{q}"] = values[q]
            form[f"h{q}"] = fingerprint(seen[q])
        for q in others:
            form[f"q{q}"] = ""  # what this person saw when the page opened
            form[f"h{q}"] = fingerprint("")
        began = time.perf_counter()
        try:
            status, body = request(port, "POST", path, urlencode(form), headers)
            elapsed = time.perf_counter() - began
            data = json.loads(body) if status == 200 else {}
            if status == 200 and data.get("saved"):
                stats.ok(elapsed, {f"{token}:{q}": values[q] for q in mine})
                seen.update(values)
            else:
                stats.error(f"POST {status} {body[:120]!r}")
        except (OSError, ValueError) as exc:
            stats.error(f"POST {exc!r}")
        time.sleep(rng.uniform(*THINK))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--respondents", type=int, default=500)
    parser.add_argument("--duration", type=int, default=60)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="surveys-drafts-"))
    env, backend = prepare_env(tmp)
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    setup = subprocess.run(
        [PYTHON, "-c", SETUP, str(args.respondents // 2), str(QUESTIONS)],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    data = json.loads(setup.stdout.strip().splitlines()[-1])
    port = free_port()
    server = subprocess.Popen(
        [GUNICORN, "kumppani.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}", "--timeout", "120",
         "--backlog", "2048", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                if request(port, "GET", "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        reference = []
        for _ in range(30):
            began = time.perf_counter()
            request(port, "GET", "/healthz")
            reference.append(time.perf_counter() - began)
        stats = Stats()
        opened = threading.Barrier(args.respondents)
        threads = [
            threading.Thread(
                target=respondent,
                args=(
                    i, port, data["tokens"][i // 2], data["questions"], args.duration, stats,
                    opened,
                ),
                daemon=True,
            )
            for i in range(args.respondents)
        ]  # fmt: skip
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=args.duration + 120)
        wall = time.monotonic() - started
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    expected_path = tmp / "expected.json"
    expected_path.write_text(json.dumps(stats.acked), encoding="utf-8")
    check = subprocess.run(
        [PYTHON, "-c", VERIFY, str(expected_path)],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    verified = json.loads(check.stdout.strip().splitlines()[-1])
    lat = sorted(stats.latencies)
    p95 = lat[min(len(lat) - 1, round(0.95 * (len(lat) - 1)))] if lat else 0.0
    ref_median = statistics.median(reference)
    result = {
        "backend": backend,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "respondents": args.respondents,
        "invitations": args.respondents // 2,
        "questions_per_response": QUESTIONS,
        "duration_s": args.duration,
        "think_time_s": list(THINK),
        "wall_s": round(wall, 1),
        "saves_acknowledged": len(lat),
        "errors": len(stats.errors),
        "error_samples": stats.errors[:10],
        "throughput_saves_per_s": round(len(lat) / args.duration, 1),
        "save_median_ms": round(statistics.median(lat) * 1000, 1) if lat else None,
        "save_p95_ms": round(p95 * 1000, 1),
        "reference_healthz_median_ms": round(ref_median * 1000, 2),
        "save_p95_ratio_to_healthz": round(p95 / ref_median, 1),
        "answers_expected": verified["expected"],
        "answers_in_db": verified["answers_in_db"],
        "answers_lost_or_wrong": verified["mismatched_count"],
        "goal": "no answer lost, no error",
        "goal_met": verified["mismatched_count"] == 0 and not stats.errors,
    }
    r = result
    rows = [
        ("respondents / invitations", f"{r['respondents']} / {r['invitations']} (2 per answer)"),
        ("saves acknowledged / errors", f"{r['saves_acknowledged']} / {r['errors']}"),
        ("throughput", f"{r['throughput_saves_per_s']} saves/s"),
        ("save median / p95", f"{r['save_median_ms']} / {r['save_p95_ms']} ms "
         f"(p95 ratio {r['save_p95_ratio_to_healthz']}x of /healthz "
         f"{r['reference_healthz_median_ms']} ms)"),
        ("answers expected / in db / lost", f"{r['answers_expected']} / {r['answers_in_db']} / "
         f"{r['answers_lost_or_wrong']}"),
        ("goal met", str(r["goal_met"])),
    ]  # fmt: skip
    print(f"\n{args.respondents} respondents saving drafts for {args.duration} s ({backend})")
    for label, value in rows:
        print(f"  {label:<34} {value}")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"surveys-drafts-{backend}-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"  written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
