"""A worker killed with kill -9 leaves its task RUNNING; requeue_stale_tasks puts it back."""

from __future__ import annotations

import socket
import subprocess
import sys
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kumppani.forums.tasks import send_invitation_batch

pytestmark = pytest.mark.django_db


def _running(settings: Any, worker_id: str, started_minutes_ago: int = 1) -> DBTaskResult:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    result = send_invitation_batch.enqueue(1)
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING,
        worker_ids=[worker_id],
        started_at=timezone.now() - timedelta(minutes=started_minutes_ago),
    )
    return DBTaskResult.objects.get(pk=result.id)


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_task_of_a_dead_worker_on_this_host_is_ready_again(settings: Any) -> None:
    task = _running(settings, f"{socket.gethostname()}:{_dead_pid()}")
    call_command("requeue_stale_tasks")
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY
    assert DBTaskResult.objects.ready().filter(pk=task.pk).exists()


def test_task_of_a_live_worker_is_left_running(settings: Any) -> None:
    import os

    live = _running(settings, f"{socket.gethostname()}:{os.getpid()}")
    elsewhere = _running(settings, "other-host:12345")
    call_command("requeue_stale_tasks")
    for task in (live, elsewhere):
        task.refresh_from_db()
        assert task.status == TaskResultStatus.RUNNING


def test_task_running_too_long_is_ready_again_whatever_its_worker(settings: Any) -> None:
    task = _running(settings, "other-host:12345", started_minutes_ago=61)
    call_command("requeue_stale_tasks", stale_minutes=60)
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY
