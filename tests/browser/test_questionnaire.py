"""The questionnaire in a real Chromium on a phone, finished with the keyboard alone."""

import pytest
from django.core.management import call_command

from screening import loading
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

# What our patient answers; every other question gets "I'm not sure" (or Skip).
TYPED = {"age": "34", "background_therapy_weeks": "26", "postal_code": "29425"}


@pytest.fixture
def demo(shipped_data):
    loading.clear_cache()
    call_command("load_demo", verbosity=0)
    yield
    loading.clear_cache()


def focused(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const label = el && el.labels && el.labels.length ? el.labels[0].innerText : "";
            return {id: el.id, tag: el.tagName, text: (el.innerText || "").trim(),
                    label: label.trim(), value: el.value || "", type: el.type || ""};
        }"""
    )


def tab_to(page, wanted, *, most: int = 60, backwards: bool = False) -> dict:
    """Press Tab (or Shift+Tab) until the focused element is the one wanted."""
    for _press in range(most):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        now = focused(page)
        if wanted(now):
            return now
    raise AssertionError(f"Tab never reached the element; last focus: {focused(page)}")


def button(name: str):
    return lambda element: element["tag"] == "BUTTON" and element["text"] == name


def step_key(page) -> str:
    return page.locator("#step input[name=step]").get_attribute("value")


def wait_for_question_focus(page, previous_key: str) -> None:
    """A step other than `previous_key` is in, htmx has settled, and its heading has focus."""
    page.wait_for_function(
        """(previous) => {
            const step = document.querySelector('#step input[name=step]');
            return step && step.value !== previous
                && !document.querySelector('.htmx-added, .htmx-settling, .htmx-swapping')
                && document.activeElement
                && document.activeElement.id === 'question-title';
        }""",
        arg=previous_key,
    )
    # The browser may run its own autofocus at the next frame: let it, as a person would.
    page.evaluate(
        "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
    )
    assert focused(page)["id"] == "question-title"


def likely_count(page) -> int:
    return int(page.locator(".group--likely .group__count").inner_text().split()[0])


def still_possible(page) -> str:
    return page.locator("#still-possible").inner_text().strip()


def answer_by_keyboard(
    page,
    key: str,
    *,
    typed: dict[str, str] | None = None,
    chosen: dict[str, str] | None = None,
    pressed: dict[str, str] | None = None,
) -> None:
    """Answer the step on screen with the keys a keyboard user would press: type what `typed`
    says, choose the option `chosen` names, press the button `pressed` names, else "not sure"."""
    typed = TYPED if typed is None else typed
    chosen = {"sex": "Female", **(chosen or {})}
    if key == "conditions":
        tab_to(page, lambda element: element["label"] == "Lupus (SLE)")
        page.keyboard.press("Space")
        tab_to(page, button("Next"))
        page.keyboard.press("Enter")
    elif key in chosen:
        # Radios: Tab into the group, arrow keys choose.
        tab_to(page, lambda element: element["type"] == "radio")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowUp")
        for _press in range(5):
            if focused(page)["label"] == chosen[key]:
                break
            page.keyboard.press("ArrowDown")
        assert focused(page)["label"] == chosen[key]
        assert page.get_by_label(chosen[key], exact=True).is_checked()
        tab_to(page, button("Next"))
        page.keyboard.press("Enter")
    elif pressed and key in pressed:
        tab_to(page, button(pressed[key]))
        page.keyboard.press("Enter")
    elif key in typed:
        tab_to(page, lambda element: element["id"] == "answer")
        page.keyboard.press("Control+A")
        page.keyboard.type(typed[key])
        page.keyboard.press("Enter")
    else:
        tab_to(page, button("I’m not sure"))
        page.keyboard.press("Enter")


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

    # The not-eligible group opens from the keyboard and shows its reasons.
    tab_to(phone, lambda element: element["tag"] == "SUMMARY")
    phone.keyboard.press("Enter")
    assert phone.locator(".group--not details").get_attribute("open") is not None
    assert "You did not choose that." in phone.locator(".group--not").inner_text()
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
