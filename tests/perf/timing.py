"""Timing helpers for the benchmarks: server time per request, SQL queries, a figures table."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

REPEAT = 30
WARMUP = 3
FLOOR_LABEL = "GET floor (a bare view)"


@dataclass(frozen=True)
class Figures:
    """One measured thing at one number of trials."""

    label: str
    trials: int
    median_ms: float
    p95_ms: float
    queries: int
    runs: int

    def line(self, floor: Figures | None = None) -> str:
        ratio = f"{self.median_ms / floor.median_ms:8.1f}x" if floor else " " * 9
        return (
            f"{self.label:<40} {self.trials:>7,} {self.median_ms:>10.2f} {self.p95_ms:>10.2f} "
            f"{self.queries:>8} {ratio}"
        )


HEADER = (
    f"{'what':<40} {'trials':>7} {'median ms':>10} {'p95 ms':>10} {'queries':>8} {'vs floor':>9}"
)

# Every figure of the run, in the order measured; conftest prints them at the end.
RECORDED: list[Figures] = []


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def figures(label: str, trials: int, seconds: list[float], queries: int) -> Figures:
    found = Figures(
        label=label,
        trials=trials,
        median_ms=statistics.median(seconds) * 1000,
        p95_ms=percentile(seconds, 0.95) * 1000,
        queries=queries,
        runs=len(seconds),
    )
    RECORDED.append(found)
    return found


def recorded(label: str, trials: int) -> Figures | None:
    return next((f for f in RECORDED if f.label == label and f.trials == trials), None)


class ServerTimer:
    """Times the Django handler inside a test Client: middleware, view and template rendering,
    without the test client's own work (building the request, reading cookies back)."""

    def __init__(self, client: Client) -> None:
        self.last = 0.0
        inner = client.handler.get_response

        def timed(request):
            started = time.perf_counter()
            response = inner(request)
            self.last = time.perf_counter() - started
            return response

        client.handler.get_response = timed


def measure_requests(
    label: str,
    trials: int,
    client: Client,
    send: Callable[[], Any],
    *,
    expect: int,
    repeat: int = REPEAT,
    warmup: int = WARMUP,
) -> Figures:
    """Median and 95th percentile server time of `send()`, and its SQL queries (which must be
    the same on every run)."""
    timer = ServerTimer(client)
    for _ in range(warmup):
        response = send()
        assert response.status_code == expect, (label, response.status_code)
    seconds: list[float] = []
    counts: set[int] = set()
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            response = send()
        assert response.status_code == expect, (label, response.status_code)
        seconds.append(timer.last)
        counts.add(len(queries))
    assert len(counts) == 1, f"{label}: the number of queries changed between runs: {counts}"
    return figures(label, trials, seconds, counts.pop())


def measure_calls(
    label: str, trials: int, call: Callable[[], Any], *, repeat: int = 10, warmup: int = 1
) -> Figures:
    """The same for a plain function call (engine and loading steps)."""
    for _ in range(warmup):
        call()
    seconds: list[float] = []
    counts: set[int] = set()
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            call()
            seconds.append(time.perf_counter() - started)
        counts.add(len(queries))
    return figures(label, trials, seconds, max(counts))
