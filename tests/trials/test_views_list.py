"""The home page and the trial list: filters, htmx fragments, pagination, query counts."""

from html import unescape

import pytest
from django.urls import reverse

from tests.builders import make_site, make_trial
from tests.pages import meta, tags
from trials.models import Kind, Phase, Status

pytestmark = pytest.mark.django_db


# Home


def test_home_offers_the_questionnaire_and_conditions(client):
    response = client.get(reverse("trials:home"))

    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="{reverse("screening:check")}"' in html
    assert "Check which studies may fit you" in html
    assert f'href="{reverse("trials:list")}?condition=lupus-nephritis"' in html
    assert "Lupus affecting the kidneys" in html
    assert '<html lang="en' in html
    assert "not medical advice" in html


def test_home_has_a_link_preview_with_title_description_image_and_address(client):
    html = client.get(reverse("trials:home")).content.decode()

    found = meta(html)
    assert found["og:title"] == "Research studies for lupus and autoimmune diseases"
    assert found["og:description"].startswith("Research studies for lupus and other")
    assert found["og:url"] == "http://testserver/"
    assert found["og:image"] == "http://testserver/static/img/card.png"
    assert found["og:type"] == "website"


def test_home_counts_open_published_studies_including_sub_conditions(client):
    make_trial(conditions=("sle",))
    make_trial(conditions=("lupus-nephritis",))
    make_trial(conditions=("sle", "lupus-nephritis"))
    make_trial(conditions=("sle",), status=Status.COMPLETED)
    make_trial(conditions=("sle",), published=False)
    make_trial(conditions=("sle",), kind=Kind.NIH_PROJECT, status=Status.FUNDED_PROJECT)

    response = client.get(reverse("trials:home"))

    conditions = {c.slug: c.open_count for c in response.context["conditions"]}
    assert conditions["sle"] == 3
    assert conditions["lupus-nephritis"] == 2
    assert conditions["myositis"] == 0
    assert "3 open studies" in response.content.decode()


def test_home_takes_the_same_queries_for_few_or_many_trials(client, django_assert_num_queries):
    for _ in range(15):
        make_trial(conditions=("sle", "lupus-nephritis"))

    # The catalogue's version, the conditions, and their counts in one GROUP BY pass.
    with django_assert_num_queries(3):
        client.get(reverse("trials:home"))


# The list


def test_list_shows_published_trials_as_cards_with_words(client):
    trial = make_trial(
        plain_title="Stem cells for hard-to-treat lupus",
        phase=Phase.PHASE_2,
        conditions=("sle", "lupus-nephritis"),
    )
    make_site(trial, city="Charleston", state="South Carolina")
    make_site(trial, city="Boston", state="Massachusetts")
    make_trial(plain_title="A hidden draft", published=False)

    response = client.get(reverse("trials:list"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html
    assert "Stem cells for hard-to-treat lupus" in html
    assert "A hidden draft" not in html
    assert f'href="{trial.get_absolute_url()}"' in html
    assert "Recruiting" in html
    assert "Lupus (SLE), Lupus affecting the kidneys" in html
    assert "Phase 2" in html
    assert "18 years to 75 years" in html
    assert "2 locations" in html
    assert "Boston, Massachusetts; Charleston, South Carolina" in html
    assert "1 study found" in html
    assert "recruiting" not in html.replace("Recruiting", "")


def test_list_as_htmx_fragment_is_only_the_results(client):
    make_trial(plain_title="Lupus and the heart")

    response = client.get(reverse("trials:list"), HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "<form" not in html
    assert "Lupus and the heart" in html
    # The count is swapped out of band into the polite live region.
    assert tags(html, "p", id="results-count", data_hx_swap_oob="innerHTML")
    assert "1 study found" in html
    assert "HX-Request" in response["Vary"]


def test_htmx_pushes_a_tidy_shareable_address(client):
    for _ in range(21):
        make_trial(conditions=("sle",))

    response = client.get(
        reverse("trials:list"),
        {"condition": "sle", "open": "", "country": "", "phase": "nonsense", "page": "2"},
        HTTP_HX_REQUEST="true",
    )
    unfiltered = client.get(reverse("trials:list"), {"country": ""}, HTTP_HX_REQUEST="true")

    assert response["HX-Push-Url"] == f"{reverse('trials:list')}?condition=sle&page=2"
    assert unfiltered["HX-Push-Url"] == reverse("trials:list")


def test_a_history_restore_gets_the_whole_page(client):
    response = client.get(
        reverse("trials:list"),
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )

    assert "<html" in response.content.decode()


def test_the_filter_form_works_without_and_with_htmx(client):
    html = client.get(reverse("trials:list")).content.decode()

    assert tags(
        html,
        "form",
        method="get",
        action=reverse("trials:list"),
        data_hx_get=reverse("trials:list"),
        data_hx_push_url="true",
        data_hx_target="#results",
    )
    assert tags(html, "p", id="results-count", role="status")


def test_condition_filter_includes_sub_conditions(client):
    make_trial(plain_title="General lupus study", conditions=("sle",))
    make_trial(plain_title="Kidney lupus study", conditions=("lupus-nephritis",))
    make_trial(plain_title="Skin lupus study", conditions=("cutaneous-lupus",))
    make_trial(plain_title="Arthritis study", conditions=("rheumatoid-arthritis",))

    html = client.get(reverse("trials:list"), {"condition": "sle"}).content.decode()

    assert "General lupus study" in html
    assert "Kidney lupus study" in html
    assert "Skin lupus study" in html
    assert "Arthritis study" not in html
    assert "3 studies found" in html


def test_a_trial_with_a_condition_and_its_child_is_listed_once(client):
    make_trial(plain_title="Both kinds of lupus", conditions=("sle", "lupus-nephritis"))

    html = client.get(reverse("trials:list"), {"condition": "sle"}).content.decode()

    assert html.count("Both kinds of lupus") == 1
    assert "1 study found" in html


def test_child_condition_filter_does_not_include_its_parent(client):
    make_trial(plain_title="General lupus study", conditions=("sle",))
    make_trial(plain_title="Kidney lupus study", conditions=("lupus-nephritis",))

    html = client.get(reverse("trials:list"), {"condition": "lupus-nephritis"}).content.decode()

    assert "Kidney lupus study" in html
    assert "General lupus study" not in html


def test_open_filter_keeps_studies_taking_new_people(client):
    make_trial(plain_title="Recruiting study", status=Status.RECRUITING)
    make_trial(plain_title="Soon study", status=Status.NOT_YET_RECRUITING)
    make_trial(plain_title="Finished study", status=Status.COMPLETED)
    make_trial(plain_title="Funded lab project", kind=Kind.NIH_PROJECT, status=Status.RECRUITING)

    html = client.get(reverse("trials:list"), {"open": "1"}).content.decode()

    assert "Recruiting study" in html
    assert "Soon study" in html
    assert "Finished study" not in html
    assert "Funded lab project" not in html


def test_open_studies_come_first(client):
    make_trial(plain_title="Finished study", status=Status.COMPLETED)
    make_trial(plain_title="Recruiting study", status=Status.RECRUITING)

    html = client.get(reverse("trials:list")).content.decode()

    assert html.index("Recruiting study") < html.index("Finished study")


def test_country_and_state_filters_use_sites(client):
    in_carolina = make_trial(plain_title="Carolina study")
    make_site(in_carolina, state="South Carolina")
    in_texas = make_trial(plain_title="Texas study")
    make_site(in_texas, state="Texas", city="Houston")
    in_canada = make_trial(plain_title="Toronto study")
    make_site(in_canada, country="Canada", state="Ontario", city="Toronto")

    by_country = client.get(reverse("trials:list"), {"country": "united states"})
    by_state = client.get(reverse("trials:list"), {"country": "", "state": "Texas"})

    html = by_country.content.decode()
    assert "Carolina study" in html and "Texas study" in html
    assert "Toronto study" not in html
    assert by_country.context["filters"].country == "United States"
    html = by_state.content.decode()
    assert "Texas study" in html
    assert "Carolina study" not in html and "Toronto study" not in html


def test_states_are_offered_grouped_by_country(client):
    make_site(make_trial(), country="Canada", state="Ontario", city="Toronto")
    make_site(make_trial(), state="Texas", city="Houston")

    html = client.get(reverse("trials:list")).content.decode()

    assert '<optgroup label="Canada">' in html
    assert '<option value="CA-ON">Ontario</option>' in html
    assert '<option value="US-TX">Texas</option>' in html


def test_the_state_filter_has_one_entry_per_place_however_it_is_spelt(client):
    make_site(make_trial(plain_title="Accented"), country="Brazil", state="São Paulo", city="X")
    make_site(make_trial(plain_title="Plain"), country="Brazil", state="Sao Paulo", city="Y")
    make_site(make_trial(plain_title="Coded"), state="SC", city="Charleston")
    make_site(make_trial(plain_title="Named"), state="South Carolina", city="Columbia")

    html = client.get(reverse("trials:list")).content.decode()

    assert html.count('<option value="BR-SP">') == 1
    assert html.count('<option value="US-SC">South Carolina</option>') == 1
    for value in ("BR-SP", "Sao Paulo", "são paulo"):
        found = client.get(reverse("trials:list"), {"state": value}).content.decode()
        assert "Accented" in found and "Plain" in found and "Named" not in found
    found = client.get(reverse("trials:list"), {"state": "US-SC"}).content.decode()
    assert "Coded" in found and "Named" in found and "Plain" not in found


def test_a_state_name_used_in_two_countries_is_qualified_and_asks_for_a_country(client):
    make_site(make_trial(plain_title="Aussie"), country="Australia", state="Victoria", city="A")
    make_site(make_trial(plain_title="Island study"), country="Seychelles", state="Victoria")

    html = client.get(reverse("trials:list")).content.decode()
    assert "Victoria (Australia)" in html

    response = client.get(reverse("trials:list"), {"state": "Victoria"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "is a place in more than one country" in text
    found = client.get(reverse("trials:list"), {"state": "Victoria", "country": "Australia"})
    assert "Aussie" in found.content.decode() and "Island study" not in found.content.decode()


def test_phase_filter(client):
    make_trial(plain_title="Early study", phase=Phase.PHASE_1)
    make_trial(plain_title="Big study", phase=Phase.PHASE_3)

    html = client.get(reverse("trials:list"), {"phase": "phase_3"}).content.decode()

    assert "Big study" in html
    assert "Early study" not in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"condition": "not-a-disease"}, "We don't know the condition “not-a-disease”"),
        ({"open": "perhaps"}, "We didn't understand “perhaps”"),
        ({"country": "Atlantis"}, "We have no study sites in “Atlantis”"),
        ({"state": "Narnia"}, "We have no study sites in “Narnia”"),
        ({"phase": "phase_9"}, "We don't know the phase “phase_9”"),
    ],
)
def test_unknown_filter_values_are_ignored_with_a_gentle_message(client, params, message):
    make_trial(plain_title="Any study")

    response = client.get(reverse("trials:list"), params)

    html = response.content.decode()
    assert response.status_code == 200
    assert message in unescape(html)
    assert "Any study" in html


def test_unknown_filter_values_are_shown_escaped(client):
    response = client.get(reverse("trials:list"), {"condition": "<script>alert(1)</script>"})

    html = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html


def test_bad_page_numbers_still_show_a_page(client):
    make_trial(plain_title="Any study")

    for page in ("abc", "999", "-1"):
        response = client.get(reverse("trials:list"), {"page": page})
        assert response.status_code == 200
        assert "Any study" in response.content.decode()


def test_pagination_has_real_links_that_keep_the_filters(client):
    for _ in range(25):
        make_trial(conditions=("sle",))

    first = client.get(reverse("trials:list"), {"condition": "sle"})
    second = client.get(reverse("trials:list"), {"condition": "sle", "page": "2"})

    html = first.content.decode()
    assert "25 studies found" in html
    assert len(first.context["page"].object_list) == 20
    assert f'href="{reverse("trials:list")}?condition=sle&amp;page=2"' in html
    assert "Page 1 of 2" in html
    assert len(second.context["page"].object_list) == 5
    assert f'href="{reverse("trials:list")}?condition=sle&amp;page=1"' in second.content.decode()


def test_empty_results_say_so_kindly(client):
    html = client.get(reverse("trials:list"), {"phase": "phase_4"}).content.decode()

    assert "No studies match all of these choices." in html
    assert "0 studies found" in html


@pytest.mark.parametrize("count", [1, 15])
def test_list_takes_the_same_queries_for_1_or_15_trials(client, django_assert_num_queries, count):
    for _ in range(count):
        trial = make_trial(conditions=("sle", "lupus-nephritis"))
        make_site(trial)
        make_site(trial, city="Boston", state="Massachusetts")

    # Version, conditions, places, the matching ids in order, the page's trials, their
    # conditions, their sites.
    with django_assert_num_queries(7):
        response = client.get(reverse("trials:list"), {"condition": "sle", "open": "1"})
    assert response.status_code == 200

    # Another filter: the filter choices are kept, the order of its trials is not yet.
    with django_assert_num_queries(5):
        client.get(reverse("trials:list"), HTTP_HX_REQUEST="true")
