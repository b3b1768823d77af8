"""What the benchmarks that start their own server share: a free port and the environment of a
fresh database (a SQLite file under ``tmp`` or a new PostgreSQL database)."""

from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path

PG = "postgres://postgres@127.0.0.1:5432"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare_env(
    tmp: Path, backend: str, *, db_name: str, root: Path, **extra: str
) -> dict[str, str]:
    """The environment of a server and its workers on an empty database of ``backend``
    ("pg" recreates ``db_name``; otherwise a SQLite file under ``tmp``)."""
    env = dict(os.environ)
    env.update(
        DEBUG="false",
        DJANGO_SETTINGS_MODULE="kumppani.settings",
        KUMPPANI_ENV="development",
        VAR_DIR=str(tmp),
        PYTHONPATH=str(root),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        **extra,
    )
    if backend == "pg":
        admin = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-q", "-c"]
        subprocess.run([*admin, f"DROP DATABASE IF EXISTS {db_name}"], check=True)
        subprocess.run([*admin, f"CREATE DATABASE {db_name}"], check=True)
        env["DATABASE_URL"] = f"{PG}/{db_name}"
    else:
        env["DATABASE_URL"] = ""
    return env
