"""A process asks the questionnaire's data version at most once a second: under load its pages
make no query at all, and a change still shows within that second."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from screening import loading
from tests.builders import make_site, make_trial
from tests.screening.steps import walk
from trials.models import Status, Trial

pytestmark = pytest.mark.django_db


class Clock:
    """loading's time.monotonic(), moved by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch, settings) -> Clock:
    settings.QUESTIONNAIRE_RECHECK_SECONDS = 1.0  # as in production (the tests' default is 0)
    clock = Clock()
    monkeypatch.setattr(loading, "time", SimpleNamespace(monotonic=clock.monotonic))
    return clock


def open_ids() -> list[str]:
    return [trial.trial_id for trial in loading.cached_open_trials()]


def test_within_the_second_the_load_is_reused_without_a_query(clock, django_assert_num_queries):
    make_trial("NCT00000901")
    first = loading.cached_open_trials()
    clock.now += 0.99

    with django_assert_num_queries(0):
        again = loading.cached_open_trials()

    assert again is first


def test_after_the_second_one_query_checks_the_version_and_keeps_the_load(
    clock, django_assert_num_queries
):
    make_trial("NCT00000901")
    first = loading.cached_open_trials()
    clock.now += 1.0

    with django_assert_num_queries(1):
        again = loading.cached_open_trials()
    clock.now += 0.5
    with django_assert_num_queries(0):  # that check counts as the last one
        loading.cached_open_trials()

    assert again is first


def test_a_trial_an_editor_closes_leaves_the_questionnaire_within_a_second(clock):
    make_trial("NCT00000901")
    make_trial("NCT00000902")
    assert open_ids() == ["NCT00000901", "NCT00000902"]

    Trial.objects.filter(registry_id="NCT00000902").update(status=Status.COMPLETED)
    clock.now += 0.5
    within = open_ids()
    clock.now += 0.5
    after = open_ids()

    assert within == ["NCT00000901", "NCT00000902"]  # the lag we state: less than a second
    assert after == ["NCT00000901"]


def test_a_patient_seeing_their_results_again_within_the_second_costs_no_query(
    clock, django_assert_num_queries
):
    trial = make_trial("NCT00000901", conditions=("sle",), plain_title="A lupus study")
    make_site(trial, latitude=32.7862, longitude=-79.9471)
    patient = Client()
    walk(patient, {"age": "34", "conditions": ["sle"], "postal_code": "29425"})
    first = patient.get(reverse("screening:results")).content.decode()
    clock.now += 0.5

    with django_assert_num_queries(0):
        again = patient.get(reverse("screening:results")).content.decode()

    assert "A lupus study" in again
    assert re.sub(r'value="[^"]+"', "", again) == re.sub(r'value="[^"]+"', "", first)
