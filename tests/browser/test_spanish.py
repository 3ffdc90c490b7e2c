"""Spanish in a real Chromium on a phone: the language switch mid-questionnaire keeps the
answers, every page type passes axe-core, and (with ES_SHOTS=folder) each is photographed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from screening import loading
from screening.models import SharedResult
from tests.browser.in_page import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path(os.environ["ES_SHOTS"]) if os.environ.get("ES_SHOTS") else None
SCREEN = 1200
TYPED = {"age": "34", "background_therapy_weeks": "26", "postal_code": "29425"}


@pytest.fixture
def demo(shipped_data):
    loading.clear_cache()
    call_command("load_demo", verbosity=0)
    yield
    loading.clear_cache()


def shoot(page, name: str) -> None:
    """Phone screenshots to look at, when ES_SHOTS names a folder: the whole page, and the
    page cut into screens of 1,200 pixels (a long page shrinks to nothing in one image)."""
    if not SHOTS:
        return
    SHOTS.mkdir(parents=True, exist_ok=True)
    # caret="initial": hiding the caret would add an inline style, which our CSP refuses.
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True, caret="initial")
    height = page.evaluate("document.documentElement.scrollHeight")
    for number, top in enumerate(range(0, height, SCREEN), start=1):
        page.screenshot(
            path=str(SHOTS / f"{name}-part{number}.png"),
            full_page=True,
            caret="initial",
            clip={"x": 0, "y": top, "width": 390, "height": min(SCREEN, height - top)},
        )


def step_key(page) -> str | None:
    found = page.locator("#step input[name=step]")
    return found.get_attribute("value") if found.count() else None


def answer_step(page) -> None:
    """Answer the step on screen by clicking, in whatever language: lupus, age 34, female,
    a ZIP code, else "not sure" (or skip where not sure is not offered)."""
    key = step_key(page)
    if key == "conditions":
        page.locator("input[name=answer][value=sle]").check()
        page.locator("button[name=action][value=answer]").click()
    elif key == "sex":
        page.locator("input[name=answer][value=female]").check()
        page.locator("button[name=action][value=answer]").click()
    elif key in TYPED:
        page.fill("#answer", TYPED[key])
        page.locator("button[name=action][value=answer]").click()
    elif page.locator("button[name=action][value=not_sure]").count():
        page.locator("button[name=action][value=not_sure]").click()
    else:
        page.locator("button[name=action][value=skip]").click()
    page.wait_for_function(
        """(key) => location.pathname.endsWith('/check/results/')
            || document.querySelector('#step input[name=step]')?.value !== key""",
        arg=key,
    )


def lang(page) -> str:
    return page.locator("html").get_attribute("lang")


def test_switching_to_spanish_mid_questionnaire_keeps_the_step_and_the_answers(demo, phone):
    phone.goto("/check/")
    answer_step(phone)
    answer_step(phone)
    before = step_key(phone)
    assert lang(phone) == "en"

    phone.get_by_role("link", name="Español").click()
    phone.wait_for_url("**/es/check/")

    assert lang(phone) == "es"
    assert step_key(phone) == before
    assert "Vea en qué estudios podría participar" in phone.locator("h1").inner_text()
    answer_step(phone)
    assert "/es/check/" in phone.url
    in_spanish = step_key(phone)

    phone.get_by_role("link", name="English").click()
    phone.wait_for_url("**/check/")
    assert lang(phone) == "en"
    assert step_key(phone) == in_spanish
    phone.get_by_role("button", name="Back").click()
    phone.wait_for_function(
        "(key) => document.querySelector('#step input[name=step]')?.value !== key",
        arg=in_spanish,
    )
    assert step_key(phone) == before


def test_every_page_type_in_spanish_on_a_phone_passes_axe(demo, phone, browser, live_server):
    def visit(name: str, url: str) -> None:
        phone.goto(url)
        assert lang(phone) == "es", name
        assert_accessible(phone)
        shoot(phone, name)

    visit("01-home", "/es/")
    visit("02-list", "/es/trials/?condition=sle")
    visit("03-trial", "/es/trials/NCT06737380/")
    visit("04-handout", "/es/trials/NCT06737380/handout/")
    visit("04-places", "/es/trials/NCT02633163/places/?near=29425")
    visit("05-shortlist", "/es/trials/list/?ids=NCT06737380,NCT02633163")
    visit("06-not-found", "/es/trials/NCT00000000/")

    phone.goto("/es/check/")
    for turn in range(30):
        if "/check/results/" in phone.url:
            break
        assert lang(phone) == "es"
        if turn < 3:
            assert_accessible(phone)
            shoot(phone, f"07-step-{turn + 1}")
        answer_step(phone)
    phone.wait_for_url("**/es/check/results/")
    assert lang(phone) == "es"
    assert_accessible(phone)
    shoot(phone, "08-results")

    phone.locator("#share-results button").click()
    phone.wait_for_selector("#shared-url")
    assert_accessible(phone)
    visit("09-share-created", "/es/check/results/shared/")
    shared = SharedResult.objects.get()
    visit("10-shared-results", f"/es/shared/{shared.key}/")


def test_the_switch_follows_the_address_htmx_gives_the_list(demo, desktop):
    desktop.goto("/es/trials/")

    desktop.locator("select[name=condition]").select_option("sjogrens")
    desktop.wait_for_url("**/es/trials/?condition=sjogrens")
    switch = desktop.locator("a.language-switch")
    desktop.wait_for_function(
        "() => document.querySelector('a.language-switch').getAttribute('href')"
        " === '/trials/?condition=sjogrens'"
    )
    switch.click()

    desktop.wait_for_url("**/trials/?condition=sjogrens")
    assert lang(desktop) == "en"
    assert desktop.locator("select[name=condition]").input_value() == "sjogrens"
