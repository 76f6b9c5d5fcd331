# Concertation – two commands matter: `make run` (demo) and `make test` (whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
PG_TEST_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
export FLASK_APP := wsgi:app
CATALOG := consult/translations

.PHONY: run test test-sqlite test-postgres bench lint format i18n i18n-update install worker

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed i18n

## Compile the translation catalogues (French is complete; English is the source language).
i18n: $(VENV)/.installed
	@$(BIN)/pybabel compile --statistics -d $(CATALOG) 2>&1 | grep -v "^compiling" || true

## Extract strings and update every catalogue (then translate the new French entries).
i18n-update: $(VENV)/.installed
	$(BIN)/pybabel extract --ignore-dirs '.*' -F $(CATALOG)/babel.cfg -k _l -o $(CATALOG)/messages.pot . >/dev/null 2>&1
	$(BIN)/pybabel update -i $(CATALOG)/messages.pot -d $(CATALOG) -l fr --no-fuzzy-matching --width 120 >/dev/null

## Install, migrate, load the demo if the database is empty, and serve on http://127.0.0.1:$(PORT)
run: install
	$(BIN)/flask db upgrade
	$(BIN)/flask consult demo --if-empty
	$(BIN)/flask run --host 127.0.0.1 --port $(PORT)

## The mail worker (reminders, PDF builds, mail delivery with retries).
worker: install
	$(BIN)/flask consult worker

## Install and run the whole suite on SQLite, then on PostgreSQL when it answers.
test: install test-sqlite test-postgres

test-sqlite:
	@echo "== Test suite on SQLite =="
	$(BIN)/pytest

test-postgres:
	@if $(BIN)/python -c "import psycopg; psycopg.connect('$(subst +psycopg,,$(PG_TEST_URL))', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "== Test suite on PostgreSQL ($(PG_TEST_URL)) =="; \
	  TEST_DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest; \
	else \
	  echo "== PostgreSQL run skipped: no server answers at $(PG_TEST_URL) (set PG_TEST_URL to use another) =="; \
	fi

## Benchmarks that print figures.
bench: install
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python -m bench.$$(basename $$b .py) || exit 1; done

lint: $(VENV)/.installed
	$(BIN)/ruff check consult tests bench config.py wsgi.py
	$(BIN)/ruff format --check consult tests bench config.py wsgi.py
	$(BIN)/lint-imports --no-cache
