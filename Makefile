# Kumppani — `make demo` runs the demo, `make test` runs every check on SQLite and PostgreSQL.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/kumppani
MANAGE := $(BIN)/python manage.py
export DJANGO_SETTINGS_MODULE := kumppani.settings
# Development runs (demo, tests, screenshots, bench) may use the development SECRET_KEY.
export KUMPPANI_ENV ?= development

.PHONY: demo test install system-deps assets screenshots lint typecheck checks translations messages pytest-sqlite pytest-pg bench clean prod-local backup restore bench-faults bench-scaleout

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

install: $(BIN)/.installed

# Debian packages (Voikko for Finnish base forms, Chromium for browser tests, gettext, the PDF
# renderer's Pango) and axe-core from npm. Installs only what is missing; needs root for apt.
system-deps:
	@bash scripts/system-deps.sh

# The design system's CSS tokens and icons, generated from the npm packages (suomifi-design-tokens,
# suomifi-icons) into build/static/ (git-ignored; served by whitenoise through STATICFILES_DIRS).
assets: install system-deps
	$(MANAGE) build_assets

# Links in emails and calendars use SITE_ROOT: in the demo it follows PORT unless set.
demo: export SITE_ROOT ?= http://127.0.0.1:$(PORT)
demo: install system-deps assets
	$(MANAGE) compile_translations
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	@echo "Starting the background worker, the scheduler and the server on http://127.0.0.1:$(PORT)/"
	@$(MANAGE) db_worker --queue-name '*' >var/worker.log 2>&1 & echo $$! > var/worker.pid
	@$(MANAGE) scheduler >var/scheduler.log 2>&1 & echo $$! > var/scheduler.pid
	@trap 'kill $$(cat var/worker.pid) $$(cat var/scheduler.pid) 2>/dev/null' EXIT; $(MANAGE) runserver 127.0.0.1:$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy kumppani

checks: install
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check

# Regenerate catalogues from the source, then fail if any fi/sv string is untranslated.
messages: install
	$(MANAGE) makemessages -l fi -l sv -i .venv -i node_modules -i bench -i var -i scripts --no-obsolete

translations: messages
	$(MANAGE) check_translations
	$(MANAGE) compile_translations

pytest-sqlite: install
	DATABASE_URL= $(BIN)/pytest -n 2 --dist loadgroup -q

# axe (HTML and CSS only) runs in the SQLite pass; the PostgreSQL pass walks the same pages.
pytest-pg: install
	DATABASE_URL=$(PG_URL) KUMPPANI_AXE=0 $(BIN)/pytest -n 2 --dist loadgroup -q

test: install system-deps assets lint typecheck checks translations pytest-sqlite pytest-pg

# PNGs of every role's main page at 390 px and 1280 px into var/screenshots/ (not committed).
screenshots: install system-deps assets
	$(BIN)/python scripts/screenshots.py

bench: install
	$(BIN)/python bench/run.py

# The production layout here (Procfile, honcho): gunicorn, db_worker, against the machine's
# PostgreSQL and Redis. Override PROD_DATABASE_URL, REDIS_URL, WEB_CONCURRENCY, BIND.
PROD_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/kumppani_prod
REDIS_URL ?= redis://127.0.0.1:6379/0
prod-local: install assets
	createdb -h 127.0.0.1 -U postgres $(lastword $(subst /, ,$(PROD_DATABASE_URL))) 2>/dev/null || true
	DATABASE_URL=$(PROD_DATABASE_URL) $(MANAGE) compile_translations
	DATABASE_URL=$(PROD_DATABASE_URL) $(MANAGE) migrate --noinput
	DATABASE_URL=$(PROD_DATABASE_URL) $(MANAGE) collectstatic --noinput -v 0
	DATABASE_URL=$(PROD_DATABASE_URL) $(MANAGE) seed_demo
	DATABASE_URL=$(PROD_DATABASE_URL) REDIS_URL=$(REDIS_URL) LOG_FORMAT=$${LOG_FORMAT:-json} \
		$(BIN)/honcho start -f Procfile

# Online backup of DATABASE_URL's database into var/backups/ (or BACKUP=file); restore with
# `make restore BACKUP=file` (replaces the database's contents).
backup: install
	$(MANAGE) backup_database $(if $(BACKUP),--output $(BACKUP))

restore: install
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=file"; exit 2; }
	$(MANAGE) restore_database $(BACKUP) --yes

# Faults survived (kill -9 of web and worker processes, database restart) and scale-out
# (1, 2, 4 gunicorn processes on PostgreSQL and Redis). Not part of `make test`.
bench-faults: install assets
	$(BIN)/python bench/faults.py

bench-scaleout: install assets
	$(BIN)/python bench/scaleout.py

clean:
	rm -rf $(VENV) var node_modules build
