"""Page weight: the trial page with its CSS and JS stays under 60 KB; HTML goes compressed.

Weights are bytes, not times: the page as served, plus every stylesheet and script it links
(read from our static folders, as whitenoise would serve them: raw, or gzipped in advance).
"""

import gzip
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.builders import make_contact, make_criterion, make_site, make_trial
from tests.pages import tags
from tests.trials.real_catalogue import SHARED_DATA, needs_shared_data
from trials.importers.service import import_paths
from trials.models import Trial

pytestmark = pytest.mark.django_db

BUDGET = 60 * 1024
LARGEST_REAL_TRIAL = SHARED_DATA / "ctgov" / "v2" / "NCT06372145.json"


def linked_files(html: str) -> list[str]:
    """The static paths of the stylesheets and scripts a page loads."""
    hrefs = [attrs["href"] for attrs in tags(html, "link", rel="stylesheet")]
    sources = [attrs["src"] for attrs in tags(html, "script") if attrs.get("src")]
    return [url.removeprefix(settings.STATIC_URL) for url in hrefs + sources]


def weight(client, url: str) -> dict[str, int]:
    """Bytes of the page and of what it links: as sent raw, and as sent to a gzip client."""
    raw = client.get(url)
    packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert raw.status_code == packed.status_code == 200
    totals = {"raw": len(raw.content), "gzip": len(packed.content)}
    for path in linked_files(raw.content.decode()):
        found = finders.find(path)
        assert found, f"{path} is linked but not found"
        content = open(found, "rb").read()  # noqa: SIM115 - a small file, read once
        totals["raw"] += len(content)
        totals["gzip"] += len(gzip.compress(content, compresslevel=9))
    return totals


def typical_trial():
    trial = make_trial(
        "NCT06737380",
        plain_title="A kidney cell therapy for lupus nephritis",
        plain_summary="Tests whether a cell therapy is safe when lupus hurts the kidneys.",
        eligibility_text="Inclusion Criteria:\n\n"
        + "\n".join(f"* Requirement number {n} in plain words" for n in range(15)),
    )
    for index in range(8):
        make_contact(trial, site=make_site(trial, facility=f"Hospital {index}"), name="Ana Ruiz")
    make_contact(trial)
    make_criterion(trial, "egfr", "gte", 30, confirmed_by="doctor")
    return trial


def test_a_typical_trial_page_weighs_under_60_kb_with_its_css_and_js(client):
    trial = typical_trial()

    found = weight(client, trial.get_absolute_url())

    assert found["raw"] <= BUDGET, found


def test_a_trial_with_315_sites_sends_under_60_kb_compressed(client):
    trial = make_trial("NCT04000315", plain_title="A large study in many places")
    for index in range(315):
        site = make_site(trial, facility=f"Research Centre {index}", city=f"Town {index}")
        make_contact(trial, site=site, name=f"Coordinator {index}", phone="843-555-0100")

    found = weight(client, trial.get_absolute_url())

    assert found["gzip"] <= BUDGET, found


@needs_shared_data
def test_the_largest_real_trial_page_weighs_under_60_kb_with_its_css_and_js(client):
    """NCT06372145 lists 315 sites, the most of any record we hold: its page shows the first
    few and links to the full list, on a page of its own."""
    assert import_paths([LARGEST_REAL_TRIAL], publish=True).errors == []
    trial = Trial.objects.get(registry_id="NCT06372145")
    assert trial.sites.count() == 315

    for near in ("", "?near=29425"):
        found = weight(client, trial.get_absolute_url() + near)
        assert found["raw"] <= BUDGET, (near, found)


@pytest.mark.parametrize("name", ["trials:home", "trials:detail", "trials:handout"])
def test_pages_without_htmx_attributes_do_not_load_htmx(client, name):
    typical_trial()
    args = ["NCT06737380"] if name != "trials:home" else []

    html = client.get(reverse(name, args=args)).content.decode()

    assert "data-hx-" not in html
    assert not any("htmx" in path for path in linked_files(html))


@pytest.mark.parametrize("url", ["/trials/", "/check/"])
def test_pages_with_htmx_attributes_load_it_from_our_origin(client, url):
    typical_trial()

    html = client.get(url).content.decode()

    assert "data-hx-" in html
    (script,) = [path for path in linked_files(html) if "htmx" in path]
    assert finders.find(script)


def test_no_font_is_downloaded():
    for path in ("css/site.css", "css/screening.css", "css/handout.css"):
        css = open(finders.find(path)).read()  # noqa: SIM115
        assert "@font-face" not in css
        assert not re.search(r"\.(woff2?|ttf|otf)\b", css)


def test_the_trial_page_goes_compressed_to_a_client_that_accepts_gzip(client):
    trial = typical_trial()

    response = client.get(trial.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")

    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert b"A kidney cell therapy" in gzip.decompress(response.content)


def test_pages_with_a_csrf_token_or_answers_are_never_compressed(client):
    """BREACH: a page carrying a secret is sent as it is."""
    typical_trial()

    step = client.get(reverse("screening:check"), HTTP_ACCEPT_ENCODING="gzip")

    assert b"csrfmiddlewaretoken" in step.content
    assert "Content-Encoding" not in step.headers
