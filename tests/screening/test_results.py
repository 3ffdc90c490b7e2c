"""The results page at /check/results/: three groups, reasons, distances, paging, changes."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from screening import loading, result_cards
from screening.trialset import Order
from tests.builders import make_contact, make_criterion, make_drafted_trial, make_site, make_trial
from tests.pages import tags
from tests.screening.steps import HTMX, answer, queries_for, text, walk
from trials.models import Kind, Status

pytestmark = pytest.mark.django_db

RESULTS = "screening:results"
# Charleston, SC (ZIP 29425) and New York City.
CHARLESTON = {"latitude": 32.7862, "longitude": -79.9471}
NEW_YORK = {"latitude": 40.7484, "longitude": -73.9967}


@pytest.fixture
def three_kinds():
    """One trial per group for a 34-year-old with lupus who is not sure of her eGFR."""
    likely = make_trial("NCT00000101", conditions=("sle",), plain_title="A likely study")
    make_contact(likely, name="Dana Coordinator", phone="(843) 555-0100", email="dana@example.org")
    ask = make_trial("NCT00000102", conditions=("sle",), plain_title="A study to ask about")
    make_criterion(
        ask,
        "egfr",
        "gte",
        30,
        confirmed_by="doctor",
        reason="This study needs a kidney test (eGFR) of 30 or more.",
    )
    older = make_trial(
        "NCT00000103", conditions=("sle",), min_age_value=50, plain_title="A study for older people"
    )
    return likely, ask, older


def groups(response) -> tuple[str, str, str]:
    """The words of the likely, ask-your-doctor and not-eligible groups."""
    body = response.content.decode()
    likely = body.split('id="likely-title"')[1].split('id="ask-title"')[0]
    ask = body.split('id="ask-title"')[1].split('id="not-title"')[0]
    not_eligible = body.split('id="not-title"')[1].split('id="given-title"')[0]
    return text_of(likely), text_of(ask), text_of(not_eligible)


def answer_all(client, **answers):
    return walk(client, {"age": "34", "conditions": ["sle"], **answers})


def test_results_come_in_three_groups_with_reasons_and_a_checklist(client, three_kinds):
    answer_all(client)

    response = client.get(reverse(RESULTS) + "?not=1")  # the not-eligible group opened

    assert response.status_code == 200
    likely_part, ask_part, not_part = groups(response)
    assert "A likely study" in likely_part
    assert "This study is for people with Lupus (SLE), as you said." in likely_part
    assert "A study to ask about" in ask_part
    assert "eGFR) of 30 or more. You were not sure, so your doctor can check." in ask_part
    assert "Ask your doctor about Your most recent eGFR (kidney function) result" in ask_part
    assert "A study for older people" in not_part
    assert "This study is for people aged 50 years or older. You said you are 34." in not_part


def test_not_eligible_studies_are_folded_and_come_when_opened(client, three_kinds):
    answer_all(client)

    body = client.get(reverse(RESULTS)).content.decode()

    not_eligible = body.split('id="not-title"')[1].split('id="given-title"')[0]
    (details,) = tags(not_eligible, "details")
    assert "open" not in details
    assert details["data-hx-get"] == "/check/results/?not=1"
    assert details["data-hx-trigger"] == "toggle once"
    assert details["data-hx-target"] == "#not-list"
    assert "Show the 1 study that does not fit, and why" in text_of(not_eligible)
    assert "A study for older people" not in not_eligible  # not made until opened
    # Without JavaScript, a link opens the group on a page of its own.
    assert tags(not_eligible, "a", href="/check/results/?not=1#not-title")
    opened = client.get(reverse(RESULTS) + "?not=1").content.decode()
    assert tags(opened.split('id="not-title"')[1], "details", open="")
    assert "A study for older people" in opened.split('id="not-title"')[1]


def test_a_folded_group_is_counted_but_its_studies_are_put_in_order_only_once_opened(
    client, three_kinds, monkeypatch
):
    answer_all(client)
    ordered = []
    first = Order.first

    def first_noted(order, mask, count):
        ordered.append(mask)
        return first(order, mask, count)

    monkeypatch.setattr(Order, "first", first_noted)

    folded = client.get(reverse(RESULTS)).content.decode()
    assert "Show the 1 study that does not fit, and why" in text_of(folded)
    assert len(ordered) == 2  # likely, and ask your doctor
    loading.clear_cache()  # the groups are kept by the answers
    ordered.clear()
    opened = client.get(reverse(RESULTS) + "?not=1").content.decode()
    assert "A study for older people" in opened
    assert len(ordered) == 3


def test_opening_the_not_eligible_group_with_htmx_brings_its_cards(client, three_kinds):
    answer_all(client)

    response = client.get(reverse(RESULTS) + "?not=1", HTTP_HX_TARGET="not-list", **HTMX)

    body = response.content.decode()
    assert "<html" not in body
    assert "A study for older people" in body
    assert "A likely study" not in body and "A study to ask about" not in body
    assert tags(body, "p", id="not-more", data_hx_swap_oob="outerHTML")
    assert "autofocus" not in body  # opening a group leaves the focus on its summary


def text_of(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def test_cards_show_status_in_words_a_link_and_tap_to_call(client, three_kinds):
    answer_all(client)

    response = client.get(reverse(RESULTS))

    body = response.content.decode()
    assert 'href="/trials/NCT00000101/"' in body
    assert "Recruiting" in text(response)
    assert "RECRUITING" not in body and ">recruiting<" not in body
    assert 'href="tel:+18435550100"' in body
    assert 'href="mailto:dana@example.org"' in body


def test_results_say_plainly_it_is_a_pre_screen_and_offer_to_start_over(client, three_kinds):
    answer_all(client)

    response = client.get(reverse(RESULTS))

    assert "This is a pre-screen, not a diagnosis" in text(response)
    assert f'action="{reverse("screening:start_over")}"' in response.content.decode()
    assert tags(response.content.decode(), "meta", name="robots", content="noindex")


def test_results_before_any_answer_point_to_the_questions(client, three_kinds):
    response = client.get(reverse(RESULTS))

    assert response.status_code == 200
    assert "You have not answered any questions yet." in text(response)
    assert "A likely study" not in text(response)


def test_research_projects_are_never_screened(client, three_kinds):
    make_trial(
        "NIH-1", kind=Kind.NIH_PROJECT, status=Status.FUNDED_PROJECT, plain_title="NIH project"
    )
    answer_all(client)

    assert "NIH project" not in text(client.get(reverse(RESULTS)))


# -- answers and changing one ---------------------------------------------------------------


def test_the_answers_are_listed_in_plain_words_with_a_link_to_change_each(client, three_kinds):
    answer_all(client, postal_code="29425")

    response = client.get(reverse(RESULTS))

    given = text(response).split("Your answers")[1]
    assert "How old are you? 34 years Change" in given
    assert "Which of these has a doctor told you that you have? Lupus (SLE)" in given
    assert "I’m not sure" in given
    assert f'href="{reverse("screening:check")}?edit=age"' in response.content.decode()


def test_changing_one_answer_from_the_results_updates_them(client, three_kinds):
    answer_all(client)
    page = client.get(reverse("screening:check") + "?edit=age")
    assert 'value="34"' in page.content.decode()

    response = answer(client, "age", "60", edit="1")
    assert response.status_code == 303
    followed = client.get(response["Location"])
    assert followed["Location"] == reverse(RESULTS)

    response = client.get(reverse(RESULTS))
    likely_part, _ask_part, not_part = groups(response)
    assert "A study for older people" in likely_part
    assert "A study for older people" not in not_part
    assert "How old are you? 60 years" in text(response)


def test_a_skipped_question_is_listed_as_skipped(client, three_kinds):
    walk(client, {"conditions": ["sle"]}, default_action="skip")

    given = text(client.get(reverse(RESULTS))).split("Your answers")[1]

    assert "How old are you? Skipped" in given


def test_each_patient_sees_their_own_answers_though_answers_lines_are_kept(client, three_kinds):
    other = Client()
    answer_all(client)
    walk(other, {"age": "60", "conditions": ["sle"]}, default_action="skip")

    mine = _given(client)
    theirs = _given(other)

    assert "How old are you? 34 years" in mine and "How old are you? 60 years" in theirs
    assert "I’m not sure" in mine and "I’m not sure" not in theirs
    assert theirs.count("Skipped") > mine.count("Skipped")
    assert _given(client) == mine


def _given(client) -> str:
    return text(client.get(reverse(RESULTS))).split("Your answers")[1]


# -- distance -----------------------------------------------------------------------------


def test_a_zip_code_shows_the_nearest_open_site_and_orders_by_distance(client):
    far = make_trial("NCT00000201", conditions=("sle",), plain_title="Far study")
    make_site(far, facility="Mount Sinai", city="New York", state="New York", **NEW_YORK)
    near = make_trial("NCT00000202", conditions=("sle",), plain_title="Near study")
    make_site(near, facility="Closed clinic", status=Status.COMPLETED, **CHARLESTON)
    make_site(near, facility="MUSC", city="Charleston", state="South Carolina", **CHARLESTON)
    answer_all(client, postal_code="29425")

    page = text(client.get(reverse(RESULTS)))

    assert page.index("Near study") < page.index("Far study")
    assert "Nearest place: MUSC, Charleston, South Carolina, less than 1 mile away" in page
    assert "Nearest place: Mount Sinai, New York, New York, about 641 miles away" in page
    assert "Closed clinic" not in page


def test_a_study_with_every_place_abroad_says_so_and_ranks_by_its_real_distance(client):
    abroad = make_trial("NCT00000203", conditions=("sle",), plain_title="Lyon study")
    make_site(
        abroad,
        facility="Research Site",
        city="Lyon",
        state="",
        country="France",
        postal_code="",
        latitude=45.76,
        longitude=4.84,
    )
    home = make_trial("NCT00000204", conditions=("sle",), plain_title="Charleston study")
    make_site(home, facility="MUSC", **CHARLESTON)
    answer_all(client, postal_code="29425")

    response = client.get(reverse(RESULTS))
    page = text(response)

    assert page.index("Charleston study") < page.index("Lyon study")
    lyon_card = page[page.index("Lyon study") :]
    assert "All of this study's places are outside the United States." in lyon_card
    assert "Nearest place: A study site in Lyon, France, about 4409 miles away" in lyon_card
    home_card = page[page.index("Charleston study") : page.index("Lyon study")]
    assert "outside the United States" not in home_card
    # The trial page measures its sites from the same ZIP code, which it does not keep.
    assert 'href="/trials/NCT00000204/?near=29425"' in response.content.decode()


def test_without_a_zip_code_there_is_no_distance(client):
    trial = make_trial(conditions=("sle",))
    make_site(trial, **CHARLESTON)
    answer_all(client)

    assert "Nearest place" not in text(client.get(reverse(RESULTS)))


def test_a_zip_code_we_cannot_place_says_so(client):
    trial = make_trial(conditions=("sle",))
    make_site(trial, **CHARLESTON)
    answer_all(client, postal_code="SW1A 1AA")

    page = text(client.get(reverse(RESULTS)))

    assert "We could not find the ZIP code SW1A 1AA" in page
    assert "Nearest place" not in page


# -- paging -------------------------------------------------------------------------------


@pytest.fixture
def many_likely():
    return [
        make_trial(f"NCT0000{number:04d}", conditions=("sle",), plain_title=f"Study {number:02d}")
        for number in range(1, 26)
    ]


def card_titles(response) -> list[str]:
    return re.findall(
        r'class="result-card__title"[^>]*><a [^>]*>(Study \d+)</a>', response.content.decode()
    )


def test_each_group_shows_a_small_page_with_a_real_show_more_link(client, many_likely):
    answer_all(client)

    first = client.get(reverse(RESULTS))
    second = client.get(reverse(RESULTS) + "?likely=2")
    third = client.get(reverse(RESULTS) + "?likely=3")

    assert card_titles(first) == [f"Study {number:02d}" for number in range(1, 11)]
    assert 'href="/check/results/?likely=2"' in first.content.decode()
    assert "25 studies · showing 1 to 10" in text(first)
    assert card_titles(second) == [f"Study {number:02d}" for number in range(11, 21)]
    assert card_titles(third) == [f"Study {number:02d}" for number in range(21, 26)]
    assert "Show more" not in text(third)
    assert "Show the first ones" in text(third)


def test_show_more_with_htmx_returns_only_the_next_cards(client, many_likely):
    answer_all(client)

    response = client.get(reverse(RESULTS) + "?likely=2", HTTP_HX_TARGET="likely-list", **HTMX)

    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and "Likely eligible" not in body
    assert card_titles(response) == [f"Study {number:02d}" for number in range(11, 21)]
    assert tags(body, "p", id="likely-more", class_="show-more", data_hx_swap_oob="outerHTML")
    assert 'href="/check/results/?likely=3"' in body
    assert body.count("autofocus") == 1


@pytest.mark.parametrize("page", ["0", "-1", "abc", "999"])
def test_a_page_number_we_cannot_use_shows_a_real_page(client, many_likely, page):
    answer_all(client)

    response = client.get(reverse(RESULTS) + f"?likely={page}")

    assert response.status_code == 200
    assert len(card_titles(response)) in (5, 10)


def test_results_take_the_same_number_of_queries_for_1_or_20_trials(
    client, django_assert_num_queries
):
    trial = make_trial(conditions=("sle",), sites=2, contacts=1)
    make_site(trial, **CHARLESTON)
    answer_all(client, postal_code="29425")
    with_one = queries_for(client, reverse(RESULTS))

    for number in range(19):
        trial = make_trial(conditions=("sle",), sites=3, contacts=2)
        make_site(trial, **NEW_YORK)
        make_criterion(trial, "egfr", "gte", 30 + number, confirmed_by="doctor")
    loading.clear_cache()
    with django_assert_num_queries(with_one):
        assert client.get(reverse(RESULTS)).status_code == 200


def test_warm_results_for_new_answers_ask_the_database_one_question_per_kind_of_row(
    client, django_assert_num_queries
):
    for _number in range(3):
        make_site(make_trial(conditions=("sle",), sites=2, contacts=1), **CHARLESTON)
    answer_all(client, postal_code="29425")
    client.get(reverse(RESULTS))
    answer(client, "age", "36", edit="1")
    loading.question_bank().trial_facts.clear()  # as if no card of these trials was made
    # The data version, then the trials shown with their sites and contacts.
    with django_assert_num_queries(4):
        assert client.get(reverse(RESULTS)).status_code == 200
    answer(client, "age", "35", edit="1")  # words no card was made for yet
    # The data version only: what the trials' cards show alike is kept.
    with django_assert_num_queries(1):
        assert client.get(reverse(RESULTS)).status_code == 200


def test_reading_a_pages_facts_reads_ahead_so_the_next_pages_ask_for_none(
    client, many_likely, django_assert_num_queries
):
    answer_all(client)
    client.get(reverse(RESULTS))  # 10 cards, the other 15 studies read with them

    # The data version only: no card of page 2 or 3 was made, but their facts were read.
    for page in ("2", "3"):
        with django_assert_num_queries(1):
            response = client.get(reverse(RESULTS) + f"?likely={page}")
        assert len(card_titles(response)) in (10, 5)
    assert card_titles(response)[-1] == "Study 25"


def test_reading_ahead_takes_a_few_trials_at_a_time(
    client, many_likely, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(result_cards, "READ_AHEAD", 4)
    answer_all(client)

    client.get(reverse(RESULTS))

    kept = loading.question_bank().trial_facts
    assert len(kept) == 10 + 4
    assert "NCT00000011" in kept and "NCT00000014" in kept and "NCT00000015" not in kept
    # Page 2 shows 4 read ahead and 6 not: one read for those 6, and 4 more after them.
    with django_assert_num_queries(1 + 3):
        assert card_titles(client.get(reverse(RESULTS) + "?likely=2"))[-1] == "Study 20"
    assert len(kept) == 10 + 4 + 6 + 4


def test_reading_ahead_never_pushes_kept_facts_out(client, many_likely, monkeypatch):
    answer_all(client)
    bank = loading.question_bank()
    monkeypatch.setattr(bank.trial_facts, "size", 12)

    client.get(reverse(RESULTS))

    assert len(bank.trial_facts) == 12
    assert "NCT00000001" in bank.trial_facts  # the page's own, none pushed out


def test_reading_ahead_fills_the_store_to_the_brim_but_no_further(client, many_likely, monkeypatch):
    monkeypatch.setattr(result_cards, "READ_AHEAD", 4)
    answer_all(client)
    bank = loading.question_bank()
    monkeypatch.setattr(bank.trial_facts, "size", 24)
    client.get(reverse(RESULTS))  # 10 read, 4 ahead

    client.get(reverse(RESULTS) + "?likely=2")  # 4 kept and 6 read, 4 ahead: 24

    assert len(bank.trial_facts) == 24
    assert "NCT00000021" in bank.trial_facts and "NCT00000001" in bank.trial_facts


def test_each_result_says_how_many_of_the_studys_requirements_we_checked(client):
    make_drafted_trial()
    answer_all(client, sex="female", pregnant="yes")

    response = client.get(reverse(RESULTS))

    _likely, ask_part, _not = groups(response)
    assert "A drafted study" in ask_part
    assert "We checked 3 of the 4 requirements this study lists." in ask_part
    assert "The study lists: “Pregnant”" in ask_part


def test_a_single_requirement_is_counted_in_the_singular(client):
    from screening.drafts import draft_trials

    trial = make_trial(
        "NCT00000112",
        plain_title="A one-line study",
        eligibility_text="Inclusion Criteria:\n\n* Able to swallow tablets\n",
    )
    draft_trials([trial])
    answer_all(client)

    assert "We checked 0 of the 1 requirement this study lists." in text(
        client.get(reverse(RESULTS))
    )


def test_the_nearest_place_abroad_names_its_country_in_the_pages_language(client):
    abroad = make_trial("NCT00000205", conditions=("sle",), plain_title="Seoul study")
    make_site(
        abroad,
        facility="Seoul National University Hospital",
        city="Seoul",
        state="",
        country="Korea, Republic of",
        postal_code="03080",
        latitude=37.58,
        longitude=127.0,
    )
    answer_all(client, postal_code="29425")

    pages = {}
    for language in ("es", "en"):
        with translation.override(language):
            url = reverse(RESULTS)
        pages[language] = text(client.get(url))

    assert (
        "Lugar más cercano: Seoul National University Hospital, Seoul, Corea del Sur, a unas"
        in (pages["es"])
    )
    assert "Korea" not in pages["es"]
    assert "Seoul National University Hospital, Seoul, South Korea" in pages["en"]


def test_with_no_study_ruled_out_there_is_nothing_to_open(client):
    make_trial(conditions=("sle",), plain_title="A study for anyone with lupus")
    answer_all(client)

    body = client.get(reverse(RESULTS)).content.decode()

    not_eligible = body.split('id="not-title"')[1].split('id="given-title"')[0]
    assert not tags(not_eligible, "details")
    assert "0 studies" in text_of(not_eligible)
