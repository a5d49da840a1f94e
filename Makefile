# Samen. `make help` lists the targets; `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/samen
PROD_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/samen_prod
PROD_REDIS_URL ?= redis://127.0.0.1:6379/1
PROD_PORT ?= 8001
# One test worker per core. Tests are handed out one by one in the order pytest sorted
# them (tests/conftest.py puts the transactional ones last).
PARALLEL ?= -n auto

.DEFAULT_GOAL := help
.PHONY: screenshots
.PHONY: help run setup test test-postgres lint format check messages messages-check clean serve-prod bench bench-publish lock assets

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The locks (requirements*.txt) pin every package with its hashes; pip refuses anything else.
$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.txt
	@touch $@ $(VENV)/.runtime

setup: $(VENV)/.runtime ## Create .venv, install the pins, migrate and load the demo content
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo --domain $(HOST):$(PORT)

run: setup ## Set everything up and serve the site on http://127.0.0.1:8000 (admin at /admin/), with a task worker
	@echo "Samen: http://$(HOST):$(PORT)/  admin: http://$(HOST):$(PORT)/admin/  (beheer@samen.test / samen-beheer)"
	@echo "The web server and a task worker run together; Ctrl-C stops both."
	SITE_BASE_URL=$${SITE_BASE_URL:-http://$(HOST):$(PORT)} HOST=$(HOST) WEB_PORT=$(PORT) \
	  $(BIN)/honcho -f Procfile.dev start

serve-prod: $(VENV)/.runtime ## Production settings: gunicorn and a task worker, on this machine's PostgreSQL and Redis (plain HTTP)
	$(BIN)/python -m site_config.ensure_database $(PROD_DATABASE_URL)
	export DJANGO_SETTINGS_MODULE=site_config.settings.production DATABASE_URL=$(PROD_DATABASE_URL) \
	  REDIS_URL=$(PROD_REDIS_URL) SECRET_KEY=$${SECRET_KEY:-samen-serve-prod-on-this-machine-only} HTTPS_ONLY=false \
	  ALLOWED_HOSTS=127.0.0.1,localhost SITE_BASE_URL=http://127.0.0.1:$(PROD_PORT) \
	  STATIC_ROOT=$(CURDIR)/staticfiles PORT=$(PROD_PORT) EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend \
	  SERVE_MEDIA=true && \
	$(MANAGE) migrate --no-input && $(MANAGE) collectstatic --no-input --verbosity 0 && \
	$(MANAGE) load_demo --domain 127.0.0.1:$(PROD_PORT) && \
	$(BIN)/honcho -f Procfile start --port $(PROD_PORT)

# A scratch database of its own, so the screenshots never touch db.sqlite3.
SCREENSHOTS_DB ?= /tmp/samen-screenshots.sqlite3

screenshots: $(VENV)/.dev ## Screenshots of the demo's pages (390 and 1280 px, nl and en, two looks) into docs/screenshots/
	rm -f $(SCREENSHOTS_DB) $(SCREENSHOTS_DB)-wal $(SCREENSHOTS_DB)-shm
	DATABASE_URL=sqlite:///$(SCREENSHOTS_DB) MEDIA_ROOT=$(SCREENSHOTS_DB)-media $(MANAGE) take_screenshots

bench: bench-tools $(VENV)/.runtime ## Load-test serve-prod's set-up, cached and rendered whole, against a plain Wagtail page (samen_bench); writes docs/performance.md
	$(BIN)/python -m bench.run --write docs/performance.md

bench-publish: $(VENV)/.dev ## Time publishing a post in a group of 2,000 members, this tree against BEFORE (default e7f6302)
	$(BIN)/python -m bench.publish $(if $(BEFORE),--before $(BEFORE))

.PHONY: bench-tools
bench-tools: ## Install wrk, the load generator make bench uses (with apt-get, as root)
	@command -v wrk >/dev/null || \
	if [ "$$(id -u)" -eq 0 ]; then echo "Installing wrk with apt-get ..." && apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	else echo "make bench needs wrk: install the package wrk as root (sudo make bench-tools)." >&2; exit 1; fi

test: $(VENV)/.dev ## Run the whole test suite (SQLite; browser journeys when Chromium is installed)
	$(BIN)/pytest $(PARALLEL)

test-postgres: $(VENV)/.dev ## The same suite on the PostgreSQL server in PG_TEST_URL
	DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest $(PARALLEL)

lint: $(VENV)/.dev ## ruff check, ruff format --check, and the apps' layers (import-linter)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m tests.app_imports

format: $(VENV)/.dev ## Let ruff fix what it can and format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(VENV)/.dev messages-check ## Django's checks, migrations in step, catalogues complete
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run

messages: $(VENV)/.dev ## Update locale/*/django.po from the code and compile them
	$(MANAGE) makemessages -l nl -l en --ignore=.venv --ignore=tests --no-obsolete
	$(MANAGE) compilemessages --ignore=.venv

messages-check: $(VENV)/.dev ## Fail when code and catalogues disagree, or a .mo lags its .po (needs GNU gettext)
	$(MANAGE) check_catalogues

# pip-tools writes the locks. It is only needed for that, so it comes into .venv on first use.
PIP_TOOLS := pip-tools==7.7.0
# LOCK_ARGS=--upgrade moves every package to its newest allowed release,
# LOCK_ARGS="--upgrade-package NAME" only that one; without, the locked versions stay.
LOCK_ARGS ?=
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe \
  --strip-extras --no-emit-index-url --no-emit-find-links $(LOCK_ARGS)

$(BIN)/pip-compile: | $(BIN)/python
	$(BIN)/pip install --quiet $(PIP_TOOLS)

lock: $(BIN)/pip-compile ## Pin every package with hashes: requirements.in -> .txt, requirements-dev.in -> .txt
	$(PIP_COMPILE) --output-file requirements.txt requirements.in
	$(PIP_COMPILE) --output-file requirements-dev.txt requirements-dev.in

# The NL Design System's component CSS is committed in static/vendor/utrecht/, so serving the
# site needs no Node. Only a maintainer who changes assets/package.json runs this (needs npm).
assets: ## Rebuild static/vendor/utrecht/ from the NL Design System packages pinned in assets/ (needs npm)
	@command -v npm >/dev/null || { echo "make assets needs Node.js and npm." >&2; exit 1; }
	cd assets && npm ci --no-audit --no-fund && node vendor.mjs

clean: ## Remove the virtualenv, database and uploaded media
	rm -rf $(VENV) db.sqlite3 media staticfiles
