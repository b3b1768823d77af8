"""Online backup and restore of the database named by DATABASE_URL.

PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore --clean --if-exists`` (both must be on
PATH, the client version at least the server's); SQLite: the online backup API of ``sqlite3``,
which copies a consistent snapshot while the site keeps running.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.db import connections


def _pg_env_and_args(settings_dict: dict[str, Any]) -> tuple[dict[str, str], list[str]]:
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            args += [flag, str(settings_dict[key])]
    return env, [*args, "--dbname", str(settings_dict["NAME"])]


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} is not on PATH (install postgresql-client)")
    return found


def _sqlite_connection(alias: str) -> sqlite3.Connection:
    connection = connections[alias]
    connection.ensure_connection()
    raw = connection.connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def database_backup(*, path: Path, alias: str = "default") -> Path:
    """Write a consistent copy of the database to ``path`` and return it."""
    connection = connections[alias]
    path.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "postgresql":
        env, args = _pg_env_and_args(connection.settings_dict)
        subprocess.run(  # noqa: S603
            [_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(path), *args],
            env=env,
            check=True,
        )
    elif connection.vendor == "sqlite":
        target = sqlite3.connect(path)
        try:
            _sqlite_connection(alias).backup(target)
        finally:
            target.close()
    else:
        raise NotImplementedError(f"no backup for {connection.vendor}")
    return path


def database_restore(*, path: Path, alias: str = "default") -> None:
    """Replace the database's contents with the backup at ``path``."""
    if not path.is_file():
        raise FileNotFoundError(path)
    connection = connections[alias]
    if connection.vendor == "postgresql":
        env, args = _pg_env_and_args(connection.settings_dict)
        connection.close()  # no open transaction may hold locks on the tables being replaced
        subprocess.run(  # noqa: S603
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                *args,
                str(path),
            ],
            env=env,
            check=True,
        )
    elif connection.vendor == "sqlite":
        source = sqlite3.connect(path)
        try:
            source.backup(_sqlite_connection(alias))
        finally:
            source.close()
    else:
        raise NotImplementedError(f"no restore for {connection.vendor}")
