"""The printable handout: what it says, where its QR code leads, and who may see it."""

from html import unescape

import pytest
from django.urls import reverse

from tests.builders import make_contact, make_site, make_trial
from tests.pages import tags
from tests.qr import decode_pixels, rasterise_served_svg, served_qr_codes
from trials.models import ContactRole, Kind, Status

pytestmark = pytest.mark.django_db

PERMALINK = "http://testserver/trials/NCT02633163/"


def make_handout_trial(**fields):
    defaults = {
        "plain_title": "Donor stem cells for lupus",
        "plain_summary": "Does a cell treatment help lupus that other medicines did not?",
        "good_fit": "Adults whose lupus stays active on usual medicines.",
        "min_age_value": 18,
        "max_age_value": 65,
    }
    defaults.update(fields)
    return make_trial("NCT02633163", **defaults)


def handout(client, registry_id="NCT02633163"):
    return client.get(reverse("trials:handout", args=[registry_id]))


def test_handout_has_title_summary_fit_and_the_permalink_written_out(client):
    make_handout_trial()

    response = handout(client)

    text = unescape(response.content.decode())
    assert response.status_code == 200
    assert "Donor stem cells for lupus" in text
    assert "Does a cell treatment help lupus that other medicines did not?" in text
    assert "Who may be a good fit" in text
    assert "Adults whose lupus stays active on usual medicines." in text
    assert "Ages: 18 years to 65 years." in text
    assert PERMALINK in text
    assert "This is not medical advice." in text


def test_handout_writes_contacts_out_in_full(client):
    trial = make_handout_trial()
    make_contact(
        trial, name="Gary Gilkeson", phone="(843) 792-6043", phone_ext="12", email="g@musc.edu"
    )

    text = unescape(handout(client).content.decode())

    assert "Gary Gilkeson" in text
    assert 'Phone: <a href="tel:+18437926043;ext=12">(843) 792-6043</a> extension 12' in text
    assert 'Email: <a href="mailto:g@musc.edu">g@musc.edu</a>' in text


def test_handout_lists_the_first_open_sites_grouped_and_counts_the_rest(client):
    trial = make_handout_trial()
    make_site(trial, facility="Closed Clinic", state="Alabama", status=Status.COMPLETED)
    for state in ["California", "Georgia", "Illinois", "New York", "Ohio", "Texas", "Utah"]:
        site = make_site(trial, facility=f"{state} Hospital", city="Town", state=state)
    make_contact(trial, site=site, role=ContactRole.SITE, name="Utah Nurse", phone="801-555-0100")

    text = unescape(handout(client).content.decode())

    assert "Closed Clinic" not in text
    for state in ["California", "Georgia", "Illinois", "New York", "Ohio", "Texas"]:
        assert f"<h3>{state}, United States</h3>" in text
        assert f"{state} Hospital" in text
    assert "Utah Hospital" not in text
    assert "There is 1 more place on the study's web page." in text


def test_handout_qr_code_reads_back_as_the_trial_permalink(client):
    make_handout_trial()

    [svg] = served_qr_codes(handout(client).content.decode())

    assert decode_pixels(*rasterise_served_svg(svg)) == [PERMALINK]


def test_handout_print_button_waits_for_javascript_and_a_note_says_how_without_it(client):
    make_handout_trial()

    html = handout(client).content.decode()

    [button] = tags(html, "button", data_print="")
    assert "hidden" in button
    assert "use your browser's Print command" in unescape(html)
    assert tags(html, "script", src="/static/js/share.js")


def test_trial_page_links_to_its_handout(client):
    trial = make_handout_trial()

    html = client.get(trial.get_absolute_url()).content.decode()

    assert tags(html, "a", href="/trials/NCT02633163/handout/")


def test_handout_of_an_nih_project_says_it_is_not_a_study_to_join(client):
    make_trial("5U01AI123456-03", nih_appl_id=11159694, kind=Kind.NIH_PROJECT, plain_title="MiSLE")

    response = client.get("/trials/NIH-11159694/handout/")
    assert response.status_code == 301
    assert response["Location"] == "/trials/5U01AI123456-03/handout/"

    text = unescape(client.get(response["Location"]).content.decode())
    assert "This is funded research, not a study you can join." in text
    assert "Ages:" not in text


def test_lower_case_handout_address_redirects_to_the_canonical_one(client):
    make_handout_trial()

    response = handout(client, "nct02633163")

    assert response.status_code == 301
    assert response["Location"] == "/trials/NCT02633163/handout/"


@pytest.mark.parametrize("registry_id", ["NCT00000000", "NIH-1", "not an id"])
def test_handout_of_an_unknown_trial_is_not_found(client, registry_id):
    assert handout(client, registry_id).status_code == 404


def test_handout_of_an_unpublished_trial_is_not_found_even_for_staff(client, alice):
    make_handout_trial(published=False)
    client.force_login(alice)

    assert handout(client).status_code == 404


def test_handout_points_search_engines_to_the_trial_page_as_its_canonical(client):
    make_handout_trial()

    html = handout(client).content.decode()

    # No noindex beside it: the two would contradict each other.
    assert not tags(html, "meta", name="robots")
    assert tags(html, "link", rel="canonical", href=PERMALINK)


def test_handout_takes_the_same_queries_for_1_or_15_sites(client, django_assert_num_queries):
    trial = make_handout_trial()
    make_site(trial)
    # The page's version (one index lookup), then what the page shows.
    with django_assert_num_queries(8):
        handout(client)
    for _index in range(14):
        make_contact(trial, site=make_site(trial), role=ContactRole.SITE)
    trial.save()  # as the admin does when sites change: a new version, so no kept copy
    with django_assert_num_queries(8):
        handout(client)
