# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint bench bench-served

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[test]"
	touch $@

install: $(BIN)/.installed

# Sets up an SQLite database with our demo trials and serves the site.
run: install
	DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DEBUG=1 $(BIN)/python manage.py load_demo
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The whole suite, as CI runs it (set DATABASE_URL to test against PostgreSQL).
test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=tests.settings $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=tests.settings $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Benchmarks print figures; they are not part of the test suite.
bench: install
	$(BIN)/pytest tests/perf -s -p no:cacheprovider

# The pages under gunicorn and wrk (apt-get install wrk), beside a bare view: SQLite and PostgreSQL.
bench-served: install
	$(BIN)/python -m pip install --quiet ".[bench]"
	$(BIN)/python -m tests.perf.served
