"""Server time and SQL queries of a questionnaire step and the results page, against the floor.

Drives the real views through django.test.Client at each size (1,000 then 10,000 open trials),
with answers in a signed-cookie session as a patient would have them.
"""

from __future__ import annotations

import re
from importlib import import_module

import pytest
from django.conf import settings
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from tests.perf.timing import FLOOR_LABEL, measure_requests, recorded

pytestmark = pytest.mark.urls("tests.perf.urls")

# A few answers in: the step shows the question that decides the most studies next.
FIRST_ANSWERS = {"age": 45, "sex": "female", "conditions": ["sle"]}

# What a patient who finished the questionnaire has told us: some "not sure", a ZIP code.
ALL_ANSWERS = {
    "age": 45,
    "sex": "female",
    "conditions": ["sle"],
    "postal_code": "29425",
    "pregnant": False,
    "breastfeeding": False,
    "dialysis_or_transplant": False,
    "egfr": 75,
    "upcr": "not_sure",
    "prednisone_mg_per_day": 7.5,
    "ana_positive": True,
    "anti_dsdna_positive": "not_sure",
    "anti_smith_positive": "not_sure",
    "sledai_2k": "not_sure",
    "background_therapy_weeks": 52,
    "biologic_last_12_months": False,
    "last_biologic_dose": "never",
    "car_t_or_stem_cell_ever": False,
    "cancer_last_5_years": False,
    "chronic_infection": False,
    "live_vaccine_last_30_days": False,
    "weight": 68,
}

# An answer a patient could give to each type of question, as the step form posts it.
POSTED_ANSWERS = {
    "yes_no": {"answer": "no"},
    "number": {"answer": "40"},
    "single_choice": None,  # the first choice
    "multiple_choice": None,
    "date": {"action": "never"},
    "text": {"answer": "29425"},
}


def _session(answers: dict) -> dict:
    return {"answers": answers, "history": list(answers), "skipped": [], "scope": {}}


def _session_cookie(answers: dict) -> str:
    from screening.state import SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = _session(answers)
    store.save()
    return store.session_key


def _require_views() -> None:
    try:
        reverse("screening:check")
        reverse("screening:results")
    except NoReverseMatch:
        pytest.skip("the questionnaire views are not there yet (screening:check, :results)")


def _check_session_is_read(answers: dict) -> None:
    """Every answer we put in the session must survive the flow's checks, or we would measure
    a shorter questionnaire than we think."""
    from screening import loading
    from screening.state import load

    specs = {spec.key: spec for spec in loading.question_specs()}
    state, notes = load(_session(answers), specs, today=timezone.localdate())
    assert not notes, notes
    assert dict(state.answers) == answers


def _client_with(answers: dict | None) -> tuple[Client, callable]:
    client = Client()
    cookie = _session_cookie(answers) if answers is not None else None

    def reset() -> None:
        # Each run starts from the same session (responses set a new cookie).
        client.cookies.clear()
        if cookie is not None:
            client.cookies[settings.SESSION_COOKIE_NAME] = cookie

    return client, reset


def _answer_form(step_html: str) -> dict:
    from screening import loading

    key = re.search(r'name="step" value="([^"]+)"', step_html).group(1)
    answered = re.search(r'name="answered" value="([^"]+)"', step_html).group(1)
    spec = next(spec for spec in loading.question_specs() if spec.key == key)
    form = {"step": key, "answered": answered, "action": "answer"}
    posted = POSTED_ANSWERS[spec.type]
    form.update(posted if posted is not None else {"answer": spec.choices[0]})
    return form


def test_floor_bare_view(trial_count, bench_db):
    client, reset = _client_with(None)
    url = reverse("perf_floor")

    def send():
        reset()
        return client.get(url)

    found = measure_requests(FLOOR_LABEL, trial_count, client, send, expect=200)
    print(f"\n[bench] {found.line()}")


def test_questionnaire_step(trial_count, bench_db):
    _require_views()
    _check_session_is_read(FIRST_ANSWERS)
    url = reverse("screening:check")
    client, reset = _client_with(FIRST_ANSWERS)
    reset()
    page = client.get(url)
    assert page.status_code == 200
    form = _answer_form(page.content.decode())
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
    _require_views()
    _check_session_is_read(ALL_ANSWERS)
    url = reverse("screening:results")
    client, reset = _client_with(ALL_ANSWERS)
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
    from tests.perf.conftest import SIZES
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
