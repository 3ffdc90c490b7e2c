"""The public pages in a real Chromium: they work, look whole and pass axe-core."""

import pytest
from django.core.management import call_command

from tests.browser.in_page import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(shipped_data):
    call_command("load_demo", verbosity=0)


def test_a_patient_finds_a_trial_from_home_to_list_to_page(demo, phone):
    phone.goto("/")
    assert phone.get_by_role("heading", level=1).is_visible()
    assert_accessible(phone)

    phone.get_by_role("link", name="Lupus (SLE)").first.click()
    phone.wait_for_url("**/trials/?condition=sle")
    assert "studies found" in phone.locator("main").inner_text()
    assert_accessible(phone)

    phone.get_by_role("link", name="A cell treatment given under the skin for active lupus").click()
    phone.wait_for_url("**/trials/NCT06737380/")
    text = phone.locator("main").inner_text()
    assert "Quick facts" in text
    assert "18 years to 75 years" in text
    assert "RECRUITING" not in text
    assert_accessible(phone)


def test_filters_update_the_list_and_the_address_with_htmx(demo, desktop):
    desktop.goto("/trials/")
    before = desktop.locator("main").inner_text()

    desktop.get_by_label("Condition").select_option("sjogrens")
    desktop.wait_for_url("**/trials/?condition=sjogrens")

    results = desktop.locator("main").inner_text()
    assert results != before
    assert "Sjögren" in results
    assert_accessible(desktop)


def test_nih_project_page_is_accessible_and_says_it_is_not_enrolling(demo, desktop):
    desktop.goto("/trials/NIH-11159694/")
    assert "not a study you can join" in desktop.locator("main").inner_text()
    assert_accessible(desktop)
