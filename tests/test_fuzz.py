"""Reliability fuzz: every address and form, fed hostile input, never answers with a 5xx.

Each of our URL patterns is called with every method, its parameters replaced by NUL bytes,
overlong ids, unicode and path tricks, its query parameters and form fields likewise, and its
body sent under content types it does not expect. A 4xx with our page is fine; a 5xx is a bug.
"""

from __future__ import annotations

import itertools
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.builders import make_trial

pytestmark = pytest.mark.django_db

HOSTILE = [
    "\x00",
    "a\x00b",
    "%00",
    "N" * 5000,
    "ñandú 日本語 🙂",
    "\u202e\ufeff\u200b",
    "../../etc/passwd",
    "'\"<script>alert(1)</script>",
    "-1",
    "99999999999999999999999999",
    "1e308",
    "NaN",
    " ",
    "\udcff".encode("utf-8", "surrogatepass").decode("latin-1"),
]
METHODS = ["get", "post", "put", "patch", "delete", "head", "options"]
QUERY_NAMES = [
    "condition", "trials", "scope", "ids", "page", "edit", "open", "country", "state",
    "phase", "likely", "ask", "not", "q", "next",
]  # fmt: skip
FORM_NAMES = ["step", "action", "answer", "answered", "edit", "unit", "chosen", "token"]
CONTENT_TYPES = [
    "application/json",
    "text/plain",
    "application/xml",
    "multipart/form-data; boundary=nothing-here",
    "application/x-www-form-urlencoded; charset=utf-16",
    "application/octet-stream",
]
BODIES = [b"", b"\x00\xff\xfe" * 100, b'{"step": "age", "answer": 41}', b"step=age&answer=%00"]


def public_routes() -> list[str]:
    """Every route of ours (not the admin's), with its parameters as `{name}` slots."""
    routes: list[str] = []

    def walk(patterns, prefix: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if str(entry.pattern).startswith("admin/"):
                    continue
                walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                routes.append(
                    "/" + prefix + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(entry.pattern))
                )

    walk(get_resolver().url_patterns, "")
    return routes


ROUTES = public_routes()


def addresses(route: str) -> list[str]:
    """The route with real-looking values, then with each hostile value in every slot."""
    slots = re.findall(r"{(\w+)}", route)
    if not slots:
        return [route]
    real = {"registry_id": "NCT06737380", "rest": "handout", "key": "A" * 32, "token": "B" * 32}
    found = [route.format(**{slot: real.get(slot, "x") for slot in slots})]
    for value in HOSTILE:
        found.append(route.format(**{slot: value for slot in slots}))
    return found


@pytest.fixture
def browser(db) -> Client:
    make_trial("NCT06737380", sites=1, contacts=1)
    client = Client(raise_request_exception=False)
    client.get("/check/")  # a session and a CSRF cookie, as a real visitor has
    return client


def server_errors(responses) -> list[str]:
    return [
        f"{status} {method.upper()} {address!r}"
        for method, address, status in responses
        if status >= 500
    ]


def test_the_fuzz_reaches_every_route():
    assert len(ROUTES) >= 12
    assert "/trials/{registry_id}/" in ROUTES
    assert "/shared/{key}/delete/{token}/" in ROUTES


def test_every_address_with_every_method(browser):
    responses = []
    for route, method in itertools.product(ROUTES, METHODS):
        for address in addresses(route):
            response = getattr(browser, method)(address)
            responses.append((method, address, response.status_code))

    assert not server_errors(responses)


def test_every_query_parameter_with_hostile_values(browser):
    responses = []
    plain_routes = [route for route in ROUTES if "{" not in route]
    for route, name, value in itertools.product(plain_routes, QUERY_NAMES, HOSTILE):
        response = browser.get(route, {name: value})
        responses.append(("get", f"{route}?{name}={value[:20]!r}", response.status_code))
    for route in plain_routes:
        response = browser.get(route + "?" + "&".join(f"{name}=%00%ff" for name in QUERY_NAMES))
        responses.append(("get", route + "?…%00%ff", response.status_code))

    assert not server_errors(responses)


def test_every_form_field_with_hostile_values(browser):
    responses = []
    posting = ["/check/", "/check/start-over/", "/check/results/share/"]
    for address, name, value in itertools.product(posting, FORM_NAMES, HOSTILE):
        data = {"step": "age", "action": "answer", "answered": "0", name: value}
        response = browser.post(address, data)
        responses.append(("post", f"{address} {name}={value[:20]!r}", response.status_code))
    for address in posting:
        response = browser.post(address, {name: HOSTILE for name in FORM_NAMES})
        responses.append(("post", f"{address} every field, many values", response.status_code))

    assert not server_errors(responses)


def test_every_post_with_unexpected_content_types(browser):
    responses = []
    for route, content_type, body in itertools.product(ROUTES, CONTENT_TYPES, BODIES):
        for address in addresses(route)[:2]:
            response = browser.generic("POST", address, body, content_type=content_type)
            responses.append(("post", f"{address} as {content_type}", response.status_code))

    assert not server_errors(responses)


def test_a_walk_through_the_questionnaire_with_hostile_answers(browser):
    """Each step answered first with every hostile value, then properly, to the end."""
    responses = []
    page = browser.get("/check/")
    for _turn in range(30):
        match = re.search(r'name="step" value="([^"]+)"', page.content.decode())
        if not match:
            break
        step = match.group(1)
        for value in HOSTILE:
            response = browser.post("/check/", {"step": step, "answer": value, "answered": "1"})
            responses.append(("post", f"/check/ {step}={value[:20]!r}", response.status_code))
        browser.post("/check/", {"step": step, "action": "skip", "answered": "1"})
        page = browser.get("/check/")
    results = browser.get("/check/results/")

    assert results.status_code == 200
    assert not server_errors(responses)
