"""Polite HTTP to the public registries: our name in the User-Agent, a pause between requests,
retries with back-off on 429 and 5xx (Retry-After honoured), a clear error when it gives up."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any

import requests
from django.conf import settings

logger = logging.getLogger(__name__)

USER_AGENT = "FindATrial/1.0 (catalogue sync; https://github.com/findatrial)"
RETRY_STATUSES = {429, 500, 502, 503, 504}


class RegistryError(Exception):
    """The registry could not be read; the message says what happened, for staff."""


@dataclass
class RegistryClient:
    """One run's connection: pauses `delay` seconds between requests, tries `attempts` times."""

    delay: float = field(default_factory=lambda: settings.SYNC_DELAY_SECONDS)
    attempts: int = field(default_factory=lambda: settings.SYNC_ATTEMPTS)
    backoff: float = field(default_factory=lambda: settings.SYNC_BACKOFF_SECONDS)
    timeout: float = 30.0
    sleep: Callable[[float], None] = time.sleep
    session: requests.Session = field(default_factory=requests.Session)
    requests_made: int = 0

    def __post_init__(self) -> None:
        self.session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})

    def get(self, url: str, params: dict[str, Any]) -> Any:
        return self._json("GET", url, params=params)

    def post(self, url: str, body: dict[str, Any]) -> Any:
        return self._json("POST", url, json=body)

    def _json(self, method: str, url: str, **kwargs: Any) -> Any:
        for attempt in range(1, self.attempts + 1):
            if self.requests_made:
                self.sleep(self.delay)
            self.requests_made += 1
            try:
                response = self.session.request(method, url, timeout=self.timeout, **kwargs)
            except requests.RequestException as error:
                problem = f"could not reach {url} ({error.__class__.__name__})"
                wait = self.backoff * 2 ** (attempt - 1)
            else:
                if response.status_code == 200:
                    try:
                        return response.json()
                    except ValueError as error:
                        raise RegistryError(f"{url} sent something that is not JSON") from error
                if response.status_code not in RETRY_STATUSES:
                    raise RegistryError(f"{url} answered HTTP {response.status_code}")
                problem = f"{url} answered HTTP {response.status_code}"
                wait = _retry_after(response) or self.backoff * 2 ** (attempt - 1)
            if attempt == self.attempts:
                raise RegistryError(f"{problem}, {self.attempts} times; giving up")
            logger.warning("%s; trying again in %.0f s", problem, wait)
            self.sleep(wait)
        raise AssertionError("unreachable")


def _retry_after(response: requests.Response) -> float | None:
    """Seconds the server asked us to wait: a number, or an HTTP date."""
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None
