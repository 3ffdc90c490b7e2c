"""The questionnaire in a real Chromium on a phone, finished with the keyboard alone."""

import pytest
from django.core.management import call_command

from screening import loading
from tests.browser.in_page import assert_accessible
from tests.browser.keyboard import (
    TYPED,
    answer_by_keyboard,
    button,
    focused,
    step_key,
    tab_to,
    wait_for_question_focus,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(shipped_data):
    loading.clear_cache()
    call_command("load_demo", verbosity=0)
    yield
    loading.clear_cache()


def likely_count(page) -> int:
    return int(page.locator(".group--likely .group__count").inner_text().split()[0])


def still_possible(page) -> str:
    return page.locator("#still-possible").inner_text().strip()


def test_a_patient_finishes_the_questionnaire_on_a_phone_with_the_keyboard_alone(demo, phone):
    phone.goto("/check/")
    assert step_key(phone) == "conditions"
    assert still_possible(phone).startswith("Studies still possible:")
    assert_accessible(phone)
    answer_by_keyboard(phone, "conditions")
    wait_for_question_focus(phone, "conditions")

    # A wrong age first: the message is shown and focus comes back to the question.
    assert step_key(phone) == "age"
    phone.keyboard.press("Tab")
    assert focused(phone)["id"] == "answer", focused(phone)
    phone.keyboard.type("thirty")
    phone.keyboard.press("Enter")
    phone.wait_for_selector("#answer-error")
    wait_for_question_focus(phone, previous_key="")
    assert "Please enter a number" in phone.locator("#answer-error").inner_text()
    assert_accessible(phone)
    answer_by_keyboard(phone, "age")
    wait_for_question_focus(phone, "age")

    # Back shows the age again, with the answer kept.
    after_age = step_key(phone)
    tab_to(phone, button("Back"))
    phone.keyboard.press("Enter")
    wait_for_question_focus(phone, after_age)
    assert step_key(phone) == "age"
    assert phone.locator("#answer").input_value() == "34"
    assert "Changing your answer to question 2" in phone.locator("#step").inner_text()
    assert_accessible(phone)
    tab_to(phone, button("Next"))
    phone.keyboard.press("Enter")
    wait_for_question_focus(phone, "age")

    asked = ["conditions", "age"]
    counts = []
    for _turn in range(20):
        key = step_key(phone)
        asked.append(key)
        assert focused(phone)["text"] == phone.locator("#question-title").inner_text()
        counts.append(still_possible(phone))
        assert_accessible(phone)
        answer_by_keyboard(phone, key)
        if key == "postal_code":
            break
        wait_for_question_focus(phone, key)

    phone.wait_for_url("**/check/results/")
    assert asked[-1] == "postal_code"
    assert "pregnant" not in asked  # no open demo study asks about it
    assert all(count.startswith("Studies still possible: ") for count in counts)

    main = phone.locator("main").inner_text()
    assert "Likely eligible" in main
    assert "Ask your doctor" in main
    assert "Not eligible" in main
    assert "This is a pre-screen, not a diagnosis" in main
    assert "You were not sure, so your doctor can check." in main
    assert "miles away" in main
    assert "RECRUITING" not in main
    likely_before = likely_count(phone)
    assert likely_before > 0
    assert_accessible(phone)

    # The not-eligible group opens from the keyboard and brings its cards, the focus kept.
    assert phone.locator("#not-list .result-card").count() == 0
    tab_to(phone, lambda element: element["tag"] == "SUMMARY")
    phone.keyboard.press("Enter")
    assert phone.locator(".group--not details").get_attribute("open") is not None
    phone.locator("#not-list .result-card").first.wait_for()
    assert "You did not choose that." in phone.locator(".group--not").inner_text()
    assert focused(phone)["tag"] == "SUMMARY"
    assert_accessible(phone)

    # Change one answer from the results: the age, to one no study takes.
    tab_to(
        phone,
        lambda element: (
            element["tag"] == "A"
            and element["text"].startswith("Change")
            and "How old are you?" in element["text"]
        ),
    )
    phone.keyboard.press("Enter")
    phone.wait_for_url("**/check/?edit=age")
    assert focused(phone)["id"] == "question-title"
    TYPED["age"] = "99"
    try:
        answer_by_keyboard(phone, "age")
    finally:
        TYPED["age"] = "34"
    phone.wait_for_url("**/check/results/")
    main = phone.locator("main").inner_text()
    assert "99 years" in main
    assert likely_count(phone) < likely_before
    assert_accessible(phone)
