"""Kumppani settings: one file, read from environment variables.

SQLite (WAL) under var/ by default, so a checkout just works; set DATABASE_URL for PostgreSQL.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)
# `make demo`, `make test` and pytest set KUMPPANI_ENV=development; anything else is production,
# which refuses to start without its own SECRET_KEY (unless DEBUG is on).
DEVELOPMENT = os.environ.get("KUMPPANI_ENV", "production") == "development"
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-change-me"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY", "") or DEVELOPMENT_SECRET_KEY
if SECRET_KEY == DEVELOPMENT_SECRET_KEY and not (DEBUG or DEVELOPMENT):
    raise ImproperlyConfigured(
        "Set SECRET_KEY (50+ random characters) in production; the development key is used "
        "only with DEBUG=true or KUMPPANI_ENV=development."
    )
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
SITE_ROOT = os.environ.get("SITE_ROOT", "http://127.0.0.1:8000")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "kumppani.core",  # first: its templates override allauth's layout
    "allauth",
    "allauth.account",
    "django_tasks",
    "django_tasks_db",
    "kumppani.geography",
    "kumppani.accounts",
    "kumppani.associations",
    "kumppani.cooperation",
    "kumppani.forums",
    "kumppani.welfare",
    "kumppani.surveys",
    "kumppani.proposals",
    "kumppani.grants",
    "kumppani.premises",
    "kumppani.api",
]

MIDDLEWARE = [
    "kumppani.core.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "kumppani.core.request_size.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "kumppani.accounts.middleware.LoginRequiredMiddleware",
]

ROOT_URLCONF = "kumppani.urls"
WSGI_APPLICATION = "kumppani.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
            "builtins": ["kumppani.core.templatetags.kumppani"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'kumppani.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_DATABASE_NAME")}
    # A persistent connection broken by a database restart is replaced, not reused.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# REDIS_URL (e.g. redis://127.0.0.1:6379/0) makes Redis the shared cache of every process: page
# cache, login lockouts and rate limits (allauth keeps them in the default cache), and sessions.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": {
        "BACKEND": os.environ.get(
            "CACHE_BACKEND",
            "django.core.cache.backends.redis.RedisCache"
            if REDIS_URL
            else "django.core.cache.backends.locmem.LocMemCache",
        ),
        "LOCATION": os.environ.get("CACHE_LOCATION", REDIS_URL or "kumppani"),
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", ""),
    }
}
# Sessions in the database by default; with a shared cache, read through it (cached_db).
SESSION_ENGINE = os.environ.get(
    "SESSION_ENGINE",
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL or "redis" in CACHES["default"]["BACKEND"].lower()
    else "django.contrib.sessions.backends.db",
)

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ACCOUNT_ADAPTER = "kumppani.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# The person's name (stored by the adapter).
ACCOUNT_SIGNUP_FORM_CLASS = "kumppani.accounts.forms.SignupForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
# Mandatory verification, and a sign-up answer that does not tell whether the address is
# already registered (the address's owner gets an email either way).
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Kumppani] "
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "account_login"

LANGUAGE_CODE = "fi"
# Language names in their own language; each app keeps its catalogue in <app>/locale.
LANGUAGES = [("fi", "suomi"), ("sv", "svenska"), ("en", "English")]
CONTENT_LANGUAGES = ["fi", "sv", "en"]
LOCALE_PATHS: list[Path] = []
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True
# Dates, times and numbers in each language's conventions (kumppani/core/formats/<lang>/).
FORMAT_MODULE_PATH = ["kumppani.core.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# The design system's files generated from npm packages by `manage.py build_assets` (git-ignored).
BUILD_STATIC_DIR = BASE_DIR / "build" / "static"
BUILD_STATIC_DIR.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BUILD_STATIC_DIR]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Uploaded files larger than this go to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Request bodies other than files (form fields, the API's JSON); larger ones are refused.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Whole requests (the largest upload is 10 MB) are refused with 413 before the body is read;
# the reverse proxy should have the same limit (nginx: client_max_body_size 11m).
MAX_REQUEST_BYTES = int(os.environ.get("MAX_REQUEST_BYTES", str(11 * 1024 * 1024)))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Kumppani <noreply@example.org>")

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# Local time at which ``manage.py scheduler`` enqueues the daily reminders.
REMINDERS_AT = os.environ.get("REMINDERS_AT", "07:00")

# --- security switches (production values in README "Production settings") ---
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# The header a TLS-terminating reverse proxy sets, e.g. "X-Forwarded-Proto" (it must overwrite
# any value the client sent); requests carrying "https" in it count as secure.
if _proxy_header := os.environ.get("SECURE_PROXY_SSL_HEADER", ""):
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https")
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# LOG_FORMAT=json writes one JSON object per line; every record carries the request id.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "kumppani.core.observability.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "kumppani.core.observability.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# /healthz/ready fails when more than HEALTH_TASK_BACKLOG_MAX ready tasks have waited longer than
# HEALTH_TASK_BACKLOG_MINUTES (no worker is taking them).
HEALTH_TASK_BACKLOG_MINUTES = int(os.environ.get("HEALTH_TASK_BACKLOG_MINUTES", "10"))
HEALTH_TASK_BACKLOG_MAX = int(os.environ.get("HEALTH_TASK_BACKLOG_MAX", "0"))

# Anonymous visitors' public pages are cached this many seconds (0 = off); see core/page_cache.
PUBLIC_PAGE_CACHE_SECONDS = int(os.environ.get("PUBLIC_PAGE_CACHE_SECONDS", "60"))

# Paths to the real reference data shipped with the project.
MUNICIPALITIES_CSV = BASE_DIR / "kumppani" / "geography" / "data" / "municipalities-2026.csv"
