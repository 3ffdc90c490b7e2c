"""The questionnaire driven by keyboard in a browser: focus, Tab, the step shown, an answer."""

from __future__ import annotations

# What our patient answers; every other question gets "I'm not sure" (or Skip).
TYPED = {"age": "34", "background_therapy_weeks": "26", "postal_code": "29425"}


def focused(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const label = el && el.labels && el.labels.length ? el.labels[0].innerText : "";
            return {id: el.id, tag: el.tagName, text: (el.innerText || "").trim(),
                    label: label.trim(), value: el.value || "", type: el.type || ""};
        }"""
    )


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
