"""Benchmark: no double booking under concurrency (issue 11, "Correctness and speed").

Two rounds against a fresh database: a SQLite FILE (WAL, in a temporary directory) and, with
``--backend pg``, the PostgreSQL database ``kumppani_premises_race`` (dropped and recreated);
``--backend both`` (the default) runs both, one after the other.

a. **one slot**: 200 attempts at the same time in the same space, released at one instant
   → exactly 1 booked, 199 refused as a clash ("already booked"), 0 errors.
b. **random**: 10,000 random bookings over 50 spaces of a tree (10 halls with 2 courts each,
   20 rooms) from 16 client processes → afterwards ONE SQL query over the blocking relation
   (a self-join of ``premises_bookingblock``: same space, overlapping times, ``own`` values that
   differ) counts the overlaps: must be 0. Reports bookings/s and the clashes refused.

By default the clients drive the booking SERVICE (``services.bookings.booking_create``) from
worker processes and threads, each with its own database connection; ``--http`` drives
``POST /api/v1/bookings`` of a gunicorn server (4 workers, DEBUG off) instead, each client a
representative with an API token (201 booked, 409 clash). On PostgreSQL the number of threads at
once is bounded by the server's ``max_connections`` (``--race-clients``, default 60 for pg, 200
for SQLite); all 200 attempts are still released at the same instant.

Prints a table (paste it into the README) and writes bench/results/premises-race-<ts>.json.
Not part of ``make test``.

    .venv/bin/python bench/premises_race.py                  # both databases, the service
    .venv/bin/python bench/premises_race.py --backend pg --http
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import harness

HERE = Path(__file__).resolve().parent.parent
ROOT = HERE  # the checkout under test (``--root``)
PYTHON = str(HERE / ".venv" / "bin" / "python")
GUNICORN = str(HERE / ".venv" / "bin" / "gunicorn")
PG = "postgres://postgres@127.0.0.1:5432"
DB_NAME = "kumppani_premises_race"
WORKERS = 4
HALLS, COURTS_PER_HALL, ROOMS = 10, 2, 20  # 10 + 20 + 20 = 50 spaces

OVERLAPS_SQL = """
SELECT COUNT(*) FROM premises_bookingblock a
JOIN premises_bookingblock b
  ON a.space_id = b.space_id AND a.id < b.id
 AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
 AND a.own <> b.own
"""


# --------------------------------------------------------------------------- the worker side


def _django() -> None:
    import django  # the checkout under test is on PYTHONPATH

    django.setup()


def worker_setup(cfg: dict[str, Any]) -> dict[str, Any]:
    """The fixture (through the ORM; not what is measured): the space tree, associations, and for
    ``--http`` a representative with an API token for each."""
    _django()
    from django.contrib.auth.hashers import make_password

    from kumppani.accounts.models import Role, RoleAssignment, User
    from kumppani.accounts.services import api_token_create
    from kumppani.accounts.testing import reference_data_ensure
    from kumppani.associations.models import Association
    from kumppani.geography.models import Municipality
    from kumppani.premises.models import Space

    reference_data_ensure()
    home = Municipality.objects.get(code="276")
    race = Space.objects.create(municipality=home, name_fi="Kilpailtu kerhohuone", kind="room")
    spaces = []
    for h in range(HALLS):
        hall = Space.objects.create(municipality=home, name_fi=f"Halli {h}", kind="hall")
        spaces.append(hall.pk)
        for c in range(COURTS_PER_HALL):
            court = Space.objects.create(
                municipality=home, parent=hall, name_fi=f"Halli {h} kenttä {c}", kind="court"
            )
            spaces.append(court.pk)
    for r in range(ROOMS):
        spaces.append(Space.objects.create(municipality=home, name_fi=f"Huone {r}").pk)
    n = cfg["clients"]
    assocs = Association.objects.bulk_create(
        [Association(name_fi=f"Varausyhdistys {i} ry", home_municipality=home) for i in range(n)]
    )
    tokens: list[str] = []
    if cfg["http"]:
        password = make_password(None)
        users = User.objects.bulk_create(
            [User(email=f"race-{i}@example.org", password=password) for i in range(n)]
        )
        RoleAssignment.objects.bulk_create(
            [
                RoleAssignment(user=u, role=Role.REPRESENTATIVE, association=a)
                for u, a in zip(users, assocs, strict=True)
            ]
        )
        tokens = [api_token_create(user=u) for u in users]
    return {
        "race_space": race.pk,
        "spaces": spaces,
        "associations": [a.pk for a in assocs],
        "tokens": tokens,
    }


def _outcome(call: Any) -> str:
    from django.core.exceptions import ValidationError

    from kumppani.premises.services.bookings import BookingClash

    try:
        call()
    except BookingClash:
        return "clash"
    except ValidationError as error:
        return f"invalid: {error.messages[0]}"
    except Exception as error:  # every other failure is what we count
        return f"error: {type(error).__name__}: {str(error)[:120]}"
    return "booked"


def worker_race(cfg: dict[str, Any]) -> dict[str, Any]:
    """``threads`` threads, each with its own connection, book the same slot at ``start_at``."""
    _django()
    from django.db import connection

    from kumppani.associations.models import Association
    from kumppani.premises.models import Space
    from kumppani.premises.services.bookings import booking_create

    starts = datetime.fromisoformat(cfg["slot_start"])
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(association_id: int) -> None:
        space = Space.objects.get(pk=cfg["race_space"])
        organisation = Association.objects.get(pk=association_id)
        time.sleep(max(0.0, cfg["start_at"] - time.time()))
        result = _outcome(
            lambda: booking_create(
                space=space,
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=2),
                purpose="Kilpailtu vuoro",
                customer_type="association",
                organisation=organisation,
            )
        )
        connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(a,)) for a in cfg["associations"]]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"outcomes": outcomes}


def random_slot(rng: random.Random, base: datetime) -> tuple[datetime, datetime]:
    """A start on a half-hour grid within 60 days from ``base``, 1 to 3 hours long."""
    start = base + dt.timedelta(minutes=30 * rng.randrange(60 * 48))
    return start, start + dt.timedelta(minutes=30 * rng.randint(2, 6))


def worker_random(cfg: dict[str, Any]) -> dict[str, Any]:
    """One client process: ``count`` random bookings one after another."""
    _django()
    from kumppani.associations.models import Association
    from kumppani.premises.models import Space
    from kumppani.premises.services.bookings import booking_create

    rng = random.Random(cfg["seed"])
    spaces = {s.pk: s for s in Space.objects.filter(pk__in=cfg["spaces"])}
    organisation = Association.objects.get(pk=cfg["association"])
    base = datetime.fromisoformat(cfg["base"])
    time.sleep(max(0.0, cfg["start_at"] - time.time()))
    counts: dict[str, int] = {}
    for _ in range(cfg["count"]):
        space = spaces[rng.choice(cfg["spaces"])]
        start, end = random_slot(rng, base)
        result = _outcome(
            lambda space=space, start=start, end=end: booking_create(
                space=space,
                starts_at=start,
                ends_at=end,
                purpose="Satunnainen vuoro",
                customer_type="association",
                organisation=organisation,
            )
        )
        key = result if not result.startswith(("error", "invalid")) else result[:80]
        counts[key] = counts.get(key, 0) + 1
    # from the common start, so that a process that started late does not shorten the run
    return {"counts": counts, "seconds": time.time() - cfg["start_at"]}


def worker_verify(cfg: dict[str, Any]) -> dict[str, Any]:
    _django()
    from django.db import connection

    from kumppani.premises.models import ACTIVE_STATUSES, Booking, BookingBlock

    with connection.cursor() as cursor:
        began = time.perf_counter()
        cursor.execute(OVERLAPS_SQL)
        overlaps = cursor.fetchone()[0]
        seconds = time.perf_counter() - began
    active = Booking.objects.filter(status__in=ACTIVE_STATUSES)
    race = active.filter(space_id=cfg["race_space"]).count()
    return {
        "overlaps": overlaps,
        "overlap_query_ms": round(seconds * 1000, 1),
        "active_bookings": active.count(),
        "race_space_bookings": race,
        "blocks": BookingBlock.objects.count(),
        "own_blocks": BookingBlock.objects.filter(own__gt=0).count(),
    }


WORKER_MODES = {
    "setup": worker_setup,
    "race": worker_race,
    "random": worker_random,
    "verify": worker_verify,
}


# --------------------------------------------------------------------------- the driver side


def prepare_env(tmp: Path, backend: str) -> dict[str, str]:
    env = harness.prepare_env(
        tmp, backend, db_name=DB_NAME, root=ROOT, PUBLIC_PAGE_CACHE_SECONDS="0"
    )
    if backend == "pg":
        env["CONN_MAX_AGE"] = "0"
    return env


def run_worker(env: dict[str, str], mode: str, cfg: dict[str, Any]) -> subprocess.Popen[str]:
    path = Path(tempfile.mkstemp(suffix=".json")[1])
    path.write_text(json.dumps(cfg), encoding="utf-8")
    return subprocess.Popen(
        [PYTHON, __file__, "--worker", mode, str(path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )


def result_of(process: subprocess.Popen[str]) -> dict[str, Any]:
    out, _ = process.communicate()
    if process.returncode:
        raise SystemExit(f"a worker failed ({process.returncode})")
    return dict(json.loads(out.strip().splitlines()[-1]))


def request(port: int, method: str, path: str, body: Any, token: str) -> tuple[int, Any]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    try:
        conn.request(
            method, path, body=json.dumps(body) if body is not None else None, headers=headers
        )
        response = conn.getresponse()
        raw = response.read()
        try:
            return response.status, json.loads(raw) if raw else {}
        except ValueError:
            return response.status, {"raw": raw[:200].decode("utf-8", "replace")}
    finally:
        conn.close()


def http_outcome(status: int) -> str:
    return {201: "booked", 409: "clash"}.get(status, f"HTTP {status}")


def start_server(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int]:
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
    for _ in range(300):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                break
        except OSError:
            time.sleep(0.2)
    return server, port


def booking_body(space: int, start: datetime, end: datetime, organisation: int) -> dict[str, Any]:
    return {
        "space": space,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "organisation": organisation,
        "purpose": "Kuormitusvaraus",
    }


def round_race(
    env: dict[str, str],
    data: dict[str, Any],
    args: argparse.Namespace,
    port: int | None,
    race_clients: int,
) -> dict[str, Any]:
    attempts = args.attempts
    slot = (datetime.now(UTC) + dt.timedelta(days=7)).replace(minute=0, second=0, microsecond=0)
    slot = slot.replace(hour=15)  # 17 or 18 in Finland
    outcomes: list[str] = []
    began = time.time()
    if port is None:
        clients = min(race_clients, attempts)
        per_process = max(1, clients // args.processes)
        processes = []
        start_at = time.time() + 20.0 + clients * 0.05
        assigned = 0
        while assigned < attempts:
            # threads at once: ``clients`` over the processes; the rest in later waves
            wave = data["associations"][assigned : assigned + clients]
            assigned += len(wave)
            for i in range(0, len(wave), per_process):
                processes.append(
                    run_worker(
                        env,
                        "race",
                        {
                            "race_space": data["race_space"],
                            "slot_start": slot.isoformat(),
                            "start_at": start_at,
                            "associations": wave[i : i + per_process],
                        },
                    )
                )
            for p in processes:
                outcomes += result_of(p)["outcomes"]
            processes = []
            start_at = time.time() + 15.0
    else:
        lock = threading.Lock()
        start_at = time.time() + 2.0

        def client(i: int) -> None:
            time.sleep(max(0.0, start_at - time.time()))
            body = booking_body(
                data["race_space"], slot, slot + dt.timedelta(hours=2), data["associations"][i]
            )
            try:
                status, _ = request(port, "POST", "/api/v1/bookings", body, data["tokens"][i])
                result = http_outcome(status)
            except OSError as error:
                result = f"connection error: {error}"
            with lock:
                outcomes.append(result)

        threads = [threading.Thread(target=client, args=(i,)) for i in range(attempts)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    counts: dict[str, int] = {}
    for o in outcomes:
        counts[o] = counts.get(o, 0) + 1
    return {
        "attempts": len(outcomes),
        "booked": counts.pop("booked", 0),
        "clash": counts.pop("clash", 0),
        "errors": counts,
        "seconds": round(time.time() - began, 1),
    }


def round_random(
    env: dict[str, str], data: dict[str, Any], args: argparse.Namespace, port: int | None
) -> dict[str, Any]:
    base = (datetime.now(UTC) + dt.timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
    per_client = args.bookings // args.clients
    counts: dict[str, int] = {}
    if port is None:
        start_at = time.time() + 30.0
        processes = [
            run_worker(
                env,
                "random",
                {
                    "seed": i,
                    "spaces": data["spaces"],
                    "association": data["associations"][i % len(data["associations"])],
                    "base": base.isoformat(),
                    "start_at": start_at,
                    "count": per_client,
                },
            )
            for i in range(args.clients)
        ]
        results = [result_of(p) for p in processes]
        seconds = max(r["seconds"] for r in results)
        for r in results:
            for k, v in r["counts"].items():
                counts[k] = counts.get(k, 0) + v
    else:
        lock = threading.Lock()

        def client(i: int) -> None:
            rng = random.Random(i)
            mine: dict[str, int] = {}
            for _ in range(per_client):
                start, end = random_slot(rng, base)
                body = booking_body(rng.choice(data["spaces"]), start, end, data["associations"][i])
                try:
                    status, _ = request(port, "POST", "/api/v1/bookings", body, data["tokens"][i])
                    key = http_outcome(status)
                except OSError:
                    key = "connection error"
                mine[key] = mine.get(key, 0) + 1
            with lock:
                for k, v in mine.items():
                    counts[k] = counts.get(k, 0) + v

        began = time.perf_counter()
        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        seconds = time.perf_counter() - began
    attempts = sum(counts.values())
    booked = counts.pop("booked", 0)
    clash = counts.pop("clash", 0)
    return {
        "attempts": attempts,
        "clients": args.clients,
        "booked": booked,
        "clash": clash,
        "errors": counts,
        "seconds": round(seconds, 1),
        "attempts_per_s": round(attempts / seconds, 1) if seconds else None,
        "bookings_per_s": round(booked / seconds, 1) if seconds else None,
    }


def run_backend(backend: str, args: argparse.Namespace) -> dict[str, Any]:
    tmp = Path(tempfile.mkdtemp(prefix="premises-race-"))
    env = prepare_env(tmp, backend)
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    clients = max(args.attempts, args.clients)
    data = result_of(run_worker(env, "setup", {"clients": clients, "http": args.http}))
    server = None
    port = None
    if args.http:
        server, port = start_server(env)
    try:
        # PostgreSQL: within max_connections (100 here, shared); SQLite: all at once.
        race_clients = args.race_clients or (70 if backend == "pg" else args.attempts)
        race = round_race(env, data, args, port, race_clients)
        rnd = round_random(env, data, args, port)
    finally:
        if server is not None:
            os.killpg(server.pid, 15)
            server.wait(timeout=30)
    verified = result_of(run_worker(env, "verify", {"race_space": data["race_space"]}))
    return {
        "backend": "PostgreSQL" if backend == "pg" else "SQLite file (WAL)",
        "driver": "HTTP POST /api/v1/bookings" if args.http else "service booking_create",
        "race": race,
        "race_clients_at_once": race_clients,
        "random": rnd,
        "verify": verified,
    }


def table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| database | driver | one slot: attempts / booked / 409 / errors | random: attempts, "
        "clients | booked | clashes refused | errors | bookings/s (attempts/s) | overlaps |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        a, b, v = r["race"], r["random"], r["verify"]
        lines.append(
            f"| {r['backend']} | {r['driver']} | {a['attempts']} / {a['booked']} / {a['clash']} / "
            f"{sum(a['errors'].values())} | {b['attempts']}, {b['clients']} | {b['booked']} | "
            f"{b['clash']} | {sum(b['errors'].values())} | {b['bookings_per_s']} "
            f"({b['attempts_per_s']}) | {v['overlaps']} |"
        )
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        cfg = json.loads(Path(sys.argv[3]).read_text(encoding="utf-8"))
        print(json.dumps(WORKER_MODES[sys.argv[2]](cfg)))
        return
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "pg", "both"], default="both")
    parser.add_argument("--http", action="store_true", help="drive POST /api/v1/bookings")
    parser.add_argument("--attempts", type=int, default=200)
    parser.add_argument("--race-clients", type=int, default=None)
    parser.add_argument("--processes", type=int, default=8, help="worker processes of round a")
    parser.add_argument("--bookings", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--root", default=str(HERE), help="the checkout to run (its code)")
    args = parser.parse_args()
    global ROOT  # one checkout per run
    ROOT = Path(args.root).resolve()
    backends = ["sqlite", "pg"] if args.backend == "both" else [args.backend]
    results = []
    for backend in backends:
        result = run_backend(backend, args)
        print(json.dumps(result, indent=2, ensure_ascii=False), flush=True)
        results.append(result)
    print()
    print(table(results))
    out = HERE / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (out / f"premises-race-{stamp}.json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    failed = any(
        r["race"]["booked"] != 1
        or r["race"]["errors"]
        or r["random"]["errors"]
        or r["verify"]["overlaps"]
        for r in results
    )
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
