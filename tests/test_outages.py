"""A database outage: a calm 503 with Retry-After, answers kept, logged once per burst."""

import logging
import os
import subprocess
import sys
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import connection

from findatrial.outages import OutageLog
from tests.builders import make_trial
from tests.screening.steps import HTMX, answer, step_key, text


@contextmanager
def unreachable_database():
    """Point the site at a database that is not there, as when PostgreSQL is down.

    The open connection is set aside (an in-memory SQLite test database would vanish if
    closed) and put back afterwards.
    """
    kept_connection, kept_settings = connection.connection, dict(connection.settings_dict)
    if connection.vendor == "postgresql":
        connection.settings_dict.update(HOST="127.0.0.1", PORT="9")  # discard: nobody listens
    else:
        connection.settings_dict["NAME"] = "/nonexistent/folder/findatrial.sqlite3"
    connection.connection = None
    try:
        yield
    finally:
        connection.settings_dict.clear()
        connection.settings_dict.update(kept_settings)
        connection.connection = kept_connection


@pytest.fixture
def browser(client):
    client.raise_request_exception = False
    return client


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("address", ["/", "/trials/", "/trials/NCT06737380/", "/check/"])
def test_every_page_answers_503_with_retry_after_and_calm_words(browser, shipped_data, address):
    make_trial("NCT06737380")

    with unreachable_database():
        response = browser.get(address)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert "We will be back in a moment" in text(response)
    assert "went wrong" not in text(response)
    assert f'href="{address}"' in response.content.decode()  # "Try again"


@pytest.mark.django_db(transaction=True)
def test_answers_are_kept_through_an_outage_and_back_works_after(browser, shipped_data):
    make_trial("NCT06737380")
    first = step_key(browser.get("/check/"))
    assert first == "age"
    answer(browser, first, "41")
    second = step_key(browser.get("/check/"))
    assert second != first

    with unreachable_database():
        during = browser.post(
            "/check/", {"step": second, "action": "skip", "answered": "1"}, **HTMX
        )

    assert during.status_code == 503
    assert during["HX-Refresh"] == "true"
    assert step_key(browser.get("/check/")) == second
    back = answer(browser, second, action="back")
    again = browser.get(back["Location"]) if back.status_code == 303 else back
    assert step_key(again) == "age"
    assert 'value="41"' in again.content.decode()


@pytest.mark.django_db(transaction=True)
def test_an_outage_is_logged_once_not_per_request(browser, shipped_data, caplog, monkeypatch):
    monkeypatch.setattr("findatrial.views.outage_log", OutageLog())
    caplog.set_level(logging.INFO)

    with unreachable_database():
        statuses = {browser.get("/").status_code for _ in range(20)}

    assert statuses == {503}
    errors = [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert len(errors) == 1
    assert errors[0].getMessage() == "database unreachable, answering 503 (first failure: /)"


def test_a_burst_is_counted_and_a_new_burst_is_logged_again(caplog):
    now = [0.0]
    log = OutageLog(burst_seconds=60, clock=lambda: now[0])
    caplog.set_level(logging.INFO, logger="findatrial.outages")

    for second in range(0, 50, 5):  # ten failures, five seconds apart: one burst
        now[0] = second
        log.failed(RuntimeError("down"), "/")
    now[0] = 500.0
    log.failed(RuntimeError("down again"), "/check/")

    assert [record.getMessage() for record in caplog.records] == [
        "database unreachable, answering 503 (first failure: /)",
        "the previous database outage failed 9 more requests",
        "database unreachable, answering 503 (first failure: /check/)",
    ]


def test_a_bug_is_still_a_500(client, monkeypatch, db):
    monkeypatch.setattr("trials.views.conditions_with_open_counts", lambda: 1 / 0)
    client.raise_request_exception = False

    response = client.get("/")

    assert response.status_code == 500
    assert "Retry-After" not in response


@pytest.mark.parametrize(("max_age", "checks"), [("0", False), ("60", True)])
def test_kept_connections_are_health_checked(max_age, checks):
    """After a database restart, a kept connection must be checked, not fail a request."""
    env = {**os.environ, "CONN_MAX_AGE": max_age, "SECRET_KEY": "x"}
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'findatrial.settings'\n"
        "from django.conf import settings\n"
        "db = settings.DATABASES['default']\n"
        "print(db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS'])"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=settings.BASE_DIR, capture_output=True
    )
    assert shown.stdout.decode().split() == [max_age, str(checks)]
