"""Server time and SQL queries of a questionnaire step and the results page, against the floor.

Drives the real views through django.test.Client at each size (1,000 then 10,000 open trials),
with answers in a signed-cookie session as a patient would have them.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.perf.data import SIZES
from tests.perf.patients import (
    ALL_ANSWERS,
    FIRST_ANSWERS,
    answer_form,
    check_session_is_read,
    client_with,
    require_views,
)
from tests.perf.timing import FLOOR_LABEL, measure_requests, recorded

pytestmark = pytest.mark.urls("tests.perf.urls")


def test_floor_bare_view(trial_count, bench_db):
    client, reset = client_with(None)
    url = reverse("perf_floor")

    def send():
        reset()
        return client.get(url)

    found = measure_requests(FLOOR_LABEL, trial_count, client, send, expect=200)
    print(f"\n[bench] {found.line()}")


def test_questionnaire_step(trial_count, bench_db):
    require_views()
    check_session_is_read(FIRST_ANSWERS)
    url = reverse("screening:check")
    client, reset = client_with(FIRST_ANSWERS)
    reset()
    page = client.get(url)
    assert page.status_code == 200
    form = answer_form(page.content.decode())
    floor = recorded(FLOOR_LABEL, trial_count)

    def get_step():
        reset()
        return client.get(url)

    def post_htmx():
        reset()
        return client.post(url, form, headers={"HX-Request": "true"})

    def post_form():
        reset()
        return client.post(url, form)

    for label, send, expect in (
        ("GET /check/ (step, full page)", get_step, 200),
        (f"POST /check/ htmx ({form['step']})", post_htmx, 200),
        ("POST /check/ form (303 redirect)", post_form, 303),
    ):
        found = measure_requests(label, trial_count, client, send, expect=expect)
        print(f"\n[bench] {found.line(floor)}")


def test_results_page(trial_count, bench_db):
    require_views()
    check_session_is_read(ALL_ANSWERS)
    url = reverse("screening:results")
    client, reset = client_with(ALL_ANSWERS)
    floor = recorded(FLOOR_LABEL, trial_count)

    def send():
        reset()
        return client.get(url)

    found = measure_requests("GET /check/results/", trial_count, client, send, expect=200)
    print(f"\n[bench] {found.line(floor)}")
    response = send()
    assert "likely" in response.content.decode().lower()


def test_queries_do_not_grow_with_trials(trial_count, bench_db):
    """Runs after the other request tests of the same size; compares with the smallest size."""
    from tests.perf.timing import RECORDED

    if trial_count == SIZES[0]:
        pytest.skip("compares each larger size with the smallest")
    smallest = {f.label: f.queries for f in RECORDED if f.trials == SIZES[0]}
    here = {f.label: f.queries for f in RECORDED if f.trials == trial_count}
    requests = [label for label in here if label.startswith(("GET", "POST"))]
    assert requests, "no request was measured"
    for label in requests:
        if label in smallest:
            assert here[label] == smallest[label], (label, smallest[label], here[label])
