"""Sharing results with a doctor in a real Chromium: share, read, delete, with axe-core."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from screening import loading
from screening.models import SharedResult
from tests.browser.in_page import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

TYPED = {"age": "34", "background_therapy_weeks": "26", "postal_code": "29425"}


@pytest.fixture
def demo(shipped_data):
    loading.clear_cache()
    call_command("load_demo", verbosity=0)
    yield
    loading.clear_cache()


def finish_questionnaire(page) -> None:
    """Answer every step by clicking: lupus, age 34, female, a ZIP code, else "not sure"."""
    page.goto("/check/")
    for _turn in range(30):
        if "/check/results/" in page.url:
            return
        key = page.locator("#step input[name=step]").get_attribute("value")
        if key == "conditions":
            page.get_by_label("Lupus (SLE)").check()
            page.get_by_role("button", name="Next").click()
        elif key == "sex":
            page.get_by_label("Female").check()
            page.get_by_role("button", name="Next").click()
        elif key in TYPED:
            page.fill("#answer", TYPED[key])
            page.get_by_role("button", name="Next").click()
        else:
            page.get_by_role("button", name="I’m not sure").click()
        page.wait_for_function(
            """(key) => location.pathname.endsWith('/check/results/')
                || document.querySelector('#step input[name=step]')?.value !== key""",
            arg=key,
        )
    raise AssertionError("the questionnaire did not end")


def test_a_patient_shares_results_a_doctor_reads_them_and_the_patient_deletes_them(
    demo, phone, browser, live_server
):
    finish_questionnaire(phone)
    phone.wait_for_url("**/check/results/")
    assert SharedResult.objects.count() == 0

    phone.get_by_role("button", name="Share with my doctor").click()
    phone.wait_for_selector("#shared-url")
    # htmx swapped the links in place and moved focus to their heading.
    assert phone.url.endswith("/check/results/")
    expect(phone.locator("#share-results-title")).to_be_focused()
    assert_accessible(phone)
    shared_url = phone.locator("#shared-url").input_value()
    delete_url = phone.locator("#shared-delete-url").input_value()
    assert shared_url.startswith(f"{live_server.url}/shared/")
    assert SharedResult.objects.count() == 1

    doctor_context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        doctor = doctor_context.new_page()
        doctor.goto(shared_url)
        main = doctor.locator("main").inner_text()
        assert "It is not a diagnosis and not a referral." in main
        assert "34 years" in main
        assert "Likely eligible" in main
        assert doctor.locator('meta[name="robots"]').get_attribute("content") == (
            "noindex, nofollow"
        )
        assert_accessible(doctor)
    finally:
        doctor_context.close()

    # The deletion form posts with a real browser's Origin header, which CSRF checks.
    phone.goto(delete_url)
    assert_accessible(phone)
    phone.get_by_role("button", name="Yes, delete it now").click()
    phone.wait_for_selector("text=Your shared results are deleted")
    assert SharedResult.objects.count() == 0
    response = phone.goto(shared_url)
    assert response.status == 404
    assert "This link does not work" in phone.locator("main").inner_text()
    assert_accessible(phone)
