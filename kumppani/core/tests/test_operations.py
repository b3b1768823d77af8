"""Health endpoint, request ids and JSON logs, the 503 page, settings from the environment."""

from __future__ import annotations

import io
import json
import logging
import runpy
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.utils import timezone

from kumppani.core import health
from kumppani.core.observability import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _ready(client: Client) -> tuple[int, dict[str, Any]]:
    response = client.get("/healthz/ready")
    assert response["Content-Type"] == "application/json"
    return response.status_code, response.json()


def test_ready_is_200_when_database_cache_and_queue_are_fine(settings: Any) -> None:
    settings.TASKS = DB_TASKS
    status, body = _ready(Client())
    assert status == 200 and body["status"] == "ok"
    assert {name for name, check in body["checks"].items() if check["ok"]} == {
        "database",
        "cache",
        "tasks",
    }


def test_ready_is_503_when_the_cache_is_broken(monkeypatch: Any) -> None:
    class BrokenCache:
        def set(self, *args: Any, **kwargs: Any) -> None:
            raise ConnectionError("Connection refused")

    monkeypatch.setattr(health, "cache", BrokenCache())
    status, body = _ready(Client())
    assert status == 503 and body["status"] == "fail"
    assert body["checks"]["cache"]["ok"] is False
    assert "Connection refused" in body["checks"]["cache"]["detail"]
    assert body["checks"]["database"]["ok"] is True


def _database_down(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
    raise OperationalError("server closed the connection unexpectedly")


def test_ready_is_503_when_the_database_is_down() -> None:
    with connection.execute_wrapper(_database_down):
        status, body = _ready(Client())
    assert status == 503
    assert body["checks"]["database"]["ok"] is False
    assert body["checks"]["cache"]["ok"] is True


def test_ready_is_503_when_tasks_wait_with_no_worker(settings: Any) -> None:
    from django_tasks_db.models import DBTaskResult

    from kumppani.forums.tasks import send_invitation_batch

    settings.TASKS = DB_TASKS
    settings.HEALTH_TASK_BACKLOG_MINUTES = 10
    send_invitation_batch.enqueue(1)
    assert _ready(Client())[0] == 200  # just enqueued: a worker has time to take it
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=11))
    status, body = _ready(Client())
    assert status == 503 and "1 ready tasks older than 10 min" in body["checks"]["tasks"]["detail"]


def test_request_id_is_returned_and_an_incoming_one_is_kept() -> None:
    client = Client()
    generated = client.get("/healthz")["X-Request-ID"]
    assert len(generated) == 32
    assert client.get("/healthz")["X-Request-ID"] != generated
    kept = client.get("/healthz", HTTP_X_REQUEST_ID="proxy-7f3a.1")
    assert kept["X-Request-ID"] == "proxy-7f3a.1"
    forged = client.get("/healthz", HTTP_X_REQUEST_ID="bad id\nwith newline")
    assert forged["X-Request-ID"] != "bad id\nwith newline"


def test_log_lines_are_json_with_the_request_id() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = Client().get("/fi/no-such-page/", HTTP_X_REQUEST_ID="req-42")
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 404
    line = json.loads(stream.getvalue().splitlines()[-1])
    assert line["request_id"] == "req-42"
    assert line["level"] == "WARNING" and "Not Found" in line["message"]
    assert line["status"] == 404


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("fi", "Palvelu on tilapäisesti poissa käytöstä"),
        ("sv", "Tjänsten är tillfälligt otillgänglig"),
        ("en", "The service is temporarily unavailable"),
    ],
)
def test_database_down_gives_the_translated_503_page_and_recovers(
    language: str, heading: str
) -> None:
    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(_database_down):
        down = client.get(f"/{language}/")
    assert down.status_code == 503
    assert down["Retry-After"] == "5"
    assert down["Content-Type"] == "text/html; charset=utf-8"
    assert heading in down.content.decode()
    assert f'lang="{language}"' in down.content.decode()
    assert client.get(f"/{language}/").status_code == 200


def test_other_errors_stay_500(monkeypatch: Any) -> None:
    from kumppani.api import errors

    try:
        raise ValueError("boom")
    except ValueError:
        response = errors.server_error(Client().get("/healthz").wsgi_request)
    assert response.status_code == 500


SETTINGS_FILE = Path(__file__).resolve().parents[2] / "settings.py"


def _settings_with(monkeypatch: Any, **env: str) -> dict[str, Any]:
    for name in ("REDIS_URL", "CACHE_BACKEND", "CACHE_LOCATION", "SESSION_ENGINE", "LOG_FORMAT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


def test_redis_url_switches_cache_and_sessions_to_redis(monkeypatch: Any) -> None:
    plain = _settings_with(monkeypatch)
    assert plain["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")
    assert plain["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    assert plain["LOGGING"]["handlers"]["console"]["formatter"] == "text"
    shared = _settings_with(monkeypatch, REDIS_URL="redis://127.0.0.1:6379/3", LOG_FORMAT="json")
    assert shared["CACHES"]["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/3",
        "KEY_PREFIX": "",
    }
    assert shared["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
    assert shared["LOGGING"]["handlers"]["console"]["formatter"] == "json"
