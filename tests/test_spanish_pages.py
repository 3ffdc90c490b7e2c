"""Every page type in Spanish, as a full page and as its htmx fragment, and a walk of
/es/check/ to the results with plain forms (no JavaScript): Spanish words, lang="es", its
twin named and linked."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from screening import loading
from screening.models import SharedResult
from tests.builders import make_contact, make_criterion, make_site, make_trial
from tests.pages import tags
from tests.screening.steps import HTMX, answer, step_key, walk

pytestmark = pytest.mark.django_db

ANSWERS = {"age": "34", "sex": "female", "conditions": ["sle"], "postal_code": "29425"}


@pytest.fixture
def catalogue():
    loading.clear_cache()
    trial = make_trial(
        "NCT06737380",
        conditions=("sle", "lupus-nephritis"),
        plain_title="A kidney cell therapy for lupus nephritis",
        eligibility_text=(
            "Inclusion Criteria:\n\n* Age 18 to 75\n\nExclusion Criteria:\n\n* Pregnancy"
        ),
    )
    make_site(trial)
    make_contact(trial)
    make_criterion(trial, "egfr", "gte", 30, confirmed_by="doctor", reason="Needs eGFR 30 or more.")
    make_trial("NCT02633163", conditions=("sle",), sites=1, contacts=1)
    yield trial
    loading.clear_cache()


def es(name: str, *args, query: str = "") -> str:
    with translation.override("es"):
        return reverse(name, args=args) + query


def spanish(message: str) -> str:
    with translation.override("es"):
        return gettext(message)


def words(response) -> str:
    """Every word a person reads on the page, its title included, spaces squeezed."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def assert_reads_spanish(response, *messages: str) -> None:
    """Each of our `messages` is on the page in its Spanish words, not in English."""
    page = words(response)
    for message in messages:
        translated = spanish(message)
        assert translated != message, f"no Spanish for {message!r}"
        assert translated in page, f"{translated!r} is not on the page"
        assert message not in page, f"{message!r} is still in English"


def assert_spanish_page(response, *messages: str, status: int = 200) -> None:
    assert response.status_code == status
    html = response.content.decode()
    assert tags(html, "html")[0]["lang"] == "es"
    alternates = {link["hreflang"]: link["href"] for link in tags(html, "link", rel="alternate")}
    assert set(alternates) == {"en", "es", "x-default"}
    assert alternates["es"].replace("/es/", "/", 1) == alternates["en"] == alternates["x-default"]
    (switch,) = tags(html, "a", class_="language-switch")
    assert (switch["lang"], switch["hreflang"]) == ("en", "en")
    assert "http://testserver" + switch["href"] == alternates["en"]
    assert_reads_spanish(response, *messages)


def assert_spanish_fragment(response, *messages: str) -> None:
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert_reads_spanish(response, *messages)


def test_home(client, catalogue):
    assert_spanish_page(
        client.get(es("trials:home")),
        "Find a research study that may fit you",
        "Browse studies by condition",
        "Skip to main content",
    )


def test_the_list_as_a_page_and_as_the_fragment_a_filter_asks_for(client, catalogue):
    assert_spanish_page(client.get(es("trials:list")), "Filter studies", "Any condition")
    fragment = client.get(es("trials:list", query="?open=1"), **HTMX)
    assert_spanish_fragment(fragment, "Where", "Condition")
    assert fragment["HX-Push-Url"] == "/es/trials/?open=1"


def test_a_trial_page_its_handout_and_its_places(client, catalogue):
    page = client.get(es("trials:detail", "NCT06737380"))
    assert_spanish_page(page, "Quick facts", "Whom to contact", "Who can join, as registered")
    assert tags(page.content.decode(), "link", rel="canonical")[0]["href"] == (
        "http://testserver/es/trials/NCT06737380/"
    )
    assert '"inLanguage": "es"' in page.content.decode()

    handout = client.get(es("trials:handout", "NCT06737380"))
    assert_spanish_page(handout, "Whom to contact", "Print this page")

    places = client.get(es("trials:places", "NCT06737380"))
    assert_spanish_page(places, "Places by country")


def test_a_handout_with_only_the_registry_summary_says_it_is_english(client, catalogue):
    make_trial("NCT05000001", brief_summary="A registry summary written by the sponsor.")
    note = (
        "We have not written this study in plain words yet. "
        "Below is the registry's summary, in English."
    )

    handout = client.get(es("trials:handout", "NCT05000001"))
    assert spanish(note) in words(handout)
    summary = tags(handout.content.decode(), "p", **{"class": "handout__summary"})[0]
    assert summary["lang"] == "en"

    english = client.get(reverse("trials:handout", args=["NCT05000001"]))
    assert "plain words yet" not in words(english)


def test_a_short_list_from_a_clinician(client, catalogue):
    response = client.get(es("trials:shortlist", query="?ids=NCT06737380,NCT02633163"))
    assert_spanish_page(response, "Studies shared with you")


def test_a_missing_page(client, catalogue):
    missing = client.get("/es/trials/NCT00000000/")
    assert_spanish_page(missing, "We can't find that page", status=404)


def test_a_step_as_a_page_and_as_the_fragment_htmx_swaps_in(client, catalogue):
    page = client.get(es("screening:check"))
    assert_spanish_page(page, "Check which studies may fit you", "Next", "Skip this question")
    key = step_key(page)

    with translation.override("es"):
        fragment = client.post(
            es("screening:check"),
            {"step": key, "action": "skip", "answered": "0"},
            **HTMX,
        )

    assert_spanish_fragment(fragment, "Next", "Back")
    assert step_key(fragment) not in (None, key)


def test_a_refused_answer_says_why_in_spanish(client, catalogue):
    page = client.get(es("screening:check"))
    with translation.override("es"):
        refused = answer(client, step_key(page), "not a value at all")

    assert refused.status_code == 400
    assert tags(refused.content.decode(), "html")[0]["lang"] == "es"
    assert tags(refused.content.decode(), "p", id="answer-error")


def test_a_walk_of_es_check_with_plain_forms_ends_on_the_results_in_spanish(client, catalogue):
    with translation.override("es"):
        asked = walk(client, ANSWERS)
        results = client.get(reverse("screening:results"))
        more = client.get(reverse("screening:results"), HTTP_HX_TARGET="ask-list", **HTMX)

    assert asked[:1] and all(key for key in asked)
    assert_spanish_page(results, "Studies that may fit you", "Your answers", "Share with my doctor")
    assert_spanish_fragment(more, "What is not clear yet", "Ask your doctor about")


def test_sharing_results_from_es_gives_spanish_pages_to_patient_and_doctor(client, catalogue):
    with translation.override("es"):
        walk(client, ANSWERS)
        shared_in_place = client.post(reverse("screening:share_results"), **HTMX)
        created = client.get(reverse("screening:share_created"))

    assert_spanish_fragment(shared_in_place, "Your results are ready to share")
    assert_spanish_page(created, "Your results are ready to share")
    shared = SharedResult.objects.get()
    doctor = client.get(es("screening:shared_result", shared.key))
    assert_spanish_page(doctor, "Study pre-screen results", "The answers given")
    gone = client.get(es("screening:shared_result", "no-such-key"))
    assert_spanish_page(gone, "This link does not work", status=404)
