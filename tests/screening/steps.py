"""Helpers for questionnaire tests: read a step page, answer it, walk to the results."""

from __future__ import annotations

import html
import re

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from screening import loading
from screening.state import SESSION_KEY

HTMX = {"HTTP_HX_REQUEST": "true"}


def step_key(response) -> str | None:
    """The key of the question a step page asks, or None when it asks nothing."""
    match = re.search(r'name="step" value="([^"]+)"', response.content.decode())
    return match.group(1) if match else None


def text(response) -> str:
    """What a person reads on the page: tags dropped, spaces squeezed."""
    body = response.content.decode()
    main = re.search(r"<main.*?</main>", body, re.S)
    words = re.sub(r"<[^>]+>", " ", main.group(0) if main else body)
    return " ".join(html.unescape(words).split())


def answer(client, key: str, value=None, *, action: str = "answer", **extra):
    """POST one step, as the step form does."""
    answered = len(client.session.get(SESSION_KEY, {}).get("history", []))
    data = {"step": key, "action": action, "answered": str(answered), **extra}
    if value is not None:
        data["answer"] = value
    return client.post(reverse("screening:check"), data)


def walk(client, answers: dict, *, default_action: str = "not_sure", start: str = "") -> list[str]:
    """Answer every question asked until the results; returns the keys in asking order.

    Questions missing from `answers` get `default_action` (not sure, or skip where not sure
    is not offered). `start` is the first address (a clinician's link), the plain
    questionnaire without it.
    """
    asked: list[str] = []
    response = client.get(start or reverse("screening:check"))
    for _turn in range(80):
        if response.status_code in (302, 303):
            if response["Location"] == reverse("screening:results"):
                return asked
            response = client.get(response["Location"])
            continue
        key = step_key(response)
        assert key, f"no question and no results: {text(response)[:300]}"
        asked.append(key)
        if key in answers:
            response = answer(client, key, answers[key])
        else:
            response = answer(client, key, action=default_action)
            if response.status_code == 400:  # "not sure" is not offered here
                response = answer(client, key, action="skip")
        assert response.status_code == 303, text(response)[:300]
    raise AssertionError(f"the questionnaire did not end: {asked}")


def set_session_cookie(client, value: str) -> None:
    client.cookies[settings.SESSION_COOKIE_NAME] = value


def queries_for(client, url: str, **extra) -> int:
    loading.clear_cache()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **extra)
    assert response.status_code == 200
    return len(captured)
