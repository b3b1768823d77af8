"""Faults survived (issue 9): kill -9 of web and worker processes, a database outage under load.

Runs the Procfile's `web` (gunicorn) and `worker` (requeue_stale_tasks + db_worker) commands
against its own PostgreSQL database ``kumppani_ops_faults`` and Redis database 5 on 127.0.0.1,
with real HTTP and logged-in sessions, and counts for each scenario the requests made, those that
failed cleanly (connection reset, or a 5xx that left no partial rows) and those lost (answered
2xx/3xx but whose row is missing). Goal: 0 lost, 0 half-written.

a. web:    kill -9 of a gunicorn worker every 3 s while representatives save survey answers
           and register associations to forums;
b. worker: kill -9 of the db_worker three times during a 5,000-person invitation batch
           (file email backend); after each restart, every person has exactly one email;
c. database outage: the PostgreSQL cluster is shared with other work on this machine, so it is
           not restarted: the script refuses new connections to its database and terminates all
           of that database's backends (pg_terminate_backend) for a few seconds, which is what
           the application sees of a restart; the pages must answer the translated 503 page
           and succeed again afterwards.

    .venv/bin/python bench/faults.py [--seconds 20] [--threads 4] [--only a,b,c]

Not part of `make test` (about 3 minutes here); `make bench-faults` runs it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import signal
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
import prodlike as p

DB = "kumppani_ops_faults"
REDIS_DB = 5
PORT = 8791
BASE = f"http://127.0.0.1:{PORT}"
REPS = 24  # allauth allows 30 logins a minute from one address
FORUMS = 80
INVITATIONS = 6000
LOGS = p.ROOT / "var" / DB / "logs"
MAIL_DIR = p.ROOT / "var" / DB / "mail"


@dataclass
class Outcome:
    made: int = 0
    ok: int = 0
    failed: Counter[str] = field(default_factory=Counter)
    acked_answers: list[tuple[str, str]] = field(default_factory=list)  # (token, text)
    acked_registrations: list[tuple[int, int]] = field(default_factory=list)  # (forum, assoc)
    page_503_translated: int = 0
    ok_after_outage: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


# ---------------------------------------------------------------- data (in this process's ORM)


def build_data() -> dict[str, Any]:
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from kumppani.accounts.models import Role, RoleAssignment, User
    from kumppani.accounts.testing import reference_data_ensure
    from kumppani.associations.models import Association
    from kumppani.forums.models import Forum, ForumType
    from kumppani.geography.models import Municipality
    from kumppani.surveys.models import (
        Invitation,
        Question,
        QuestionKind,
        RespondentKind,
        Section,
        Survey,
    )

    reference_data_ensure()
    town = Municipality.objects.get(code="276")
    password = make_password(p.PASSWORD)
    reps = []
    for n in range(REPS):
        user = User.objects.create(
            email=f"faults.rep{n}@example.org", full_name=f"Edustaja {n}", password=password
        )
        association = Association.objects.create(
            name_fi=f"Vikasietoyhdistys {n} ry", home_municipality=town
        )
        RoleAssignment.objects.create(user=user, role=Role.REPRESENTATIVE, association=association)
        reps.append((user.email, association.pk))
    start = timezone.now() + dt.timedelta(days=20)
    forums = []
    for n in range(FORUMS):
        forum = Forum.objects.create(
            type=ForumType.WELLBEING_MEETUP,
            title_fi=f"Vikasietoilta {n}",
            start=start,
            end=start + dt.timedelta(hours=2),
            place="Kunnantalo",
        )
        forum.municipalities.set([town])
        forums.append(forum.pk)
    survey = Survey.objects.create(
        municipality=town,
        region=town.region,
        title_fi="Vikasietokysely",
        opens_at=timezone.now() - dt.timedelta(days=1),
        closes_at=timezone.now() + dt.timedelta(days=30),
    )
    section = Section.objects.create(survey=survey, title_fi="Osio", order=1)
    question = Question.objects.create(
        section=section, kind=QuestionKind.SHORT_TEXT, text_fi="Mitä toivotte?", order=1
    )
    invitations = Invitation.objects.bulk_create(
        [
            Invitation(
                survey=survey, kind=RespondentKind.TEAM, name=f"Tiimi {n}", municipality=town
            )
            for n in range(INVITATIONS)
        ],
        batch_size=1000,
    )
    return {
        "reps": reps,
        "forums": forums,
        "question": question.pk,
        "tokens": [i.token for i in invitations],
    }


# ------------------------------------------------------------------------------- the load


class Load:
    """Client threads: each a logged-in representative saving answers and registering."""

    def __init__(self, data: dict[str, Any], outcome: Outcome, seconds: float, threads: int):
        self.data = data
        self.outcome = outcome
        self.threads = threads
        self.tokens = list(data["tokens"])
        self.pairs = [(f, a) for f in data["forums"] for _e, a in data["reps"]]
        self.outage_over_at: float | None = None
        self.pick = threading.Lock()
        # Logging in (a slow password hash) happens before the faults, not during them.
        self.sessions = {email: p.login(BASE, email) for email, _a in data["reps"]}
        self.deadline = time.monotonic() + seconds

    def _next_token(self) -> str | None:
        with self.pick:
            return self.tokens.pop() if self.tokens else None

    def _record(self, kind: str, response: requests.Response | None, error: str = "") -> bool:
        o = self.outcome
        with o.lock:
            o.made += 1
            if response is not None and response.status_code in (200, 302):
                o.ok += 1
                if self.outage_over_at and time.monotonic() > self.outage_over_at:
                    o.ok_after_outage += 1
                return True
            if response is None:
                o.failed[f"{kind}: {error}"] += 1
            else:
                o.failed[f"{kind}: HTTP {response.status_code}"] += 1
                if response.status_code == 503 and p.TRANSLATED_503 in response.text:
                    o.page_503_translated += 1
            return False

    def _call(self, kind: str, send: Any) -> requests.Response | None:
        try:
            response = send()
        except requests.ConnectionError:
            self._record(kind, None, "connection reset")
            return None
        except requests.Timeout:
            self._record(kind, None, "timeout")
            return None
        self._record(kind, response)
        return response

    def run_client(self, index: int) -> None:
        reps = self.data["reps"][index :: self.threads]
        question = self.data["question"]
        rng = random.Random(index)
        while time.monotonic() < self.deadline and self.outcome.made < 20_000:
            email, association = rng.choice(reps)
            session = self.sessions[email]
            roll = rng.random()
            if roll < 0.45:
                token = self._next_token()
                if token is None:
                    break
                text = f"toive {token[:12]}"
                response = self._call(
                    "survey save",
                    lambda s=session, t=token, x=text: s.post(
                        f"{BASE}/fi/surveys/answer/{t}/1/",
                        data={f"q{question}": x, f"h{question}": ""},
                        headers=p.csrf_headers(s),
                        allow_redirects=False,
                        timeout=15,
                    ),
                )
                if response is not None and response.status_code == 302:
                    with self.outcome.lock:
                        self.outcome.acked_answers.append((token, text))
            elif roll < 0.9:
                forum = rng.choice(self.data["forums"])
                response = self._call(
                    "registration",
                    lambda s=session, f=forum, a=association: s.post(
                        f"{BASE}/fi/forums/{f}/register/",
                        data={"reg-association": a, "reg-participants": 1},
                        headers=p.csrf_headers(s),
                        allow_redirects=False,
                        timeout=15,
                    ),
                )
                if response is not None and response.status_code == 302:
                    with self.outcome.lock:
                        self.outcome.acked_registrations.append((forum, association))
            else:
                self._call(
                    "page",
                    lambda s=session: s.get(f"{BASE}/fi/forums/", timeout=15),
                )

    def run(self, during: Any) -> None:
        clients = [
            threading.Thread(target=self.run_client, args=(i,), daemon=True)
            for i in range(self.threads)
        ]
        for thread in clients:
            thread.start()
        during()
        for thread in clients:
            thread.join(timeout=120)


def verify_rows(outcome: Outcome, question: int) -> dict[str, int]:
    """Lost = acknowledged but missing; half-written = a response without its answer."""
    from django.db import close_old_connections, connection
    from django.db.models import Count

    from kumppani.forums.models import Registration
    from kumppani.surveys.models import Answer, Response

    close_old_connections()
    connection.close()
    stored = dict(
        Answer.objects.filter(question_id=question).values_list(
            "response__invitation__token", "text"
        )
    )
    lost_answers = sum(1 for token, text in outcome.acked_answers if stored.get(token) != text)
    registered = set(Registration.objects.values_list("forum_id", "association_id"))
    lost_registrations = sum(1 for pair in outcome.acked_registrations if pair not in registered)
    half = Response.objects.annotate(n=Count("answers")).filter(n=0).count()
    return {
        "lost": lost_answers + lost_registrations,
        "half_written": half,
        "answers_stored": len(stored),
        "registrations_stored": len(registered),
    }


# ---------------------------------------------------------------------------- scenarios


def scenario_web_kill(env: dict[str, str], data: dict[str, Any], args: Any) -> dict[str, Any]:
    web = p.web_start(env, 2, PORT, LOGS / "web-a.log")
    outcome = Outcome()
    kills: list[int] = []
    try:
        load = Load(data, outcome, args.seconds, args.threads)

        def killer() -> None:
            time.sleep(2)
            while time.monotonic() < load.deadline - 3 and len(kills) < 15:
                workers = p.children(web.pid)
                if workers:
                    victim = random.choice(workers)
                    os.kill(victim, signal.SIGKILL)
                    kills.append(victim)
                time.sleep(args.kill_every)

        load.run(killer)
    finally:
        p.stop(web)
    rows = verify_rows(outcome, data["question"])
    return {"scenario": f"a. kill -9 of a web worker ×{len(kills)}", "outcome": outcome, **rows}


def _mail_counts() -> Counter[str]:
    ids: Counter[str] = Counter()
    for path in MAIL_DIR.glob("*.log"):
        for line in path.read_text(errors="replace").splitlines():
            if line.startswith("Message-ID: <invitation."):
                ids[line.split()[1]] += 1
    return ids


def scenario_worker_kill(env: dict[str, str], args: Any) -> dict[str, Any]:
    sys.path.insert(0, str(p.ROOT / "bench"))
    from forums_invite import build

    from kumppani.forums.models import InvitationBatch, InvitationDelivery

    built = build("837")
    liaison = built["liaison"]
    liaison.set_password(p.PASSWORD)
    liaison.save()
    forum = built["forum"]
    web = p.web_start(env, 1, PORT, LOGS / "web-b.log")
    worker = p.worker_start(env, LOGS / "worker-b.log")
    kills = 0
    try:
        session = p.login(BASE, liaison.email)
        response = session.post(
            f"{BASE}/fi/forums/{forum.pk}/invite/",
            data={},
            headers=p.csrf_headers(session),
            allow_redirects=False,
            timeout=30,
        )
        assert response.status_code == 302, response.status_code
        batch = InvitationBatch.objects.get(forum=forum)
        deadline = time.monotonic() + 600
        for threshold in (1000, 2500, 4000):
            while time.monotonic() < deadline:
                sent = InvitationDelivery.objects.filter(batch=batch, sent_at__isnull=False).count()
                if sent >= threshold:
                    break
                time.sleep(0.05)
            os.killpg(worker.pid, signal.SIGKILL)  # the worker's process group: sh exec'd python
            worker.wait(10)
            kills += 1
            print(f"  killed the worker at {sent} sent; restarting", flush=True)
            time.sleep(1)
            worker = p.worker_start(env, LOGS / "worker-b.log")
        while time.monotonic() < deadline:
            batch.refresh_from_db()
            if batch.status == InvitationBatch.Status.SENT:
                break
            time.sleep(0.5)
    finally:
        p.stop(worker)
        p.stop(web)
    ids = _mail_counts()
    people = built["people"]
    duplicates = sum(n - 1 for n in ids.values() if n > 1)
    missing = people - len(ids)
    batch.refresh_from_db()
    return {
        "scenario": f"b. kill -9 of the db_worker ×{kills} in a {people:,}-email batch",
        "made": people,
        "failed_cleanly": kills,
        "lost": missing,
        "duplicates": duplicates,
        "batch_status": batch.status,
        "emails_written": sum(ids.values()),
    }


def scenario_db_outage(env: dict[str, str], data: dict[str, Any], args: Any) -> dict[str, Any]:
    web = p.web_start(env, 2, PORT, LOGS / "web-c.log")
    outcome = Outcome()
    outage = args.outage
    try:
        load = Load(data, outcome, args.seconds, args.threads)

        def database_restart() -> None:
            time.sleep(max(2.0, (args.seconds - outage) / 2))
            p.psql(f'ALTER DATABASE "{DB}" ALLOW_CONNECTIONS false')
            p.psql(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                f"WHERE datname = '{DB}' AND pid <> pg_backend_pid()"
            )
            time.sleep(outage)
            p.psql(f'ALTER DATABASE "{DB}" ALLOW_CONNECTIONS true')
            load.outage_over_at = time.monotonic() + 1

        load.run(database_restart)
    finally:
        p.psql(f'ALTER DATABASE "{DB}" ALLOW_CONNECTIONS true')
        p.stop(web)
    rows = verify_rows(outcome, data["question"])
    return {
        "scenario": f"c. database outage of {outage:g} s under load (backends terminated)",
        "outcome": outcome,
        **rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--outage", type=float, default=4)
    parser.add_argument("--kill-every", type=float, default=3)
    parser.add_argument("--only", default="a,b,c")
    args = parser.parse_args()

    env = p.service_env(
        DB,
        REDIS_DB,
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(MAIL_DIR),
    )
    p.database_recreate(DB, env)
    p.redis_clear(REDIS_DB)
    for old in MAIL_DIR.glob("*.log"):
        old.unlink()
    p.use_env(env)
    data = build_data()
    results = []
    chosen = args.only.split(",")
    if "a" in chosen:
        results.append(scenario_web_kill(env, data, args))
    if "b" in chosen:
        results.append(scenario_worker_kill(env, args))
    if "c" in chosen:
        results.append(scenario_db_outage(env, data, args))
    report(results)


def report(results: list[dict[str, Any]]) -> None:
    rows = []
    details = []
    for r in results:
        o = r.pop("outcome", None)
        if o is not None:
            failed = sum(o.failed.values())
            notes = [f"{r['half_written']} half-written rows"]
            if o.page_503_translated:
                notes.append(f"{o.page_503_translated} translated 503 pages")
            if r["scenario"].startswith("c."):
                notes.append(f"{o.ok_after_outage} succeeded after the outage")
            rows.append([r["scenario"], o.made, failed, r["lost"], "; ".join(notes)])
            details.append({**r, "made": o.made, "ok": o.ok, "failed": dict(o.failed)})
        else:
            notes = f"{r['duplicates']} duplicates; batch {r['batch_status']}"
            rows.append([r["scenario"], r["made"], r["failed_cleanly"], r["lost"], notes])
            details.append(r)
    table = p.markdown_table(["scenario", "requests made", "failed cleanly", "lost", "notes"], rows)
    print(table)
    print(json.dumps(details, indent=1, default=str))
    out = p.ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    (out / f"faults-{stamp}.md").write_text(table + "\n")


if __name__ == "__main__":
    main()
