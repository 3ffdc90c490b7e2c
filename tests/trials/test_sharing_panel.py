"""The share panel, link previews and schema.org data on trial pages."""

import json
import xml.etree.ElementTree as ET
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from tests.builders import make_site, make_trial
from tests.pages import meta, scripts, tags
from tests.qr import decode_pixels, rasterise_served_svg, served_qr_codes
from trials.models import Kind, Phase, Status

pytestmark = pytest.mark.django_db

PERMALINK = "http://testserver/trials/NCT02633163/"


def make_shared_trial(**fields):
    defaults = {
        "plain_title": "Donor stem cells for lupus & kidney disease",
        "official_title": "A Phase II Trial of Mesenchymal Stromal Cells in Refractory Lupus",
        "plain_summary": "Does a cell treatment help lupus that other medicines did not?",
        "phase": Phase.PHASE_2,
        "sponsor": "Medical University of South Carolina",
        "source_url": "https://clinicaltrials.gov/study/NCT02633163",
    }
    defaults.update(fields)
    return make_trial("NCT02633163", **defaults)


def trial_html(client, trial) -> str:
    response = client.get(trial.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_share_panel_has_a_labelled_field_with_the_absolute_permalink(client):
    html = trial_html(client, make_shared_trial())

    [field] = tags(html, "input", id="share-url")
    assert field["value"] == PERMALINK
    assert "readonly" in field
    assert tags(html, "label", for_="share-url")
    assert "Link to this page" in html


def test_copy_button_waits_for_javascript_and_the_field_works_without_it(client):
    html = trial_html(client, make_shared_trial())

    [button] = tags(html, "button", data_copy="share-url")
    assert "hidden" in button  # shown by static/js/share.js only when it can copy
    assert button["data-copied"] == "Link copied"
    [status] = tags(html, "p", id=button["data-status"])
    assert status["role"] == "status"
    assert "You can select the link and copy it." in unescape(html)
    assert tags(html, "script", src="/static/js/share.js")
    assert "navigator" not in html  # no inline script: the behaviour lives in share.js


def test_email_link_has_a_plain_subject_and_a_body_with_title_and_permalink(client):
    html = trial_html(client, make_shared_trial())

    [email] = [a for a in tags(html, "a") if a["href"].startswith("mailto:")]
    address = urlsplit(email["href"])
    query = parse_qs(address.query, strict_parsing=True)
    assert address.path == ""
    assert query["subject"] == ["Donor stem cells for lupus & kidney disease"]
    [body] = query["body"]
    assert "Donor stem cells for lupus & kidney disease" in body
    assert PERMALINK in body.splitlines()
    assert "+" not in address.query  # spaces are %20: mail programs read "+" as a plus


def test_share_panel_links_to_the_handout(client):
    html = trial_html(client, make_shared_trial())

    assert tags(html, "a", href=reverse("trials:handout", args=["NCT02633163"]))
    assert "Print a one-page handout" in html


def test_qr_code_is_well_formed_svg_with_a_name_and_no_fixed_size(client):
    [svg] = served_qr_codes(trial_html(client, make_shared_trial()))

    root = ET.fromstring(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.attrib["role"] == "img"
    assert root.attrib["aria-label"] == "QR code that opens this page"
    _x, _y, width, height = map(float, root.attrib["viewBox"].split())
    assert width == height >= 21 + 8  # a version 1 code at least, with its quiet zone
    assert "width" not in root.attrib  # CSS sizes it
    assert root.findall("{http://www.w3.org/2000/svg}path")


def test_qr_code_on_the_trial_page_reads_back_as_the_permalink(client):
    [svg] = served_qr_codes(trial_html(client, make_shared_trial()))

    assert decode_pixels(*rasterise_served_svg(svg)) == [PERMALINK]


def test_qr_code_has_a_text_alternative_for_people_who_cannot_scan(client):
    html = unescape(trial_html(client, make_shared_trial()))

    assert "Point a phone camera at this code to open the page." in html


def test_link_previews_use_the_plain_title_and_summary(client):
    html = trial_html(client, make_shared_trial())

    tags_ = meta(html)
    assert tags_["og:title"] == "Donor stem cells for lupus & kidney disease"
    assert (
        tags_["og:description"] == "Does a cell treatment help lupus that other medicines did not?"
    )
    assert tags_["og:url"] == PERMALINK
    assert tags_["og:type"] == "website"
    assert tags_["og:site_name"] == "Find a Trial"
    assert tags_["twitter:card"] == "summary"
    assert tags_["twitter:title"] == "Donor stem cells for lupus & kidney disease"
    assert tags_["og:image"] == "http://testserver/static/img/card.png"
    assert tags_["og:image:alt"].startswith("Find a Trial")


def test_the_link_preview_image_is_our_own_card(client):
    html = trial_html(client, make_shared_trial())

    image = client.get(meta(html)["og:image"].removeprefix("http://testserver"))

    assert image.status_code == 200
    assert image["Content-Type"] == "image/png"
    card = b"".join(image.streaming_content)
    assert card.startswith(b"\x89PNG")
    assert int.from_bytes(card[16:20], "big") == int(meta(html)["og:image:width"]) == 1200
    assert int.from_bytes(card[20:24], "big") == int(meta(html)["og:image:height"]) == 630
    assert tags(html, "link", rel="canonical") == [{"rel": "canonical", "href": PERMALINK}]


def test_link_preview_falls_back_to_the_registry_summary(client):
    trial = make_shared_trial(plain_summary="", brief_summary="The registry's own summary.")

    assert meta(trial_html(client, trial))["og:description"] == "The registry's own summary."


def test_json_ld_describes_the_trial_as_a_medical_trial(client):
    trial = make_shared_trial(status=Status.ACTIVE_NOT_RECRUITING)
    make_site(trial, facility="Medical University of South Carolina", city="Charleston")

    [text] = scripts(trial_html(client, trial), "application/ld+json")
    data = json.loads(text)

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalTrial"
    assert data["identifier"] == "NCT02633163"
    assert data["url"] == PERMALINK
    assert data["name"] == "Donor stem cells for lupus & kidney disease"
    assert data["alternateName"].startswith("A Phase II Trial")
    assert data["description"].startswith("Does a cell treatment")
    assert "phase" not in data  # retired by schema.org 7.0: the phase is a type now
    assert data["additionalType"] == "http://purl.obolibrary.org/obo/NCIT_C15601"  # Phase II
    assert data["sameAs"] == "https://clinicaltrials.gov/study/NCT02633163"
    assert data["status"] == "https://schema.org/ActiveNotRecruiting"
    assert data["sponsor"] == {
        "@type": "Organization",
        "name": "Medical University of South Carolina",
    }
    assert data["healthCondition"][0]["@type"] == "MedicalCondition"
    assert data["healthCondition"][0]["alternateName"] == "Lupus (SLE)"
    [place] = data["studyLocation"]
    assert place["name"] == "Medical University of South Carolina"
    assert place["address"]["addressLocality"] == "Charleston"


def test_json_ld_of_an_nih_project_has_no_phase_or_enrolment_status(client):
    project = make_trial(
        "NIH-11159694", nih_appl_id=11159694, kind=Kind.NIH_PROJECT, plain_title="MiSLE"
    )

    [text] = scripts(trial_html(client, project), "application/ld+json")
    data = json.loads(text)

    assert data["@type"] == "MedicalStudy"
    assert data["identifier"] == "NIH-11159694"
    assert "additionalType" not in data
    assert "status" not in data


def test_json_ld_cannot_be_broken_out_of_by_a_title(client):
    trial = make_shared_trial(plain_title="Bad </script><script>alert(1)</script> title")

    html = trial_html(client, trial)

    [text] = scripts(html, "application/ld+json")
    assert json.loads(text)["name"] == "Bad </script><script>alert(1)</script> title"
    assert "<script>alert(1)" not in html


def test_trial_page_prints_its_web_address(client):
    html = unescape(trial_html(client, make_shared_trial()))

    assert f"This page on the web: {PERMALINK}" in html


def test_share_panel_adds_no_queries(client, django_assert_num_queries):
    trial = make_shared_trial()
    for _index in range(15):
        make_site(trial)

    with django_assert_num_queries(8):
        client.get(trial.get_absolute_url())
