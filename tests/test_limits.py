"""Size limits: huge forms refused with our page; long answers and filters never echoed whole."""

import re

import pytest

from tests.builders import make_trial
from tests.screening.steps import answer, step_key, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def lupus_trial(db):
    return make_trial("NCT06737380", conditions=("sle",))


def test_a_form_over_one_megabyte_gets_our_400_page(client, lupus_trial):
    response = client.post("/check/", {"step": "age", "answer": "4" * (2 * 1024 * 1024)})

    assert response.status_code == 400
    assert "We could not read that" in text(response)
    assert "too long" in text(response)


def test_a_long_answer_is_refused_kindly_and_not_echoed_back(client, lupus_trial):
    assert step_key(client.get("/check/")) == "age"

    response = answer(client, "age", "4" * 500_000)

    assert response.status_code == 400
    assert "That answer is too long" in text(response)
    assert len(response.content) < 100_000
    (shown,) = re.findall(r'name="answer" id="answer" value="([^"]*)"', response.content.decode())
    assert len(shown) <= 40


def test_the_answer_box_says_how_much_it_takes(client, lupus_trial):
    page = client.get("/check/").content.decode()

    assert 'name="answer" id="answer" value="" maxlength="40"' in page


def test_a_short_answer_still_counts(client, lupus_trial):
    response = answer(client, "age", "  41  ")

    assert response.status_code == 303


@pytest.mark.parametrize("name", ["condition", "open", "country", "state", "phase"])
def test_an_unknown_filter_is_quoted_back_short(client, lupus_trial, name):
    response = client.get("/trials/", {name: "z" * 100_000})

    assert response.status_code == 200
    page = response.content.decode()
    assert "z" * 61 not in page
    assert len(page) < 100_000
