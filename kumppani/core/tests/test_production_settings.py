"""Production settings: no development key, the deployment checks pass with the README's values."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[3]

# The production variables documented in README.md ("Production settings").
PRODUCTION = {
    "SECRET_KEY": "x7Qe0-kumppani-test-only-9fGv2LmN4pRs6TuW8yZa1BcD3eFg5HiJ7kLm",
    "ALLOWED_HOSTS": "kumppani.example.fi",
    "CSRF_TRUSTED_ORIGINS": "https://kumppani.example.fi",
    "SITE_ROOT": "https://kumppani.example.fi",
    "SECURE_COOKIES": "true",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
}


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``python *args`` in the project as a production process would run, plus ``env``."""
    unset = {"KUMPPANI_ENV", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", *PRODUCTION}
    base = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(  # noqa: S603
        [sys.executable, *args],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "kumppani.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_the_documented_production_variables() -> None:
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_PROXY_SSL_HEADER, s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE); "
        "from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    result = run("-c", code, **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert result.stdout.split()[:6] == [
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
        "31536000",
        "True",
        "True",
        "True",
    ]


def test_production_refuses_to_start_without_its_own_key() -> None:
    result = run("manage.py", "check", **{**PRODUCTION, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set SECRET_KEY" in result.stderr
    assert run("manage.py", "check", KUMPPANI_ENV="development").returncode == 0


@pytest.mark.django_db
def test_behind_the_proxy_https_is_served_and_http_redirected(settings: object) -> None:
    settings.SECURE_SSL_REDIRECT = True  # type: ignore[attr-defined]
    settings.SECURE_HSTS_SECONDS = 31536000  # type: ignore[attr-defined]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # type: ignore[attr-defined]
    client = Client()
    plain = client.get("/fi/")
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    secure = client.get("/fi/", HTTP_X_FORWARDED_PROTO="https")
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"].startswith("max-age=31536000")
    assert client.get("/healthz").status_code == 200  # probes over plain HTTP
