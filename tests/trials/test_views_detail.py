"""One trial's page: sections in words, contacts, sites, NIH projects, redirects, 404s."""

import datetime
from html import unescape

import pytest
from django.template import loader
from django.urls import reverse

from tests.builders import make_contact, make_researcher, make_site, make_staff, make_trial
from trials.models import ContactRole, Kind, Phase, Sex, Status

pytestmark = pytest.mark.django_db

RAW_VALUES = ["RECRUITING", "FUNDING_U01", "['", "Nih_funding", "nih_project", "phase_2", "None"]


def page_text(response) -> str:
    return unescape(response.content.decode())


def make_full_trial(**fields):
    defaults = {
        "plain_title": "Stem cells for hard-to-treat lupus",
        "official_title": "A Phase II Trial of Mesenchymal Stromal Cells in Refractory Lupus",
        "plain_summary": "Does a cell treatment help lupus that other medicines did not?",
        "phase": Phase.PHASE_2,
        "primary_purpose": "treatment",
        "sponsor": "MEDICAL UNIVERSITY OF SOUTH CAROLINA",
        "enrollment": 81,
        "status_verified_on": datetime.date(2025, 3, 1),
        "healthy_volunteers": False,
        "sex": Sex.ALL,
        "what_it_studies": "Researchers test cells from donated umbilical cords.",
        "good_fit": "Adults whose lupus stays active on usual medicines.",
        "not_a_fit": "People with mild lupus.",
        "potential_benefit": "A new choice when other medicines fail.",
        "similar_studies": "Small earlier studies looked hopeful.",
        "source_url": "https://clinicaltrials.gov/study/NCT02633163",
        "registry_conditions": ["Systemic Lupus Erythematosus", "Refractory Lupus"],
        "eligibility_text": (
            "Inclusion Criteria:\n\n* Age 18 to 65\n* Active lupus\n\n"
            "Exclusion Criteria:\n\n* Pregnancy\n"
        ),
        "last_reviewed_on": datetime.date(2026, 5, 15),
    }
    defaults.update(fields)
    return make_trial("NCT02633163", **defaults)


def test_trial_page_shows_every_section_in_words(client):
    trial = make_full_trial()
    make_researcher(trial, name="Dr. Gary Gilkeson")

    response = client.get(trial.get_absolute_url())

    text = page_text(response)
    assert response.status_code == 200
    for expected in [
        "Stem cells for hard-to-treat lupus",
        "A Phase II Trial of Mesenchymal Stromal Cells in Refractory Lupus",
        "Does a cell treatment help lupus that other medicines did not?",
        "Quick facts",
        "Recruiting",
        "checked March 2025",
        "Phase 2: checks whether it helps",
        "Treatment study",
        "Ages: 18 years to 75 years",
        "People of any sex",
        "no healthy volunteers",
        "Medical University of South Carolina",
        "About 81 people",
        "NCT02633163 on ClinicalTrials.gov",
        "What this research studies",
        "Researchers test cells from donated umbilical cords.",
        "Who could benefit from this research",
        "Adults whose lupus stays active on usual medicines.",
        "People with mild lupus.",
        "Why it matters",
        "A new choice when other medicines fail.",
        "Small earlier studies looked hopeful.",
        "Dr. Gary Gilkeson",
        "About this research",
        "Conditions",
        "Lupus (SLE)",
        "Systemic Lupus Erythematosus, Refractory Lupus",
        "Last reviewed on 15 May 2026 by the Find a Trial team.",
        "not medical advice",
    ]:
        assert expected in text, expected
    assert 'href="https://clinicaltrials.gov/study/NCT02633163"' in text
    assert f'href="{reverse("screening:check")}?trials=NCT02633163"' in text


def test_trial_page_never_shows_raw_registry_values(client):
    trial = make_full_trial()
    make_site(trial, status=Status.RECRUITING)
    project = make_trial(
        "NIH-11159694",
        kind=Kind.NIH_PROJECT,
        status=Status.FUNDED_PROJECT,
        funding_mechanism="U01",
        sponsor="MEDICAL UNIVERSITY OF SOUTH CAROLINA",
        phase="",
    )
    project.linked_trials.add(trial)

    for url in (trial.get_absolute_url(), project.get_absolute_url()):
        text = page_text(client.get(url))
        for raw in RAW_VALUES:
            assert raw not in text, (url, raw)


def test_editorial_sections_are_left_out_when_empty(client):
    trial = make_trial(
        brief_summary="The registry's own summary of this study.",
        what_it_studies="",
        good_fit="",
        not_a_fit="",
        potential_benefit="",
        similar_studies="",
    )

    text = page_text(client.get(trial.get_absolute_url()))

    assert "What this research studies" in text
    assert "The registry's own summary of this study." in text
    assert "Who could benefit" not in text
    assert "Why it matters" not in text
    assert "Not yet reviewed by the Find a Trial team." in text


def test_the_reviewer_is_named_when_we_know_their_name(client):
    reviewer = make_staff("bob", first_name="Bob", last_name="Rivera")
    trial = make_full_trial(last_reviewed_by=reviewer)

    text = page_text(client.get(trial.get_absolute_url()))

    assert "Last reviewed on 15 May 2026 by Bob Rivera of the Find a Trial team." in text


def test_contacts_can_be_called_and_emailed(client):
    trial = make_full_trial()
    make_contact(trial, name="Jane Coordinator", phone="(843) 792-1991", phone_ext="12")
    site = make_site(trial)
    make_contact(trial, site=site, role=ContactRole.SITE, name="Sam Site", email="sam@musc.edu")

    text = page_text(client.get(trial.get_absolute_url()))

    assert "Jane Coordinator" in text
    assert 'href="tel:+18437921991;ext=12"' in text
    assert "Call (843) 792-1991 extension 12" in text
    assert "a number in" not in text
    assert 'href="mailto:study@example.org"' in text
    assert "Sam Site" in text
    assert 'href="mailto:sam@musc.edu"' in text


def test_sites_are_grouped_by_country_the_patients_first_then_state_with_their_status(client):
    trial = make_full_trial()
    make_site(trial, facility="MUSC", city="Charleston", state="South Carolina")
    make_site(
        trial,
        facility="Texas Lupus Center",
        city="Houston",
        state="Texas",
        status=Status.NOT_YET_RECRUITING,
    )
    make_site(trial, facility="Toronto Western", city="Toronto", state="Ontario", country="Canada")

    text = page_text(client.get(trial.get_absolute_url()))

    where = text[text.index("Where this research is happening") :]
    assert where.index("<h3>United States</h3>") < where.index("<h4>South Carolina</h4>")
    assert where.index("<h4>South Carolina</h4>") < where.index("<h4>Texas</h4>")
    assert where.index("<h4>Texas</h4>") < where.index("<h3>Canada</h3>")
    assert where.index("<h3>Canada</h3>") < where.index("<h4>Ontario</h4>")
    assert where.index("MUSC") < where.index("<h4>Texas</h4>") < where.index("Texas Lupus Center")
    assert "Not yet recruiting" in where
    assert "3 locations" in text


def test_capitals_from_the_registry_are_tidied(client):
    trial = make_full_trial()
    make_site(trial, facility="", city="CHARLESTON", state="", country="UNITED STATES")

    text = page_text(client.get(trial.get_absolute_url()))

    assert "Charleston" in text
    assert "CHARLESTON" not in text
    assert "United States" in text


def test_nih_project_says_plainly_it_is_not_enrolling_and_links_its_trial(client):
    trial = make_full_trial()
    project = make_trial(
        "NIH-11159694",
        nih_appl_id=11159694,
        kind=Kind.NIH_PROJECT,
        status=Status.FUNDED_PROJECT,
        funding_mechanism="U01",
        phase="",
        plain_title="Using stem cells to treat severe lupus",
        source_url="https://reporter.nih.gov/project-details/11159694",
    )
    project.linked_trials.add(trial)

    text = page_text(client.get(project.get_absolute_url()))

    assert "It is not a study that is taking patients." in text
    assert "Funded research, not enrolling patients" in text
    assert "Research project, cooperative agreement (U01)" in text
    assert "NIH-11159694 on NIH RePORTER" in text
    assert "Studies linked to this research" in text
    assert f'href="{trial.get_absolute_url()}"' in text
    assert "Check if this study may fit you" not in text
    assert "Ages:" not in text
    # And the trial links back to the project.
    trial_text = page_text(client.get(trial.get_absolute_url()))
    assert f'href="{project.get_absolute_url()}"' in trial_text


def test_unpublished_linked_trials_are_not_listed(client):
    project = make_trial("NIH-11159694", kind=Kind.NIH_PROJECT, status=Status.FUNDED_PROJECT)
    draft = make_trial(plain_title="A draft study", published=False)
    project.linked_trials.add(draft)

    text = page_text(client.get(project.get_absolute_url()))

    assert "A draft study" not in text


def test_a_closed_study_points_to_open_ones_instead_of_the_check(client):
    trial = make_full_trial(status=Status.COMPLETED)

    text = page_text(client.get(trial.get_absolute_url()))

    assert "This study is not taking new people right now." in text
    assert "Check if this study may fit you" not in text
    assert f'href="{reverse("trials:list")}?condition=sle&open=1"' in text


def test_eligibility_text_is_shown_as_lists(client):
    trial = make_full_trial()

    text = page_text(client.get(trial.get_absolute_url()))

    assert "You may be able to join if" in text
    assert "<li>Age 18 to 65</li>" in text
    assert "You may not be able to join if" in text
    assert "<li>Pregnancy</li>" in text
    assert "Inclusion Criteria:" not in text


def test_lower_case_id_redirects_permanently_to_the_canonical_page(client):
    trial = make_full_trial()

    response = client.get(reverse("trials:detail", args=["nct02633163"]))

    assert response.status_code == 301
    assert response["Location"] == trial.get_absolute_url()


def test_nih_application_id_redirects_to_the_project(client):
    project = make_trial("5U01AI123456-03", nih_appl_id=11159694, kind=Kind.NIH_PROJECT)

    response = client.get(reverse("trials:detail", args=["NIH-11159694"]))
    lower = client.get(reverse("trials:detail", args=["nih-11159694"]))

    assert response.status_code == 301
    assert response["Location"] == reverse("trials:detail", args=["5U01AI123456-03"])
    assert lower.status_code == 301
    assert lower["Location"] == project.get_absolute_url()


def test_a_project_kept_under_its_nih_id_is_served_directly(client):
    make_trial("NIH-11159694", nih_appl_id=11159694, kind=Kind.NIH_PROJECT)

    response = client.get(reverse("trials:detail", args=["NIH-11159694"]))

    assert response.status_code == 200


@pytest.mark.parametrize("registry_id", ["NCT00000000", "NIH-999", "NIH-abc", "not an id"])
def test_unknown_ids_get_our_friendly_404(client, registry_id):
    response = client.get(reverse("trials:detail", args=[registry_id]))

    assert response.status_code == 404
    assert "We can't find that page" in page_text(response)
    assert "Browse all studies" in page_text(response)


def test_unpublished_trials_are_not_found_by_the_public(client):
    trial = make_full_trial(published=False)
    make_trial("5U01AI999999-01", nih_appl_id=42, kind=Kind.NIH_PROJECT, published=False)

    assert client.get(trial.get_absolute_url()).status_code == 404
    assert client.get(reverse("trials:detail", args=["nct02633163"])).status_code == 404
    assert client.get(reverse("trials:detail", args=["NIH-42"])).status_code == 404


def test_staff_can_preview_an_unpublished_trial(client, alice):
    trial = make_full_trial(published=False)
    client.force_login(alice)

    response = client.get(trial.get_absolute_url())

    assert response.status_code == 200
    assert "Staff preview" in page_text(response)


def test_the_500_page_renders_without_a_request_or_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = loader.get_template("500.html").render()

    assert "Sorry, something went wrong on our side" in html
    assert 'href="/"' in html


@pytest.mark.parametrize("count", [1, 15])
def test_trial_page_takes_the_same_queries_for_1_or_15_sites(
    client, django_assert_num_queries, count
):
    trial = make_full_trial()
    for index in range(count):
        site = make_site(trial, facility=f"Hospital {index}", state=f"State {index % 4}")
        make_contact(trial, site=site, role=ContactRole.SITE)
        make_contact(trial)
        make_researcher(trial, name=f"Dr. Number {index}")
        trial.linked_trials.add(make_trial())

    # The page's version; trial, conditions, sites, their contacts, study contacts,
    # researchers, linked trials.
    with django_assert_num_queries(8):
        response = client.get(trial.get_absolute_url())
    assert response.status_code == 200
