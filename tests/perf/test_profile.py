"""Where a step's and the results page's time goes, at the largest size (cProfile)."""

from __future__ import annotations

import cProfile
import io
import pstats

import pytest
from django.urls import reverse

from tests.perf.data import LARGEST
from tests.perf.patients import (
    ALL_ANSWERS,
    FIRST_ANSWERS,
    answer_form,
    client_with,
    require_views,
)

pytestmark = pytest.mark.urls("tests.perf.urls")

RUNS = 5
SHOWN = 25


def _profile(label: str, send) -> None:
    send()  # warm the per-process cache first
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(RUNS):
        send()
    profile.disable()
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out).strip_dirs().sort_stats(order)
        stats.print_stats(SHOWN)
        print(f"\n[profile] {label}, {RUNS} requests, by {order}:")
        print("\n".join(out.getvalue().splitlines()[4:]))


def test_profile_step_and_results(trial_count, bench_db):
    if trial_count != LARGEST:
        pytest.skip("profiles at the largest size only")
    require_views()
    url = reverse("screening:check")
    client, reset = client_with(FIRST_ANSWERS)
    reset()
    form = answer_form(client.get(url).content.decode())

    def get_step():
        reset()
        return client.get(url)

    def post_step():
        reset()
        return client.post(url, form, headers={"HX-Request": "true"})

    results_client, results_reset = client_with(ALL_ANSWERS)
    results_url = reverse("screening:results")

    def get_results():
        results_reset()
        return results_client.get(results_url)

    _profile("GET /check/", get_step)
    _profile("POST /check/ htmx", post_step)
    _profile("GET /check/results/", get_results)
