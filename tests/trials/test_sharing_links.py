"""Links that last: every form of a trial's address, and the short list a clinician sends."""

from html import unescape

import pytest
from django.urls import reverse

from tests.builders import make_trial
from tests.pages import tags
from trials.models import Kind, Status
from trials.page_sharing import SHORTLIST_LIMIT

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    return unescape(response.content.decode())


def card_titles(response) -> list[str]:
    html = response.content.decode()
    return [
        unescape(chunk.split(">", 1)[1].split("<", 1)[0])
        for chunk in html.split('<h3 class="card__title"><a ')[1:]
    ]


# --- the permalink and its other forms -----------------------------------------------------


def test_the_permalink_is_the_registry_id(client):
    trial = make_trial("NCT06737380", plain_title="A cell treatment for lupus")

    response = client.get("/trials/NCT06737380/")

    assert trial.get_absolute_url() == "/trials/NCT06737380/"
    assert response.status_code == 200
    assert "A cell treatment for lupus" in page_text(response)


@pytest.mark.parametrize(
    "address",
    [
        "/trials/nct06737380/",
        "/trials/Nct06737380/",
        "/trials/NCT06737380/anything/else",
        "/trials/nct06737380/anything/else/",
        "/trials/NCT06737380/details.html",
    ],
)
def test_other_forms_of_the_address_redirect_permanently_to_the_permalink(client, address):
    make_trial("NCT06737380")

    response = client.get(address, follow=True)

    assert response.redirect_chain
    assert all(status == 301 for _url, status in response.redirect_chain)
    assert response.redirect_chain[-1][0] == "/trials/NCT06737380/"
    assert response.status_code == 200


def test_the_address_without_its_final_slash_gets_one(client):
    make_trial("NCT06737380")

    response = client.get("/trials/NCT06737380")

    assert response.status_code == 301
    assert response["Location"] == "/trials/NCT06737380/"


def test_a_lower_case_address_without_a_slash_arrives_in_two_permanent_steps(client):
    make_trial("NCT06737380")

    response = client.get("/trials/nct06737380", follow=True)

    assert [status for _url, status in response.redirect_chain] == [301, 301]
    assert response.redirect_chain[-1][0] == "/trials/NCT06737380/"


def test_an_nih_application_id_with_a_trailing_path_goes_to_the_project(client):
    make_trial("5U01AI123456-03", nih_appl_id=11159694, kind=Kind.NIH_PROJECT)

    response = client.get("/trials/nih-11159694/old/page")

    assert response.status_code == 301
    assert response["Location"] == "/trials/5U01AI123456-03/"


def test_a_handout_address_without_its_slash_still_reaches_the_handout(client):
    make_trial("NCT06737380")

    response = client.get("/trials/nct06737380/handout")

    assert response.status_code == 301
    assert response["Location"] == reverse("trials:handout", args=["NCT06737380"])


@pytest.mark.parametrize(
    "address", ["/trials/NCT00000000/", "/trials/NCT00000000/more", "/trials/NIH-42/x"]
)
def test_unknown_ids_are_not_found_whatever_follows_them(client, address):
    assert client.get(address).status_code == 404


@pytest.mark.parametrize(
    "address", ["/trials/NCT06737380/", "/trials/nct06737380/x", "/trials/NCT06737380/handout/"]
)
def test_unpublished_trials_are_not_found_under_any_address(client, address):
    make_trial("NCT06737380", published=False)

    assert client.get(address).status_code == 404


# --- the short list ------------------------------------------------------------------------


def shortlist(client, ids: str):
    return client.get(reverse("trials:shortlist"), {"ids": ids})


def test_short_list_shows_the_trials_in_the_order_given(client):
    make_trial("NCT00000001", plain_title="First made")
    make_trial("NCT00000002", plain_title="Second made")
    make_trial("NCT00000003", plain_title="Third made")

    response = shortlist(client, "NCT00000003,nct00000001,NCT00000002")

    assert response.status_code == 200
    assert card_titles(response) == ["Third made", "First made", "Second made"]
    assert "3 studies" in page_text(response)


def test_short_list_shows_each_trial_once(client):
    make_trial("NCT00000001", plain_title="Only once")

    response = shortlist(client, "NCT00000001, nct00000001 NCT00000001")

    assert card_titles(response) == ["Only once"]


def test_short_list_says_gently_which_ids_it_could_not_find(client):
    make_trial("NCT00000001", plain_title="Here")
    make_trial("NCT00000002", plain_title="Hidden", published=False)

    text = page_text(shortlist(client, "NCT00000001,NCT99999999,NCT00000002"))

    assert "We could not find these studies: NCT99999999, NCT00000002." in text
    assert "may have a typo" in text
    assert "Hidden" not in text


def test_short_list_shows_at_most_its_limit_and_says_so(client):
    for number in range(SHORTLIST_LIMIT + 5):
        make_trial(f"NCT{number:08d}", plain_title=f"Study {number}")
    ids = ",".join(f"NCT{number:08d}" for number in range(SHORTLIST_LIMIT + 5))

    response = shortlist(client, ids)

    assert card_titles(response) == [f"Study {number}" for number in range(SHORTLIST_LIMIT)]
    assert f"here are the first {SHORTLIST_LIMIT}" in page_text(response)


def test_short_list_accepts_nih_application_ids(client):
    make_trial(
        "5U01AI123456-03", nih_appl_id=11159694, kind=Kind.NIH_PROJECT, plain_title="A project"
    )

    assert card_titles(shortlist(client, "NIH-11159694")) == ["A project"]


@pytest.mark.parametrize(
    "ids",
    [
        "<script>alert(1)</script>",
        "NCT1'\"--;DROP TABLE",
        "%00%ff",
        "a" * 5000,
        ",,,",
        "",
    ],
)
def test_short_list_survives_bad_input(client, ids):
    make_trial("NCT00000001")

    response = shortlist(client, ids)

    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()
    assert "There are no studies to show from this link." in page_text(response)


def test_short_list_without_ids_is_a_page_not_an_error(client):
    response = client.get(reverse("trials:shortlist"))

    assert response.status_code == 200
    assert "There are no studies to show from this link." in page_text(response)


def test_short_list_leaves_out_words_that_are_not_ids_and_says_so(client):
    make_trial("NCT00000001", plain_title="Kept")

    response = shortlist(client, "NCT00000001,<b>hello</b>")

    assert card_titles(response) == ["Kept"]
    assert "Part of this link was not a study ID" in page_text(response)
    assert "<b>hello" not in response.content.decode()


def test_short_list_links_to_the_check_for_its_open_studies(client):
    make_trial("NCT00000001")
    make_trial("NCT00000002", status=Status.COMPLETED)
    make_trial("NCT00000003")

    response = shortlist(client, "nct00000003,NCT00000002,NCT00000001")

    links = tags(response.content.decode(), "a", class_="button button--primary")
    assert [link["href"] for link in links] == ["/check/?trials=NCT00000003,NCT00000001"]
    assert "Check if these studies may fit you" in page_text(response)


def test_short_list_of_closed_studies_offers_no_check(client):
    make_trial("NCT00000002", status=Status.COMPLETED)

    response = shortlist(client, "NCT00000002")

    assert "Check if these studies may fit you" not in page_text(response)


def test_short_list_shares_its_own_tidy_address(client):
    make_trial("NCT00000001")
    make_trial("NCT00000002")

    response = shortlist(client, "nct00000002, NCT00000001,NCT99999999")

    [field] = tags(response.content.decode(), "input", id="share-url")
    assert field["value"] == "http://testserver/trials/list/?ids=NCT00000002,NCT00000001"


def test_short_list_is_kept_out_of_search_engines(client):
    response = shortlist(client, "NCT00000001")

    assert tags(response.content.decode(), "meta", name="robots") == [
        {"name": "robots", "content": "noindex"}
    ]


def test_short_list_takes_the_same_queries_for_1_or_15_trials(client, django_assert_num_queries):
    for number in range(15):
        make_trial(f"NCT{number:08d}", sites=2)
    one = "NCT00000000"
    fifteen = ",".join(f"NCT{number:08d}" for number in range(15))

    # The catalogue's version, then the trials and their sites.
    with django_assert_num_queries(4):
        shortlist(client, one)
    with django_assert_num_queries(4):
        shortlist(client, fifteen)
