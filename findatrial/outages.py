"""Database outages: told apart from bugs, answered with 503, logged once per burst."""

from __future__ import annotations

import logging
import threading
import time

from django.db import InterfaceError, OperationalError

logger = logging.getLogger("findatrial.outages")

# How long the site asks browsers and crawlers to wait before trying again.
RETRY_AFTER_SECONDS = 30
# Failures closer together than this belong to the same outage and are logged once.
BURST_SECONDS = 60


def is_outage(error: BaseException | None) -> bool:
    """Whether `error` means the database cannot be reached (not a mistake in a query)."""
    return isinstance(error, OperationalError | InterfaceError)


class OutageLog:
    """Log the first failure of a burst in full, then only count, then say when it ended.

    One process serves many threads; the lock keeps the count right.
    """

    def __init__(self, burst_seconds: float = BURST_SECONDS, clock=time.monotonic) -> None:
        self.burst_seconds = burst_seconds
        self.clock = clock
        self.lock = threading.Lock()
        self.last_failure: float | None = None
        self.unlogged = 0

    def failed(self, error: BaseException, path: str) -> None:
        now = self.clock()
        with self.lock:
            in_burst = (
                self.last_failure is not None and now - self.last_failure < self.burst_seconds
            )
            self.last_failure = now
            if in_burst:
                self.unlogged += 1
                return
            earlier, self.unlogged = self.unlogged, 0
        if earlier:
            logger.warning("the previous database outage failed %d more requests", earlier)
        logger.error(
            "database unreachable, answering 503 (first failure: %s)", path, exc_info=error
        )


outage_log = OutageLog()
