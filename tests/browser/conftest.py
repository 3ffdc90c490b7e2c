"""Real-browser fixtures: Debian's Chromium driven by Playwright, and axe-core checks."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator

import pytest

from tests.browser.in_page import DESKTOP, PHONE

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

# Playwright's sync API runs an event loop; Django must still allow ORM calls from the test.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is not installed at {CHROMIUM}: .ci/run installs it.")
        pytest.skip(f"Chromium is not installed at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser, live_server) -> Iterator:
    """A fresh phone-sized page with no cookies, with every request outside our site refused."""
    yield from _page(browser, live_server, PHONE)


@pytest.fixture
def desktop(browser, live_server) -> Iterator:
    yield from _page(browser, live_server, DESKTOP)


def _page(browser, live_server, viewport):
    context = browser.new_context(viewport=viewport, base_url=live_server.url)
    outside_requests: list[str] = []

    def refuse_third_parties(route):
        if route.request.url.startswith(live_server.url) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            outside_requests.append(route.request.url)
            route.abort()

    context.route("**/*", refuse_third_parties)
    page = context.new_page()
    page.outside_requests = outside_requests
    # Chromium reports what our Content-Security-Policy refused (and header words it does not
    # know) in the console: on any page, in any test, that is a failure.
    policy_complaints: list[str] = []

    def note_policy_complaints(message):
        if "Content Security Policy" in message.text or "Permissions-Policy" in message.text:
            policy_complaints.append(message.text)

    page.on("console", note_policy_complaints)
    page.wait_for_function = _functions_only(page.wait_for_function)
    yield page
    context.close()
    assert not outside_requests, f"pages asked a third party for: {outside_requests}"
    assert not policy_complaints, f"the browser refused: {policy_complaints}"


# A bare expression ("document.activeElement.id === 'x'") is eval'ed again in the page on every
# animation frame, and our Content-Security-Policy (no 'unsafe-eval') refuses that as soon as
# the first check is false: a test that passes or fails with the browser's timing. A function
# is eval'ed once, when Playwright sends it, which the policy allows.
_FUNCTION = re.compile(r"\s*(async\s+)?(function\b|\(|[\w$]+\s*=>)")


def _functions_only(wait_for_function):
    def checked(expression: str, *args, **options):
        if not _FUNCTION.match(expression):
            raise AssertionError(
                f"wait_for_function needs a function, not a bare expression: {expression!r}"
            )
        return wait_for_function(expression, *args, **options)

    return checked
