# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint bench bench-served messages

# Compiled catalogues, not committed: built from the committed .po files by Babel (no gettext).
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[test]"
	touch $@

install: $(BIN)/.installed $(MO_FILES)

$(MO_FILES): %.mo: %.po $(BIN)/.installed
	$(BIN)/pybabel compile --statistics -i $< -o $@

# After changing marked strings: every one of them into locale/es/LC_MESSAGES/django.po
# (needs GNU gettext: apt-get install gettext). Then translate the new entries and run
# `make install`, `make run` or `make test`, which compile them.
messages: install
	DJANGO_SETTINGS_MODULE=tests.settings $(BIN)/python manage.py makemessages --locale es \
		--no-obsolete --no-wrap --add-location=file --ignore "tests/*" --ignore "staticfiles/*"

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
