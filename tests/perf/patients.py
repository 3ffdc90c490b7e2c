"""The patients the benchmarks play: their answers, their session, and a step form filled in."""

from __future__ import annotations

import re
from importlib import import_module

import pytest
from django.conf import settings
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

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


def new_patients(count: int) -> list[dict]:
    """`count` patients who finished the questionnaire, each with a ZIP code and age of their
    own (real ZIP codes spread over the country): nothing worked out for one serves the next."""
    import zipcodes

    places = [
        entry["zip_code"]
        for entry in zipcodes.list_all()
        if entry["zip_code_type"] == "STANDARD" and entry["lat"]
    ]
    stride = max(len(places) // count, 1)
    return [
        {**ALL_ANSWERS, "postal_code": places[index * stride % len(places)], "age": 18 + index % 62}
        for index in range(count)
    ]


def session(answers: dict) -> dict:
    return {"answers": answers, "history": list(answers), "skipped": [], "scope": {}}


def session_cookie(answers: dict) -> str:
    from screening.state import SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = session(answers)
    store.save()
    return store.session_key


def require_views() -> None:
    try:
        reverse("screening:check")
        reverse("screening:results")
    except NoReverseMatch:
        pytest.skip("the questionnaire views are not there yet (screening:check, :results)")


def check_session_is_read(answers: dict) -> None:
    """Every answer we put in the session must survive the flow's checks, or we would measure
    a shorter questionnaire than we think."""
    from screening import loading
    from screening.state import load

    specs = {spec.key: spec for spec in loading.question_specs()}
    state, notes = load(session(answers), specs, today=timezone.localdate())
    assert not notes, notes
    assert dict(state.answers) == answers


def client_with(answers: dict | None) -> tuple[Client, callable]:
    client = Client()
    cookie = session_cookie(answers) if answers is not None else None

    def reset() -> None:
        # Each run starts from the same session (responses set a new cookie).
        client.cookies.clear()
        if cookie is not None:
            client.cookies[settings.SESSION_COOKIE_NAME] = cookie

    return client, reset


def answer_form(step_html: str) -> dict:
    from screening import loading

    key = re.search(r'name="step" value="([^"]+)"', step_html).group(1)
    answered = re.search(r'name="answered" value="([^"]+)"', step_html).group(1)
    spec = next(spec for spec in loading.question_specs() if spec.key == key)
    form = {"step": key, "answered": answered, "action": "answer"}
    posted = POSTED_ANSWERS[spec.type]
    form.update(posted if posted is not None else {"answer": spec.choices[0]})
    return form
