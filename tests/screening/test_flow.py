"""The questionnaire at /check/: one question a step, as full pages and as htmx fragments."""

from importlib import import_module

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse

from screening import loading
from screening.state import SESSION_KEY
from tests.builders import make_criterion, make_trial
from tests.pages import tags
from tests.screening.steps import (
    HTMX,
    answer,
    queries_for,
    set_session_cookie,
    step_key,
    text,
    walk,
)
from trials.models import Kind, Status

pytestmark = pytest.mark.django_db

CHECK = "screening:check"


@pytest.fixture
def lupus_trial():
    trial = make_trial("NCT00000001", conditions=("sle",))
    make_criterion(
        trial,
        "egfr",
        "gte",
        30,
        confirmed_by="doctor",
        reason="This study needs a kidney test (eGFR) of 30 or more.",
    )
    return trial


def session_state(client) -> dict:
    return client.session.get(SESSION_KEY, {})


# -- the first step -----------------------------------------------------------------------


def test_the_first_step_asks_one_question_with_nothing_chosen(client, lupus_trial):
    response = client.get(reverse(CHECK))

    assert response.status_code == 200
    page = text(response)
    assert "Check which studies may fit you" in page
    assert "How old are you?" in page
    assert "Studies still possible: 1" in page
    assert "Question 1 of at most" in page
    assert 'aria-live="polite"' in response.content.decode()
    assert " checked" not in response.content.decode()
    # Age offers no "not sure": it is not a clinical question.
    assert "I’m not sure" not in page
    assert "Skip this question" in page


def test_the_first_step_as_an_htmx_fragment_is_only_the_step(client, lupus_trial):
    response = client.get(reverse(CHECK), **HTMX)

    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert body.lstrip().startswith('<section id="step"')
    assert "How old are you?" in body
    assert tags(body, "p", id="still-possible", data_hx_swap_oob="innerHTML")
    assert response["Vary"].find("HX-Request") >= 0


def test_the_first_full_page_does_not_steal_focus_but_later_steps_do(client, lupus_trial):
    first = client.get(reverse(CHECK)).content.decode()
    assert "autofocus" not in first

    answer(client, "age", "34")
    later = client.get(reverse(CHECK)).content.decode()
    assert 'id="question-title" class="question__title" tabindex="-1" autofocus' in later


# -- answering ----------------------------------------------------------------------------


def test_answering_without_javascript_redirects_to_the_next_question(client, lupus_trial):
    response = answer(client, "age", "34")

    assert response.status_code == 303
    assert response["Location"] == reverse(CHECK)
    next_page = client.get(reverse(CHECK))
    assert step_key(next_page) == "conditions"
    assert "Which of these has a doctor told you that you have?" in text(next_page)
    assert session_state(client)["answers"] == {"age": 34}


def test_answering_with_htmx_returns_the_next_step_with_focus_on_its_heading(client, lupus_trial):
    client.get(reverse(CHECK))
    response = client.post(reverse(CHECK), {"step": "age", "answer": "34", "answered": "0"}, **HTMX)

    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert step_key(response) == "conditions"
    assert tags(body, "h2", id="question-title", tabindex="-1", autofocus="")
    assert tags(body, "p", id="still-possible", data_hx_swap_oob="innerHTML")
    assert "Studies still possible: 1" in body


def test_conditions_are_offered_by_everyday_name_with_none_of_these(client, lupus_trial):
    answer(client, "age", "34")
    page = text(client.get(reverse(CHECK)))

    assert "Lupus (SLE)" in page
    assert "None of these" in page
    assert "sle" not in page.split()


def test_a_number_with_several_units_offers_a_unit_list(client):
    trial = make_trial(conditions=("sle",), min_age_value=None, max_age_value=None)
    make_criterion(trial, "background_therapy_weeks", "gte", 12)
    answer(client, "conditions", ["sle"])
    response = client.get(reverse(CHECK))
    assert step_key(response) == "background_therapy_weeks"
    assert tags(response.content.decode(), "select", name="unit", id="unit")

    assert answer(client, "background_therapy_weeks", "6", unit="months").status_code == 303
    assert session_state(client)["answers"]["background_therapy_weeks"] == 26.089


def test_not_sure_is_kept_and_the_study_becomes_ask_your_doctor(client, lupus_trial):
    answer(client, "age", "34")
    answer(client, "conditions", ["sle"])
    page = text(client.get(reverse(CHECK)))
    assert "What was your most recent eGFR (kidney function) number?" in page
    assert "I’m not sure" in page

    assert answer(client, "egfr", action="not_sure").status_code == 303
    assert session_state(client)["answers"]["egfr"] == "not_sure"


def test_skip_moves_on_and_remembers_the_skip(client, lupus_trial):
    response = answer(client, "age", action="skip")

    assert response.status_code == 303
    assert step_key(client.get(reverse(CHECK))) == "conditions"
    assert session_state(client)["skipped"] == ["age"]


def test_back_shows_the_previous_question_with_its_answer(client, lupus_trial):
    answer(client, "age", "34")

    response = answer(client, "conditions", action="back")

    assert response.status_code == 303
    assert response["Location"] == reverse(CHECK) + "?edit=age"
    page = client.get(response["Location"])
    assert step_key(page) == "age"
    assert 'value="34"' in page.content.decode()
    assert 'name="edit" value="1"' in page.content.decode()
    assert "Changing your answer to question 1" in text(page)


def test_back_with_htmx_swaps_in_the_previous_question(client, lupus_trial):
    answer(client, "age", "34")

    response = client.post(
        reverse(CHECK), {"step": "conditions", "action": "back", "answered": "1"}, **HTMX
    )

    assert response.status_code == 200
    assert step_key(response) == "age"
    assert response["HX-Replace-Url"] == reverse(CHECK) + "?edit=age"


def test_changing_an_earlier_answer_keeps_the_later_ones(client, lupus_trial):
    answer(client, "age", "34")
    answer(client, "conditions", ["sle"])

    response = answer(client, "age", "40", edit="1")

    assert response.status_code == 303
    state = session_state(client)
    assert state["answers"] == {"age": 40, "conditions": ["sle"]}
    assert step_key(client.get(reverse(CHECK))) == "egfr"


def test_start_over_clears_every_answer(client, lupus_trial):
    answer(client, "age", "34")
    answer(client, "conditions", ["sle"])

    response = client.post(reverse("screening:start_over"))

    assert response.status_code == 303
    page = client.get(reverse(CHECK))
    assert step_key(page) == "age"
    assert "Your answers are cleared" in text(page)
    assert session_state(client)["answers"] == {}


def test_after_the_first_answer_the_results_are_one_link_away(client, lupus_trial):
    assert "See my results now" not in text(client.get(reverse(CHECK)))
    answer(client, "age", "34")

    page = client.get(reverse(CHECK))
    assert step_key(page) == "conditions"
    assert "See my results now" in text(page)
    assert tags(page.content.decode(), "a", href=reverse("screening:results"))
    results = client.get(reverse("screening:results"))
    assert results.status_code == 200
    assert "Ask your doctor" in text(results)


def test_start_over_only_takes_a_post(client):
    assert client.get(reverse("screening:start_over")).status_code == 405


def test_when_nothing_is_left_to_ask_the_results_follow(client, lupus_trial):
    asked = walk(client, {"age": "34", "conditions": ["sle"], "postal_code": "29425"})

    assert asked == ["age", "conditions", "egfr", "postal_code"]
    assert client.get(reverse(CHECK)).status_code in (302, 303)


def test_the_last_answer_with_htmx_redirects_to_the_results(client, lupus_trial):
    answer(client, "age", "34")
    answer(client, "conditions", ["sle"])
    answer(client, "egfr", "45")

    response = client.post(
        reverse(CHECK), {"step": "postal_code", "answer": "29425", "answered": "3"}, **HTMX
    )

    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("screening:results")


# -- which questions are asked ------------------------------------------------------------


def test_pregnancy_is_asked_only_of_women(client):
    trial = make_trial(conditions=("sle",))
    make_criterion(trial, "pregnant", "eq", True, kind="exclusion")

    asked_of_a_man = walk(client, {"age": "34", "sex": "male", "conditions": ["sle"]})
    client.post(reverse("screening:start_over"))
    asked_of_a_woman = walk(client, {"age": "34", "sex": "female", "conditions": ["sle"]})

    assert "sex" in asked_of_a_man
    assert "pregnant" not in asked_of_a_man
    assert "pregnant" in asked_of_a_woman
    assert asked_of_a_woman.index("sex") < asked_of_a_woman.index("pregnant")


def test_a_question_that_can_change_no_verdict_is_never_asked(client, lupus_trial):
    asked = walk(client, {"age": "34", "conditions": ["sle"]})

    # No trial has a criterion on these: asking them would change nothing.
    for key in ("sex", "pregnant", "chronic_infection", "sledai_2k", "travel_miles"):
        assert key not in asked


def test_a_question_is_not_asked_once_every_study_it_matters_for_is_ruled_out(client):
    young = make_trial(conditions=("sle",), min_age_value=18, max_age_value=30)
    make_criterion(young, "sledai_2k", "gte", 6, confirmed_by="doctor")

    asked = walk(client, {"age": "60", "conditions": ["sle"]})

    assert "sledai_2k" not in asked


def test_the_count_of_studies_still_possible_goes_down_as_answers_rule_them_out(client):
    make_trial(conditions=("sle",), min_age_value=18, max_age_value=40)
    make_trial(conditions=("sle",), min_age_value=50, max_age_value=75)
    assert "Studies still possible: 2" in text(client.get(reverse(CHECK)))

    response = client.post(reverse(CHECK), {"step": "age", "answer": "30", "answered": "0"}, **HTMX)

    assert "Studies still possible: 1" in response.content.decode()


def test_research_projects_and_closed_studies_are_not_screened(client, lupus_trial):
    make_trial(kind=Kind.NIH_PROJECT, status=Status.FUNDED_PROJECT)
    make_trial(status=Status.COMPLETED)
    make_trial(published=False)

    assert "Studies still possible: 1" in text(client.get(reverse(CHECK)))


# -- links a clinician sends --------------------------------------------------------------


def test_a_condition_link_limits_the_check_to_that_condition_and_its_kinds(client):
    make_trial(conditions=("sle",))
    make_trial(conditions=("lupus-nephritis",))
    make_trial(conditions=("rheumatoid-arthritis",))

    response = client.get(reverse(CHECK) + "?condition=sle")

    assert response.status_code == 302
    page = text(client.get(response["Location"]))
    assert "You are checking studies for Lupus (SLE)." in page
    assert "Studies still possible: 2" in page
    assert session_state(client)["scope"] == {"condition": "sle"}


def test_an_unknown_condition_in_a_link_says_so_and_checks_everything(client, lupus_trial):
    response = client.get(reverse(CHECK) + "?condition=hay-fever", follow=True)

    page = text(response)
    assert "We do not know the condition “hay-fever”" in page
    assert "You are checking" not in page
    assert "Studies still possible: 1" in page


def test_a_list_of_trials_only_asks_what_those_trials_need(client):
    kidneys = make_trial("NCT00000011", conditions=("sle",))
    make_criterion(kidneys, "egfr", "gte", 30, confirmed_by="doctor")
    activity = make_trial("NCT00000012", conditions=("sle",))
    make_criterion(activity, "sledai_2k", "gte", 6, confirmed_by="doctor")

    response = client.get(reverse(CHECK) + "?trials=nct00000011,NCT09999999", follow=True)

    page = text(response)
    assert "You are checking 1 study your doctor chose: NCT00000011." in page
    assert "We could not find an open study with the number NCT09999999" in page
    asked = walk(client, {"age": "34", "conditions": ["sle"]})
    assert "egfr" in asked
    assert "sledai_2k" not in asked


def test_a_list_of_trials_with_no_open_study_says_so(client, lupus_trial):
    make_trial("NCT00000099", status=Status.COMPLETED)

    page = text(client.get(reverse(CHECK) + "?trials=NCT00000099,<b>x</b>", follow=True))

    assert "None of these study numbers match an open study we list" in page
    assert "Studies still possible: 1" in page
    assert "<b>" not in client.get(reverse(CHECK)).content.decode().split("<main")[1]


def test_check_all_studies_link_clears_the_scope(client, lupus_trial):
    make_trial(conditions=("rheumatoid-arthritis",))
    client.get(reverse(CHECK) + "?condition=sle")

    page = text(client.get(reverse(CHECK) + "?scope=all", follow=True))

    assert "You are checking" not in page
    assert "Studies still possible: 2" in page


# -- bad input ----------------------------------------------------------------------------

BAD_ANSWERS = [
    pytest.param({"step": "age", "answer": "thirty"}, "Please enter a number", id="not-a-number"),
    pytest.param({"step": "age", "answer": "200"}, "120 years or less", id="too-high"),
    pytest.param({"step": "age", "answer": "-3"}, "0 years or more", id="too-low"),
    pytest.param({"step": "age", "answer": "34.5"}, "whole number", id="not-whole"),
    pytest.param({"step": "age", "answer": ""}, "Please enter a number", id="empty"),
    pytest.param({"step": "age", "answer": "1e999"}, "We do not know the unit", id="exponent"),
    pytest.param({"step": "age", "answer": "34", "unit": "parsecs"}, "units", id="bad-unit"),
    pytest.param({"step": "age", "action": "not_sure"}, "choose one", id="not-sure-not-offered"),
    pytest.param(
        {"step": "favourite_colour", "answer": "blue"}, "which question", id="unknown-key"
    ),
    pytest.param({"step": "", "answer": "34"}, "which question", id="no-key"),
    pytest.param({"step": "egfr", "answer": "45"}, "not the one we need now", id="not-current"),
    pytest.param({"step": "age", "answer": "34", "action": "hack"}, "which question", id="action"),
]


@pytest.mark.parametrize(("data", "message"), BAD_ANSWERS)
def test_bad_answers_get_a_clear_message_and_change_nothing(client, lupus_trial, data, message):
    response = client.post(reverse(CHECK), {"answered": "0", **data})

    assert response.status_code == 400
    assert message in text(response)
    assert step_key(response) == "age"
    assert session_state(client).get("answers", {}) == {}


@pytest.mark.parametrize(("data", "message"), BAD_ANSWERS)
def test_bad_answers_with_htmx_swap_in_the_message(client, lupus_trial, data, message):
    response = client.post(reverse(CHECK), {"answered": "0", **data}, **HTMX)

    # htmx swaps only 2xx answers by default.
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert message in text(response)
    assert session_state(client).get("answers", {}) == {}


def test_the_error_is_tied_to_the_field_and_the_typed_value_is_kept(client, lupus_trial):
    response = answer(client, "age", "thirty")

    body = response.content.decode()
    assert 'id="answer-error"' in body
    assert 'aria-invalid="true"' in body
    assert 'value="thirty"' in body


@pytest.mark.parametrize(
    ("chosen", "message"),
    [
        (["sle", "none"], "None of these” and something else"),
        (["hay-fever"], "“hay-fever” is not one of the choices"),
        ([], "Please choose at least one"),
    ],
)
def test_bad_condition_choices_get_a_clear_message(client, lupus_trial, chosen, message):
    answer(client, "age", "34")

    response = answer(client, "conditions", chosen)

    assert response.status_code == 400
    assert message in text(response)
    assert "conditions" not in session_state(client)["answers"]


def test_unknown_choice_for_a_single_choice_question(client):
    trial = make_trial(conditions=("sle",), sex="female", min_age_value=None, max_age_value=None)
    make_criterion(trial, "pregnant", "eq", True, kind="exclusion")
    answer(client, "conditions", ["sle"])
    assert step_key(client.get(reverse(CHECK))) == "sex"

    response = answer(client, "sex", "robot")

    assert response.status_code == 400
    assert "Please choose one of the answers" in text(response)


def test_a_bad_postal_code_gets_a_clear_message(client, lupus_trial):
    walk_until = {"age": "34", "conditions": ["sle"], "egfr": "45"}
    for key, value in walk_until.items():
        answer(client, key, value)

    response = answer(client, "postal_code", "<script>")

    assert response.status_code == 400
    assert "Please enter a postal code" in text(response)


def test_an_edit_link_for_a_question_not_answered_shows_the_current_one(client, lupus_trial):
    response = client.get(reverse(CHECK) + "?edit=sledai_2k")

    assert response.status_code == 200
    assert step_key(response) == "age"
    assert "We could not find that answer to change." in text(response)


def test_a_garbled_session_cookie_starts_again_kindly(client, lupus_trial):
    set_session_cookie(client, "not-a-signed-value:really")

    response = client.get(reverse(CHECK))

    assert response.status_code == 200
    assert step_key(response) == "age"


def test_a_step_posted_after_the_session_expired_says_so_and_restarts(client, lupus_trial):
    set_session_cookie(client, "expired")

    response = client.post(reverse(CHECK), {"step": "egfr", "answer": "45", "answered": "2"})

    assert response.status_code in (200, 303)
    page = text(client.get(reverse(CHECK)) if response.status_code == 303 else response)
    assert "Your earlier answers are no longer here" in page
    assert step_key(client.get(reverse(CHECK))) == "age"


@pytest.mark.parametrize(
    "stored",
    [
        "a string",
        {"answers": "age=34", "history": [], "skipped": []},
        {"answers": {"age": "old"}, "history": ["age"], "skipped": []},
        {"answers": {"age": 34}, "history": "age", "skipped": None, "scope": 7},
    ],
)
def test_a_session_value_we_cannot_use_is_dropped_with_a_note(client, lupus_trial, stored):
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = stored
    store.save()
    set_session_cookie(client, store.session_key)

    response = client.get(reverse(CHECK))

    assert response.status_code == 200
    assert step_key(response) == "age"
    page = text(response)
    assert "could not" in page


def test_the_session_stays_small(client, lupus_trial):
    walk(client, {"age": "34", "conditions": ["sle"], "postal_code": "29425"})

    assert len(client.cookies[settings.SESSION_COOKIE_NAME].value) < 1000


# -- privacy and cost ---------------------------------------------------------------------


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_answering_writes_nothing_to_the_database(client, lupus_trial):
    before = row_counts()

    walk(client, {"age": "34", "conditions": ["sle"], "postal_code": "29425"})
    client.get(reverse("screening:results"))
    client.post(reverse("screening:start_over"))

    assert row_counts() == before


def test_a_step_takes_the_same_number_of_queries_for_1_or_20_trials(
    client, django_assert_num_queries
):
    make_trial(conditions=("sle",))
    answer(client, "age", "34")
    with_one = queries_for(client, reverse(CHECK))

    for number in range(19):
        trial = make_trial(conditions=("sle",), sites=2, contacts=1)
        make_criterion(trial, "egfr", "gte", 30 + number, confirmed_by="doctor")
    loading.clear_cache()
    with django_assert_num_queries(with_one):
        assert client.get(reverse(CHECK)).status_code == 200


def test_a_step_asks_the_database_one_question_once_the_trials_are_loaded(
    client, django_assert_num_queries
):
    make_trial(conditions=("sle",))
    answer(client, "age", "34")
    client.get(reverse(CHECK))
    with django_assert_num_queries(1):  # the data version: the bank and trials are kept
        assert client.get(reverse(CHECK)).status_code == 200


def test_a_date_question_takes_a_month_or_never(client):
    trial = make_trial(conditions=("sle",), min_age_value=None, max_age_value=None)
    make_criterion(
        trial,
        "last_biologic_dose",
        "within_last",
        {"amount": 12, "unit": "months"},
        kind="exclusion",
    )
    answer(client, "conditions", ["sle"])
    page = client.get(reverse(CHECK))
    assert step_key(page) == "last_biologic_dose"
    assert 'type="month"' in page.content.decode()
    assert "I have never had one" in text(page)

    assert answer(client, "last_biologic_dose", "next spring").status_code == 400
    assert answer(client, "last_biologic_dose", action="never").status_code == 303
    assert session_state(client)["answers"]["last_biologic_dose"] == "never"


def test_a_condition_with_no_open_study_says_so_instead_of_asking(client, lupus_trial):
    response = client.get(reverse(CHECK) + "?condition=myositis", follow=True)

    assert response.status_code == 200
    page = text(response)
    assert "There are no open studies to check right now." in page
    assert "Check all open studies instead" in page
    assert step_key(response) is None
