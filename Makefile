# Samen. `make help` lists the targets; `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/samen

.DEFAULT_GOAL := help
.PHONY: help run setup test test-postgres lint format check messages messages-check clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.runtime

setup: $(VENV)/.runtime ## Create .venv, install the pins, migrate and load the demo content
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo --domain $(HOST):$(PORT)

run: setup ## Set everything up and serve the site on http://127.0.0.1:8000 (admin at /admin/)
	@echo "Samen: http://$(HOST):$(PORT)/  admin: http://$(HOST):$(PORT)/admin/  (beheer@samen.test / samen-beheer)"
	SITE_BASE_URL=$${SITE_BASE_URL:-http://$(HOST):$(PORT)} $(MANAGE) runserver $(HOST):$(PORT)

test: $(VENV)/.dev ## Run the whole test suite (SQLite; browser journeys when Chromium is installed)
	$(BIN)/pytest

test-postgres: $(VENV)/.dev ## The same suite on the PostgreSQL server in PG_TEST_URL
	DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest

lint: $(VENV)/.dev ## ruff check and ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

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

clean: ## Remove the virtualenv, database and uploaded media
	rm -rf $(VENV) db.sqlite3 media staticfiles
