"""Putting back the background tasks of a worker that died (kill -9, lost machine).

django-tasks-db marks a task RUNNING when a worker claims it and nothing ever resets it if that
worker dies, so the work would silently stop. Workers started as in the Procfile carry the id
``<host>:<pid>``; a RUNNING task whose worker was on this host and is gone, or that has run longer
than ``stale_after``, is made READY again. Every task must therefore be safe to run twice (the
invitation batch is: each email is claimed in the database before it is sent).
"""

from __future__ import annotations

import os
import socket
from datetime import timedelta

from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult


def worker_id_for_this_process() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:64]


def _worker_is_gone(worker_id: str, host: str) -> bool:
    worker_host, _sep, pid = worker_id.rpartition(":")
    if worker_host != host or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def tasks_requeue_stale(*, stale_after: timedelta) -> list[str]:
    """Make the dead workers' RUNNING tasks READY again; return their ids."""
    host = socket.gethostname()
    limit = timezone.now() - stale_after
    stale = [
        str(task.pk)
        for task in DBTaskResult.objects.running().only("pk", "worker_ids", "started_at")
        if (task.worker_ids and _worker_is_gone(task.worker_ids[-1], host))
        or (task.started_at is not None and task.started_at < limit)
    ]
    if stale:
        DBTaskResult.objects.filter(pk__in=stale, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY, started_at=None
        )
    return stale
