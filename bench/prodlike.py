"""Production-like processes for bench/faults.py and bench/scaleout.py.

Runs the Procfile's own `web` and `worker` commands against a PostgreSQL database and a Redis
database of the machine (127.0.0.1 only), and gives logged-in HTTP sessions. Every process is
started in its own process group and ended by its id.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PG = "postgres://postgres@127.0.0.1:5432"
PASSWORD = "kumppani-faults-1"
TRANSLATED_503 = "Palvelu on tilapäisesti poissa käytöstä"


def procfile_command(name: str) -> str:
    for line in (ROOT / "Procfile").read_text().splitlines():
        if line.startswith(f"{name}:"):
            return line.split(":", 1)[1].strip()
    raise KeyError(name)


def service_env(db_name: str, redis_db: int, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="kumppani.settings",
        DATABASE_URL=f"{PG}/{db_name}",
        REDIS_URL=f"redis://127.0.0.1:6379/{redis_db}",
        CACHE_KEY_PREFIX=db_name,
        DEBUG="false",
        LOG_FORMAT="json",
        PUBLIC_PAGE_CACHE_SECONDS="60",
        VAR_DIR=str(ROOT / "var" / db_name),
    )
    env.update(extra)
    return env


def use_env(env: dict[str, str]) -> None:
    """Point this process's Django at the same database and cache as the services."""
    os.environ.update({k: v for k, v in env.items() if k not in ("LOG_FORMAT",)})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def psql(sql: str, db: str = "postgres") -> str:
    return subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-Atc", sql],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def database_recreate(db_name: str, env: dict[str, str]) -> None:
    assert db_name.startswith("kumppani_ops_"), "only this helper's own databases"
    psql(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
    psql(f'CREATE DATABASE "{db_name}"')
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "compile_translations")


def redis_clear(redis_db: int) -> None:
    subprocess.run(["redis-cli", "-n", str(redis_db), "FLUSHDB"], check=True, capture_output=True)


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True)


def _spawn(command: str, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    log.parent.mkdir(parents=True, exist_ok=True)
    out = log.open("ab")
    return subprocess.Popen(  # the Procfile line, as honcho runs it
        ["/bin/sh", "-c", command],
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def web_start(env: dict[str, str], workers: int, port: int, log: Path) -> subprocess.Popen[bytes]:
    command = procfile_command("web").replace(" --access-logfile -", "")
    web_env = {**env, "WEB_CONCURRENCY": str(workers), "BIND": f"127.0.0.1:{port}"}
    process = _spawn("exec " + command, web_env, log)
    http_wait(f"http://127.0.0.1:{port}/healthz")
    deadline = time.monotonic() + 60
    while len(children(process.pid)) < workers and time.monotonic() < deadline:
        time.sleep(0.2)
    return process


def worker_start(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return _spawn(procfile_command("worker"), env, log)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)


def children(pid: int) -> list[int]:
    """Child processes of ``pid`` (gunicorn's workers of its arbiter)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def http_wait(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise TimeoutError(url)


def login(base: str, email: str, password: str = PASSWORD) -> requests.Session:
    session = requests.Session()
    session.get(f"{base}/fi/accounts/login/", timeout=20)
    response = session.post(
        f"{base}/fi/accounts/login/",
        data={"login": email, "password": password},
        headers=csrf_headers(session),
        allow_redirects=False,
        timeout=20,
    )
    if response.status_code != 302:
        raise RuntimeError(f"login of {email} failed: {response.status_code}")
    return session


def csrf_headers(session: requests.Session) -> dict[str, str]:
    return {"X-CSRFToken": session.cookies.get("csrftoken", "")}


def shell_quote(args: list[str]) -> str:
    return " ".join(shlex.quote(a) for a in args)


def first_match(pattern: str, text: str) -> str:
    found = re.search(pattern, text)
    if found is None:
        raise ValueError(pattern)
    return found.group(1)


def markdown_table(headers: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)
