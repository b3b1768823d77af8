"""Server benchmark of the directory search and the municipality page (issue 2, "Speed").

For each backend (PostgreSQL database ``kumppani_bench``, created if missing; SQLite file under
var/bench/) it migrates, generates the national-scale data if absent (bench/generate.py), starts
gunicorn (2 workers, DEBUG off) on 127.0.0.1, and measures every target of bench/targets.py with
wrk on loopback: a warm-up, then a fixed duration at a fixed connection count. The trivial view
(/healthz, same processes, same run) is measured first and last; every page's throughput is
reported as a ratio of the trivial view's mean. Prints a table and writes
bench/results/<backend>-<timestamp>.json. Not part of ``make test``.

    make bench                                  # both backends, defaults
    .venv/bin/python bench/run.py --backend pg --duration 15 --connections 4
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from targets import GOALS, TARGETS, expand  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
SOURCE = ROOT  # the checkout the server runs (--source: e.g. an unmodified one for "before")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
VAR = ROOT / "var" / "bench"
RESULTS = BENCH / "results"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_NAME = "kumppani_bench"


def log(message: str) -> None:
    print(f"[bench {datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log("wrk is missing: apt-get install -y wrk")
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=False)
        found = shutil.which("wrk")
        if found:
            return found
    raise SystemExit(
        "bench: the load tool wrk is not installed. Install it with `sudo apt-get install wrk` "
        "(Debian/Ubuntu) and run again."
    )


def database_url(backend: str) -> str:
    if backend == "pg":
        return f"{PG_SERVER}/{PG_NAME}"
    return f"sqlite:///{VAR / 'kumppani-bench.sqlite3'}"


def ensure_pg_database() -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [PG_NAME]).fetchone()
        if not exists:
            log(f"creating PostgreSQL database {PG_NAME}")
            conn.execute(f'CREATE DATABASE "{PG_NAME}"')


def server_env(backend: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url(backend),
        DJANGO_SETTINGS_MODULE="kumppani.settings",
        DEBUG="0",
        VAR_DIR=str(VAR),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(SOURCE),
    )
    return env


def prepare(backend: str, associations: int, env: dict[str, str]) -> dict[str, Any] | None:
    """Migrate and generate the data if absent; returns the generation timings if it ran."""
    if backend == "pg":
        ensure_pg_database()
    log(f"{backend}: migrate")
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=SOURCE, env=env, check=True
    )
    subprocess.run([PYTHON, "manage.py", "compile_translations"], cwd=SOURCE, env=env, check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    timings_file = VAR / f"generate-{backend}.json"
    if timings_file.exists():
        timings_file.unlink()
    log(f"{backend}: ensure {associations} associations (bench/generate.py)")
    subprocess.run(
        [PYTHON, str(BENCH / "generate.py"), "--associations", str(associations), "--ensure",
         "--json", str(timings_file)],
        cwd=SOURCE, env=env, check=True,
    )  # fmt: skip
    if timings_file.exists():
        return json.loads(timings_file.read_text())
    return None


def free_port(preferred: int) -> int:
    """``preferred`` if nothing listens there, else a free port the kernel picks (other people's
    servers on this machine must not answer in our place)."""
    for port in (preferred, 0):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe_socket:
            try:
                probe_socket.bind(("127.0.0.1", port))
            except OSError:
                continue
            return int(probe_socket.getsockname()[1])
    raise SystemExit("no free port on 127.0.0.1")


def start_server(
    backend: str, env: dict[str, str], port: int, worker_class: str, threads: int
) -> subprocess.Popen[bytes]:
    log_file = open(VAR / f"gunicorn-{backend}.log", "wb")
    command = [
        GUNICORN, "kumppani.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "2",
        "--worker-class", worker_class, "--threads", str(threads), "--keep-alive", "5",
        "--error-logfile", "-", "--log-level", "warning",
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=SOURCE, env=env, stdout=log_file, stderr=log_file)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited; see {VAR / f'gunicorn-{backend}.log'}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                if r.status == 200:
                    time.sleep(1)
                    if process.poll() is not None:  # someone else answered on our port
                        raise SystemExit(f"gunicorn exited; see {VAR / f'gunicorn-{backend}.log'}")
                    return process
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    stop_server(process)
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def probe(port: int, path: str) -> int:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as r:
            r.read()
            return int(r.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
    except (urllib.error.URLError, TimeoutError, ConnectionError):
        return 0  # no answer within 30 s (reported as HTTP 0)


def run_wrk(
    wrk: str, port: int, paths: list[str], duration: float, connections: int
) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("\n".join(paths) + "\n")
        paths_file = handle.name
    try:
        command = [
            wrk, "-t1", f"-c{connections}", f"-d{max(1, round(duration))}s", "--timeout", "10s",
            "-s", str(BENCH / "wrk_report.lua"), f"http://127.0.0.1:{port}", "--", paths_file,
        ]  # fmt: skip
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(paths_file)
    line = next(x for x in output.splitlines() if x.startswith("WRK_JSON "))
    raw = json.loads(line.removeprefix("WRK_JSON "))
    seconds = raw["duration_us"] / 1e6
    errors = sum(raw["errors"].values())
    return {
        "requests": raw["requests"],
        "seconds": round(seconds, 2),
        "rps": round(raw["requests"] / seconds, 1),
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p95_ms": round(raw["p95_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        "mean_ms": round(raw["mean_us"] / 1000, 2),
        "max_ms": round(raw["max_us"] / 1000, 2),
        "errors": errors,
        "error_detail": raw["errors"],
        "kb_per_response": round(raw["bytes"] / max(1, raw["requests"]) / 1024, 1),
    }


def bench_backend(backend: str, args: argparse.Namespace, wrk: str) -> dict[str, Any]:
    VAR.mkdir(parents=True, exist_ok=True)
    env = server_env(backend)
    generation = prepare(backend, args.associations, env)
    args.port = free_port(args.port)
    threads = f", {args.threads} threads" if args.worker_class == "gthread" else ""
    log(f"{backend}: gunicorn 2 {args.worker_class} workers{threads} on :{args.port}")
    process = start_server(backend, env, args.port, args.worker_class, args.threads)
    rows: list[dict[str, Any]] = []
    trivial_runs: list[dict[str, Any]] = []
    load_before = os.getloadavg()
    try:
        trivial_target = next(t for t in TARGETS if t["kind"] == "trivial")
        trivial_paths = expand(trivial_target)
        run_wrk(wrk, args.port, trivial_paths, args.warmup, args.connections)

        def measure_trivial() -> dict[str, Any]:
            result = run_wrk(wrk, args.port, trivial_paths, args.duration, args.connections)
            trivial_runs.append(result)
            log(f"{backend}: trivial: {result['rps']} req/s, p95 {result['p95_ms']} ms")
            return result

        # The trivial view is measured before and after every page (paired measurement): on a
        # shared machine the load drifts, and each ratio uses the trivial runs around its page.
        before = measure_trivial()
        for target in (t for t in TARGETS if t["kind"] != "trivial"):
            paths = expand(target)
            statuses = {path: probe(args.port, path) for path in paths}  # also a first warm-up
            bad = {p: s for p, s in statuses.items() if s != 200}
            if bad and target.get("optional"):
                paths = [p for p in paths if p not in bad]
                log(f"{backend}: {target['name']}: {len(bad)} paths not 200, {len(paths)} left")
                if not paths:
                    continue
                bad = {}
            if bad:
                log(f"{backend}: {target['name']}: non-200 answers, not measured: {bad}")
                rows.append({"name": target["name"], "kind": target["kind"],
                             "paths": len(paths), "failed": bad})  # fmt: skip
                continue
            run_wrk(wrk, args.port, paths, args.warmup, args.connections)
            result = run_wrk(wrk, args.port, paths, args.duration, args.connections)
            after = measure_trivial()
            reference = (before["rps"] + after["rps"]) / 2
            row = {
                "name": target["name"],
                "kind": target["kind"],
                "paths": len(paths),
                **result,
                "trivial_rps_around": [before["rps"], after["rps"]],
                "ratio": round(result["rps"] / reference, 3),
            }
            rows.append(row)
            log(f"{backend}: {row['name']}: {row['rps']} req/s, p95 {row['p95_ms']} ms, "
                f"ratio {row['ratio']}")  # fmt: skip
            before = after
    finally:
        stop_server(process)
    load_after = os.getloadavg()
    trivial_row = {
        "name": trivial_target["name"],
        "kind": "trivial",
        "paths": len(trivial_paths),
        "runs": len(trivial_runs),
        "ratio": 1.0,
        "errors": sum(r["errors"] for r in trivial_runs),
        "rps_min": min(r["rps"] for r in trivial_runs),
        "rps_max": max(r["rps"] for r in trivial_runs),
    }
    for key in ("rps", "p50_ms", "p95_ms", "p99_ms", "mean_ms"):
        trivial_row[key] = round(sum(r[key] for r in trivial_runs) / len(trivial_runs), 2)
    rows.insert(0, trivial_row)
    for row in rows:
        if "failed" in row:
            row["meets_goal"] = False
            continue
        goal = GOALS.get(row["kind"])
        if goal:
            ok = row["ratio"] >= goal["ratio_min"]
            if "p95_ms_max" in goal:
                ok = ok and row["p95_ms"] < goal["p95_ms_max"]
            row["meets_goal"] = ok and not row["errors"]
    return {
        "backend": backend,
        "database": "PostgreSQL" if backend == "pg" else "SQLite (WAL)",
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "associations": args.associations,
        "source": str(SOURCE),
        "label": args.label,
        "generation": generation,
        "server": {
            "gunicorn_workers": 2,
            "worker_class": args.worker_class,
            "threads": args.threads,
            "debug": False,
        },
        "load": {
            "tool": "wrk",
            "threads": 1,
            "connections": args.connections,
            "duration_s": args.duration,
            "warmup_s": args.warmup,
        },
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "loadavg_before": [round(x, 2) for x in load_before],
            "loadavg_after": [round(x, 2) for x in load_after],
        },
        "trivial_runs": trivial_runs,
        "goals": GOALS,
        "results": rows,
    }


def print_table(report: dict[str, Any]) -> None:
    print()
    print(
        f"{report['database']} — {report['associations']:,} associations, gunicorn 2 "
        f"{report['server']['worker_class']} workers, wrk {report['load']['connections']} "
        f"connections × {report['load']['duration_s']} s, {report['timestamp']}"
    )
    header = (
        f"{'target':34} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'ratio':>6} {'goal':>5} {'err':>4}"
    )
    print(header)
    print("-" * len(header))
    for row in report["results"]:
        if "failed" in row:
            print(f"{row['name']:34} not measured: HTTP {sorted(set(row['failed'].values()))}")
            continue
        goal = {True: "ok", False: "MISS"}.get(row.get("meets_goal"), "")
        print(
            f"{row['name']:34} {row['rps']:8.1f} {row['p50_ms']:8.2f} {row['p95_ms']:8.2f} "
            f"{row['p99_ms']:8.2f} {row['ratio']:6.2f} {goal:>5} {row['errors']:4d}"
        )
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kumppani server benchmark (issue 2).")
    parser.add_argument("--backend", choices=["pg", "sqlite", "both"], default="both")
    parser.add_argument("--duration", type=float, default=15.0, help="seconds per target")
    parser.add_argument("--warmup", type=float, default=3.0, help="warm-up seconds per target")
    parser.add_argument("--connections", type=int, default=4, help="wrk connections")
    parser.add_argument("--associations", type=int, default=100_000)
    parser.add_argument("--port", type=int, default=8765, help="another free one if taken")
    parser.add_argument("--worker-class", default="sync", choices=["gthread", "sync"])
    parser.add_argument("--threads", type=int, default=2, help="threads per gthread worker")
    parser.add_argument(
        "--source", type=Path, default=ROOT, help="run the server from this checkout"
    )
    parser.add_argument("--label", default="", help="added to the JSON file name")
    parser.add_argument("--prepare-only", action="store_true", help="migrate and generate only")
    args = parser.parse_args(argv)
    # Stopped with SIGTERM: unwind normally, so the server started here is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    global SOURCE
    SOURCE = args.source.resolve()
    backends = ["pg", "sqlite"] if args.backend == "both" else [args.backend]
    if args.prepare_only:
        VAR.mkdir(parents=True, exist_ok=True)
        for backend in backends:
            prepare(backend, args.associations, server_env(backend))
        return 0
    wrk = ensure_wrk()
    RESULTS.mkdir(exist_ok=True)
    for backend in backends:
        report = bench_backend(backend, args, wrk)
        print_table(report)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        label = f"-{args.label}" if args.label else ""
        out = RESULTS / f"{backend}-{stamp}{label}.json"
        out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
        log(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
