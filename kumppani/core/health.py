"""Readiness checks: the database, the cache and the background-task backlog."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    ms: float
    detail: str = ""


def _timed(name: str, probe: Callable[[], str]) -> Check:
    start = time.perf_counter()
    try:
        detail = probe()
        ok = True
    except Exception as exc:  # a health check reports every failure, whatever it is
        detail = f"{type(exc).__name__}: {exc}"[:200]
        ok = False
    return Check(name, ok, round((time.perf_counter() - start) * 1000, 2), detail)


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def _cache() -> str:
    key = f"kumppani:health:{uuid.uuid4().hex}"
    cache.set(key, "ok", 10)
    value = cache.get(key)
    cache.delete(key)
    if value != "ok":
        raise RuntimeError("the cache did not return what was stored")
    return type(cache).__name__


def _task_backlog() -> str:
    """Ready tasks waiting longer than HEALTH_TASK_BACKLOG_MINUTES mean no worker is running."""
    backend = settings.TASKS["default"]["BACKEND"]
    if backend != "django_tasks_db.DatabaseBackend":
        return f"not checked ({backend})"
    from django_tasks_db.models import DBTaskResult

    limit = timezone.now() - timedelta(minutes=settings.HEALTH_TASK_BACKLOG_MINUTES)
    stale = DBTaskResult.objects.ready().filter(enqueued_at__lt=limit).count()
    if stale > settings.HEALTH_TASK_BACKLOG_MAX:
        raise RuntimeError(
            f"{stale} ready tasks older than {settings.HEALTH_TASK_BACKLOG_MINUTES} min"
        )
    return f"{stale} stale ready tasks"


def readiness() -> list[Check]:
    return [
        _timed("database", _database),
        _timed("cache", _cache),
        _timed("tasks", _task_backlog),
    ]
