"""Sharing in a real Chromium: the handout prints on one page, QR codes scan, copy works."""

import base64
import io

import pytest
from django.core.management import call_command
from django.db.models import Count

from tests.browser.in_page import DESKTOP, assert_accessible
from tests.builders import make_contact, make_site, make_trial
from tests.qr import decode_pixels
from trials.models import ContactRole, Trial

pytestmark = pytest.mark.django_db(transaction=True)

# Draw a PNG into a canvas and hand back its pixels in grey, one byte each.
PNG_TO_GREY = """async (source) => {
  const image = new Image();
  image.src = source;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  const rgba = context.getImageData(0, 0, canvas.width, canvas.height).data;
  const grey = [];
  for (let i = 0; i < rgba.length; i += 4) {
    grey.push(Math.round((rgba[i] + rgba[i + 1] + rgba[i + 2]) / 3));
  }
  return {width: canvas.width, height: canvas.height, grey: grey};
}"""


@pytest.fixture
def demo(shipped_data):
    call_command("load_demo", verbosity=0)


@pytest.fixture
def busiest_trial(demo) -> Trial:
    """The demo trial with the most sites: the longest handout."""
    return (
        Trial.objects.published()
        .annotate(site_count=Count("sites"))
        .order_by("-site_count", "registry_id")
        .first()
    )


def scanned(page, locator) -> list[str]:
    """What a QR scanner reads from a screenshot of `locator`, as the browser drew it."""
    png = base64.b64encode(locator.screenshot()).decode()
    # Decoded in a blank page: our pages' Content-Security-Policy refuses data: images.
    scratch = page.context.new_page()
    image = scratch.evaluate(PNG_TO_GREY, f"data:image/png;base64,{png}")
    scratch.close()
    return decode_pixels(bytes(image["grey"]), image["width"], image["height"])


def pdf_pages(pdf: bytes) -> tuple[int, str]:
    pypdf = pytest.importorskip("pypdf", reason="pypdf counts the pages of a PDF")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_longest_handout_prints_on_exactly_one_page(busiest_trial, desktop, live_server, paper):
    assert busiest_trial.sites.count() >= 5
    desktop.goto(f"/trials/{busiest_trial.registry_id}/handout/")
    desktop.emulate_media(media="print")

    pages, text = pdf_pages(desktop.pdf(format=paper, print_background=True))

    assert pages == 1
    assert busiest_trial.title.split()[0] in text
    assert "not medical advice" in text
    assert f"{live_server.url}/trials/{busiest_trial.registry_id}/" in text.replace("\n", "")


def test_the_handout_qr_code_scans_back_to_the_trial_permalink(busiest_trial, desktop, live_server):
    desktop.goto(f"/trials/{busiest_trial.registry_id}/handout/")
    desktop.emulate_media(media="print")

    codes = scanned(desktop, desktop.locator(".handout__qr svg"))

    assert codes == [f"{live_server.url}/trials/{busiest_trial.registry_id}/"]


def test_the_trial_page_qr_code_scans_on_a_phone_screen(demo, phone, live_server):
    phone.goto("/trials/NCT06737380/")

    assert scanned(phone, phone.locator(".share__qr svg")) == [
        f"{live_server.url}/trials/NCT06737380/"
    ]


def test_the_handout_offers_a_print_button_and_is_accessible(busiest_trial, phone):
    phone.goto(f"/trials/{busiest_trial.registry_id}/handout/")

    print_button = phone.get_by_role("button", name="Print this page")
    assert print_button.is_visible()
    assert not phone.get_by_text("use your browser's Print command").is_visible()
    assert_accessible(phone)


def test_the_trial_page_prints_without_the_site_around_it(busiest_trial, desktop):
    desktop.goto(busiest_trial.get_absolute_url())
    desktop.emulate_media(media="print")

    assert not desktop.locator(".site-header").is_visible()
    assert not desktop.locator(".share").is_visible()
    pages, text = pdf_pages(desktop.pdf(format="A4"))
    assert pages >= 1
    assert "Share or print this page" not in text
    assert "This page on the web:" in text


def test_copy_link_puts_the_permalink_on_the_clipboard_and_says_so(demo, desktop, live_server):
    desktop.context.grant_permissions(["clipboard-read", "clipboard-write"])
    desktop.goto("/trials/NCT06737380/")

    desktop.get_by_role("button", name="Copy link").click()

    status = desktop.get_by_role("status").filter(has_text="Link copied")
    status.wait_for()
    assert desktop.evaluate("navigator.clipboard.readText()") == (
        f"{live_server.url}/trials/NCT06737380/"
    )


def test_without_javascript_the_link_field_is_there_to_select(demo, browser, live_server):
    context = browser.new_context(
        viewport=DESKTOP, base_url=live_server.url, java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.goto("/trials/NCT06737380/")
        field = page.get_by_label("Link to this page")
        assert field.input_value() == f"{live_server.url}/trials/NCT06737380/"
        assert not page.get_by_role("button", name="Copy link").is_visible()

        page.goto("/trials/NCT06737380/handout/")
        assert page.get_by_text("use your browser's Print command").is_visible()
        assert not page.get_by_role("button", name="Print this page").is_visible()
    finally:
        context.close()


def test_a_short_list_from_a_clinician_is_accessible(demo, phone):
    phone.goto("/trials/list/?ids=NCT02633163,nct06737380,NCT00000000")

    titles = phone.locator(".card__title").all_inner_texts()
    assert len(titles) == 2
    assert "NCT00000000" in phone.locator("main").inner_text()
    assert_accessible(phone)
    check = phone.get_by_role("link", name="Check if these studies may fit you")
    assert check.get_attribute("href") == "/check/?trials=NCT02633163,NCT06737380"


def test_a_handout_at_its_fullest_still_fits_one_page(shipped_data, desktop):
    words = " ".join(["lupus"] * 200)
    trial = make_trial(
        "NCT09999999",
        plain_title="A very long plain title that goes on and on about a study of lupus " * 2,
        plain_summary=words,
        good_fit=words,
    )
    for number in range(10):
        site = make_site(trial, facility=f"University Hospital {number}", state=f"State {number}")
        make_contact(
            trial,
            site=site,
            role=ContactRole.SITE,
            name="Site Nurse",
            phone="843-555-0100",
            phone_ext="1234",
            email="site.nurse.with.a.long.address@example.org",
        )
    for _number in range(4):
        make_contact(trial, name="Study Coordinator", phone="843-555-0100", email="c@example.org")
    desktop.goto("/trials/NCT09999999/handout/")
    desktop.emulate_media(media="print")

    for paper in ["A4", "Letter"]:
        pages, _text = pdf_pages(desktop.pdf(format=paper))
        assert pages == 1, paper
