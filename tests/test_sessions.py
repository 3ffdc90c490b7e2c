"""Sessions: a patient's answers encrypted in their cookie and short-lived; staff sessions end."""

import base64
import binascii
import contextlib
import datetime
import json
import re
import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import signing
from django.test import Client, override_settings
from django.urls import reverse

from findatrial.sessions import STAFF_PREFIX, cookie_cipher
from screening.models import SharedResult
from tests.builders import make_staff, make_trial
from tests.screening.steps import answer, set_session_cookie, step_key, walk

pytestmark = pytest.mark.django_db

PATIENT = {"age": "41", "sex": "female", "conditions": ["sle"]}


@pytest.fixture
def lupus_trial(db):
    return make_trial("NCT06737380", conditions=("sle",))


def session_cookie(client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def every_decoding(value: str) -> str:
    """Whatever someone holding the cookie could read without our key."""
    readable = [value]
    for part in re.split(r"[.:]", value):
        for padding in ("", "=", "=="):
            with contextlib.suppress(binascii.Error, ValueError):
                readable.append(base64.urlsafe_b64decode(part + padding).decode("latin-1"))
    return "\n".join(readable)


def test_a_patients_answers_cannot_be_read_from_their_cookie(client, lupus_trial):
    answer(client, "age", "41")
    answer(client, "conditions", ["sle"])

    cookie = session_cookie(client)

    readable = every_decoding(cookie)
    for secret in ('"age":41', '"age": 41', '"sle"', "conditions", "screening"):
        assert secret not in readable
    with pytest.raises(signing.BadSignature):
        signing.loads(cookie, salt="django.contrib.sessions.backends.signed_cookies")
    # Only our key opens it, and the answers are in there.
    assert b'"age": 41' in cookie_cipher().decrypt(cookie.encode()).replace(
        b'"age":41', b'"age": 41'
    )


def test_another_servers_key_cannot_open_the_cookie(client, lupus_trial):
    answer(client, "age", "41")
    cookie = session_cookie(client)

    with override_settings(SECRET_KEY="someone-elses-key", SECRET_KEY_FALLBACKS=[]):
        stranger = Client()
        set_session_cookie(stranger, cookie)
        page = stranger.get(reverse("screening:check"))

    assert step_key(page) == "age"
    assert 'value="41"' not in page.content.decode()


def test_the_cookie_ends_with_the_browser(client, lupus_trial):
    response = answer(client, "age", "41")

    morsel = response.cookies[settings.SESSION_COOKIE_NAME]
    assert morsel["max-age"] == ""
    assert morsel["expires"] == ""
    assert morsel["httponly"] is True
    assert morsel["samesite"] == "Lax"


def cookie_written(seconds_ago: int) -> str:
    data = b'{"screening": {"answers": {"age": 41}, "history": ["age"]}}'
    return cookie_cipher().encrypt_at_time(data, int(time.time()) - seconds_ago).decode()


def test_answers_are_forgotten_after_two_idle_hours(client, lupus_trial):
    set_session_cookie(client, cookie_written(seconds_ago=2 * 60 * 60 + 5))

    page = client.get(reverse("screening:check"))

    assert step_key(page) == "age"
    assert 'value="41"' not in page.content.decode()


def test_each_visit_restarts_the_two_hours(client, lupus_trial):
    set_session_cookie(client, cookie_written(seconds_ago=2 * 60 * 60 - 60))

    client.get(reverse("trials:detail", args=["NCT06737380"]))

    fresh = cookie_cipher().extract_timestamp(session_cookie(client).encode())
    assert abs(fresh - time.time()) < 60
    kept = json.loads(cookie_cipher().decrypt(session_cookie(client).encode(), ttl=60))
    assert kept["screening"]["answers"] == {"age": 41}


def test_a_tampered_cookie_is_a_fresh_start_not_an_error(client, lupus_trial):
    set_session_cookie(client, "gAAAAA" + "x" * 200)

    page = client.get(reverse("screening:check"))

    assert page.status_code == 200
    assert step_key(page) == "age"


def test_clearing_answers_empties_the_cookie_at_once(client, lupus_trial):
    answer(client, "age", "41")

    client.post(reverse("screening:start_over"))

    data = cookie_cipher().decrypt(session_cookie(client).encode())
    assert b"41" not in data


def test_a_whole_walk_stores_nothing_about_the_patient_on_the_server(client, lupus_trial):
    walk(client, PATIENT)

    results = client.get(reverse("screening:results"))

    assert results.status_code == 200
    assert not Session.objects.exists()
    assert not SharedResult.objects.exists()
    assert len(session_cookie(client)) < 4000  # a browser keeps cookies up to 4 KB


@pytest.mark.parametrize(
    "address", ["screening:check", "screening:results", "trials:detail", "trials:list"]
)
def test_pages_seen_with_answers_are_kept_out_of_every_cache(client, lupus_trial, address):
    answer(client, "age", "41")
    args = ["NCT06737380"] if address == "trials:detail" else []

    response = client.get(reverse(address, args=args))

    assert response["Cache-Control"] == "private, no-store"


def test_answering_is_kept_out_of_every_cache(client, lupus_trial):
    assert answer(client, "age", "41")["Cache-Control"] == "private, no-store"


def test_a_visitor_without_answers_gets_pages_caches_may_keep(client, lupus_trial):
    response = client.get(reverse("trials:detail", args=["NCT06737380"]))

    assert "no-store" not in response.get("Cache-Control", "")
    assert settings.SESSION_COOKIE_NAME not in response.cookies


# --- staff ---------------------------------------------------------------------------------


def signed_in_copy(user) -> tuple[Client, str]:
    """Alice signs in; returns her browser and a copy of her session cookie."""
    browser = Client()
    browser.force_login(user)
    assert browser.get("/admin/").status_code == 200
    return browser, session_cookie(browser)


def opens_admin(cookie: str) -> bool:
    other = Client()
    set_session_cookie(other, cookie)
    return other.get("/admin/").status_code == 200


def test_a_staff_session_lives_in_the_database_under_a_random_key(db):
    _browser, cookie = signed_in_copy(make_staff("alice"))

    assert cookie.startswith(STAFF_PREFIX)
    assert Session.objects.filter(session_key=cookie.removeprefix(STAFF_PREFIX)).exists()
    assert "alice" not in every_decoding(cookie)


def test_logging_out_ends_every_copy_of_the_staff_session(db):
    browser, cookie = signed_in_copy(make_staff("alice"))
    assert opens_admin(cookie)

    browser.post("/admin/logout/")

    assert not opens_admin(cookie)
    assert not Session.objects.exists()


def test_a_password_change_ends_other_staff_sessions(db):
    alice = make_staff("alice")
    _browser, cookie = signed_in_copy(alice)

    alice.set_password("a new and better passphrase")
    alice.save()

    assert not opens_admin(cookie)


def test_a_staff_session_expires_after_two_idle_hours(db):
    _browser, cookie = signed_in_copy(make_staff("alice"))

    Session.objects.update(expire_date=datetime.datetime.now(datetime.UTC))

    assert not opens_admin(cookie)


def test_signing_in_replaces_the_key_a_visitor_had(db, client, lupus_trial):
    answer(client, "age", "41")
    before = session_cookie(client)

    client.force_login(make_staff("alice"))

    assert session_cookie(client) != before
    assert session_cookie(client).startswith(STAFF_PREFIX)
