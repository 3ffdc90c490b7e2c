"""Result cards kept by what they show (screening.result_cards): a card seen before is reused,
and never one made for other answers, another ZIP code, another language or older data."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from screening import loading
from screening.result_cards import KeptCards
from screening.scope import Scope
from screening.trialset import frozen_answers
from tests.builders import make_contact, make_criterion, make_site, make_trial
from tests.screening.steps import HTMX, answer, walk
from trials.models import Contact, Status

pytestmark = pytest.mark.django_db

RESULTS = "screening:results"
CHARLESTON = {"latitude": 32.7862, "longitude": -79.9471}
NEW_YORK = {"latitude": 40.7484, "longitude": -73.9967}


@pytest.fixture(autouse=True)
def fresh_cache():
    loading.clear_cache()
    yield
    loading.clear_cache()


def cards_of(response) -> list[str]:
    """Each result card's HTML, in page order."""
    return re.findall(
        r'<li class="result-card.*?</li>\s*(?=<li class="result-card|</ol>)',
        response.content.decode(),
        re.S,
    )


def patient(**answers) -> Client:
    client = Client()
    walk(client, {"age": "34", "conditions": ["sle"], **answers})
    return client


def test_a_results_page_seen_again_reuses_its_cards_and_asks_only_the_data_version(
    django_assert_num_queries,
):
    for _number in range(3):
        trial = make_trial(conditions=("sle",), sites=2)
        make_site(trial, **CHARLESTON)
        make_contact(trial)
    client = patient(postal_code="29425")
    first = client.get(reverse(RESULTS))

    with django_assert_num_queries(1):  # the data version: no trial, site or contact read
        again = client.get(reverse(RESULTS))

    assert len(cards_of(first)) == 3
    assert cards_of(again) == cards_of(first)


def test_a_new_patient_gets_cards_for_their_own_answers_and_zip_code(
    django_assert_num_queries,
):
    for title, min_age in (("For people over 50", 50), ("For adults", 18)):
        trial = make_trial(conditions=("sle",), min_age_value=min_age, plain_title=title)
        make_site(trial, **CHARLESTON)
        make_site(trial, facility="NYU Langone", city="New York", state="New York", **NEW_YORK)
    in_charleston = patient(postal_code="29425")
    in_charleston.get(reverse(RESULTS))
    in_new_york = patient(age="55", postal_code="10001")

    # The version only: the first page read the other study's facts ahead with its own.
    with django_assert_num_queries(1):
        page = in_new_york.get(reverse(RESULTS)).content.decode()

    charleston_page = in_charleston.get(reverse(RESULTS) + "?not=1").content.decode()
    older_in_charleston = patient(age="55", postal_code="29425")
    older_page = older_in_charleston.get(reverse(RESULTS) + "?not=1").content.decode()
    assert "Your age fits this study (50 years" in older_page  # A's card said it does not
    assert "You said you are 34" not in older_page
    assert "You said you are 34" in charleston_page
    assert "Nearest place: Medical University of South Carolina" in charleston_page
    assert "You said you are 34" not in page
    assert "Nearest place: NYU Langone" in page
    assert "?near=10001" in page and "?near=29425" not in page


def test_an_editors_change_shows_on_the_next_results_page():
    trial = make_trial(conditions=("sle",), plain_title="The old title")
    client = patient()
    assert "The old title" in client.get(reverse(RESULTS)).content.decode()

    trial.plain_title = "The new title"
    trial.save()
    page = client.get(reverse(RESULTS)).content.decode()

    assert "The new title" in page and "The old title" not in page


def test_a_contact_changed_on_its_own_shows_on_the_next_results_page():
    trial = make_trial(conditions=("sle",))
    old = make_contact(trial, phone="(843) 555-0100")
    client = patient()
    assert "555-0100" in client.get(reverse(RESULTS)).content.decode()

    Contact.objects.filter(pk=old.pk).delete()  # through a query, as an import does
    make_contact(trial, phone="(843) 555-0199")  # saved on its own, the trial left alone
    page = client.get(reverse(RESULTS)).content.decode()

    assert "555-0199" in page and "555-0100" not in page


def test_a_study_that_closes_leaves_the_kept_cards():
    trial = make_trial(conditions=("sle",), plain_title="Soon closed")
    client = patient()
    assert "Soon closed" in client.get(reverse(RESULTS)).content.decode()

    trial.status = Status.COMPLETED
    trial.save()

    assert "Soon closed" not in client.get(reverse(RESULTS)).content.decode()


def test_the_same_answers_in_spanish_get_spanish_cards():
    trial = make_trial(conditions=("sle",))
    make_site(trial, facility="Prisma Health", city="Columbia", latitude=34.0, longitude=-81.03)
    make_contact(trial)
    client = patient(postal_code="29425")
    english = client.get(reverse(RESULTS)).content.decode()
    spanish = client.get("/es" + reverse(RESULTS)).content.decode()

    assert "Why it may fit" in english and "Nearest place: Prisma Health" in english
    assert "Why it may fit" not in spanish and "Nearest place" not in spanish
    assert "Por qué podría participar" in spanish
    assert re.search(r"Lugar más cercano: Prisma Health, Columbia, .*, a unas \d+ millas", spanish)
    assert "Comuníquese con el equipo del estudio" in spanish


def test_a_card_that_took_the_focus_for_show_more_does_not_take_it_on_a_full_page():
    for number in range(12):
        make_trial(conditions=("sle",), plain_title=f"Study {number:02d}")
    client = patient()
    more = client.get(reverse(RESULTS) + "?likely=2", HTTP_HX_TARGET="likely-list", **HTMX)
    full = client.get(reverse(RESULTS) + "?likely=2")

    assert more.content.decode().count("autofocus") == 1
    assert all("autofocus" not in card for card in cards_of(full))


def test_cards_quote_answers_so_they_never_reach_the_shared_cache():
    make_trial(conditions=("sle",), min_age_value=50)
    client = patient()
    assert "You said you are 34" in client.get(reverse(RESULTS) + "?not=1").content.decode()

    shared = [cache.get(key) for key in getattr(cache, "_cache", {})]
    assert not any("You said you are 34" in str(value) for value in shared)


def test_kept_cards_drop_the_least_recently_used_first():
    kept = KeptCards(size=2)
    kept.put("a", "A")
    kept.put("b", "B")
    assert kept.get("a") == "A"  # "a" is now the most recent
    kept.put("c", "C")

    assert kept.get("b") is None
    assert (kept.get("a"), kept.get("c"), len(kept)) == ("A", "C", 2)


def test_criteria_read_only_the_answers_they_need():
    trial = make_trial(conditions=("sle",))
    make_criterion(trial, "egfr", "gte", 30)
    screened = loading.cached_screened(Scope(), loading.condition_tree())
    position = screened.position_of[trial.registry_id]

    def read(answers):
        return screened.answers_read(position, frozen_answers(answers))

    one = read({"age": 34, "egfr": 60, "weight": 70})
    other = read({"age": 34, "egfr": 60, "weight": 95})
    lower = read({"age": 34, "egfr": 20, "weight": 70})

    assert one == other  # weight is not among what it reads
    assert one != lower


def test_your_answers_and_verdicts_follow_a_changed_answer():
    make_trial(conditions=("sle",), min_age_value=40)
    client = patient()
    first = client.get(reverse(RESULTS)).content.decode()
    assert "34 years" in first and "Not eligible: 1" in first

    answer(client, "age", "41", edit="1")
    page = client.get(reverse(RESULTS)).content.decode()

    given = page.split('id="given-title"')[1]
    assert "41 years" in given and "34 years" not in given
    assert "Not eligible: 0" in page  # judged again, not the kept verdicts


def test_kept_verdicts_are_few_as_each_holds_its_zip_codes_distances():
    from django.utils import timezone

    from screening.results import judge
    from screening.state import FlowState

    make_trial(conditions=("sle",))
    bank = loading.question_bank()
    for age in range(20, 80):
        answers = {"age": age, "conditions": ["sle"], "postal_code": "29425"}
        judge(FlowState(answers=answers, history=tuple(answers)), bank, today=timezone.localdate())

    assert len(bank.judged) == loading.MOST_ORIGINS
    assert len(bank.cards) == 0  # the cards' room is left to cards


def test_a_card_shows_the_nearest_open_site_and_the_studys_own_contacts_first():
    trial = make_trial(conditions=("sle",))
    make_site(trial, facility="NYU Langone", city="New York", state="New York", **NEW_YORK)
    make_site(trial, facility="Closed clinic", status=Status.COMPLETED, **CHARLESTON)
    make_site(trial, **CHARLESTON)
    at_site = make_site(trial, facility="Roper Hospital", **CHARLESTON)
    make_contact(trial, name="Site person", phone="(843) 555-0111", site=at_site)
    make_contact(trial, name="Study desk", phone="(843) 555-0122")
    make_contact(trial, name="No way to reach", phone="", email="")

    (card,) = cards_of(patient(postal_code="29425").get(reverse(RESULTS)))

    assert "Nearest place: Medical University of South Carolina" in card  # the first of equals
    assert "less than 1 mile away" in card
    assert "Study desk" in card and "555-0122" in card
    assert "Site person" not in card and "No way to reach" not in card


def test_without_the_studys_own_contacts_the_nearest_sites_are_shown():
    trial = make_trial(conditions=("sle",))
    far = make_site(trial, facility="NYU Langone", city="New York", state="New York", **NEW_YORK)
    near = make_site(trial, **CHARLESTON)
    make_contact(trial, name="Far person", phone="(212) 555-0100", site=far)
    make_contact(trial, name="Near person", phone="(843) 555-0100", site=near)

    (in_charleston,) = cards_of(patient(postal_code="29425").get(reverse(RESULTS)))
    (in_new_york,) = cards_of(patient(postal_code="10001").get(reverse(RESULTS)))
    (nowhere,) = cards_of(patient().get(reverse(RESULTS)))

    assert "Near person" in in_charleston and "Far person" not in in_charleston
    assert "Far person" in in_new_york and "Near person" not in in_new_york
    assert "Far person" in nowhere and "Near person" in nowhere  # no ZIP code: any two
    assert "Nearest place" not in nowhere


def test_a_card_names_a_study_run_only_abroad_and_its_distance_in_whole_miles():
    abroad = make_trial(conditions=("sle",), plain_title="Only in Paris")
    make_site(abroad, facility="Hôpital", city="Paris", state="", country="France")
    near = make_trial(conditions=("sle",), plain_title="Near Columbia")
    make_site(
        near,
        facility="Prisma Health",
        city="Columbia",
        state="South Carolina",
        latitude=34.0007,
        longitude=-81.0348,
    )

    page = patient(postal_code="29425").get(reverse(RESULTS))
    by_title = {
        ("Paris" if "Only in Paris" in card else "Columbia"): card for card in cards_of(page)
    }

    assert "All of this study's places are outside the United States." in by_title["Paris"]
    assert "Nearest place" not in by_title["Paris"]  # no coordinates, no distance
    where = re.search(
        r"Nearest place: Prisma Health, Columbia, South Carolina, about (\d+) miles away",
        by_title["Columbia"],
    )
    assert where and 80 <= int(where.group(1)) <= 110
    assert "outside the United States" not in by_title["Columbia"]


def test_each_card_counts_its_own_miles_in_the_singular_or_the_plural():
    # The cards' words are looked up once per language, each plural by its own number.
    for title, latitude in (
        ("About a mile", 32.8012),
        ("Ten miles", 32.9309),
        ("Next door", 32.7862),
    ):
        make_site(
            make_trial(conditions=("sle",), plain_title=title),
            latitude=latitude,
            longitude=-79.9471,
        )

    page = patient(postal_code="29425").get(reverse(RESULTS))
    by_title = {
        title: card
        for card in cards_of(page)
        for title in ("About a mile", "Ten miles", "Next door")
        if title in card
    }

    assert "about 1 mile away" in by_title["About a mile"]
    assert "about 10 miles away" in by_title["Ten miles"]
    assert "less than 1 mile away" in by_title["Next door"]


def test_a_new_patient_asks_nothing_for_studies_whose_cards_were_made_before(
    django_assert_num_queries,
):
    for _number in range(3):
        trial = make_trial(conditions=("sle",))
        make_site(trial, **CHARLESTON)
        make_contact(trial)
    patient(postal_code="29425").get(reverse(RESULTS))
    someone_else = patient(age="61", postal_code="10001")

    with django_assert_num_queries(1):  # the data version: the trials' facts are kept
        page = someone_else.get(reverse(RESULTS))

    assert len(cards_of(page)) == 3
    assert all("?near=10001" in card and "Nearest place" in card for card in cards_of(page))


def test_on_a_spanish_page_a_card_marks_a_title_written_only_in_english():
    make_trial(conditions=("sle",), plain_title="Only in English")
    make_trial(conditions=("sle",), plain_title="In both", plain_title_es="En los dos")
    client = patient()

    english = cards_of(client.get(reverse(RESULTS)))
    spanish = cards_of(client.get("/es" + reverse(RESULTS)))

    assert any(
        re.search(r'<a href="/es/trials/[^"]+" lang="en">Only in English</a>', card)
        for card in spanish
    )
    assert any(re.search(r'<a href="/es/trials/[^"]+">En los dos</a>', card) for card in spanish)
    assert not any('lang="en"' in card for card in english)
    assert any("In both" in card for card in english)
