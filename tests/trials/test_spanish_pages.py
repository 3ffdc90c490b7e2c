"""Trial pages in Spanish: our own Spanish text where we wrote it; otherwise a notice in Spanish
and the English marked lang="en". Registry text stays as registered, marked English."""

import pytest
from django.urls import reverse

from tests.builders import make_trial
from tests.languages import spanish_get
from tests.pages import tags
from trials.models import PLAIN_SECTIONS, Trial

pytestmark = pytest.mark.django_db

ENGLISH = {
    "plain_title": "A cell treatment for active lupus",
    "plain_summary": "This study tests one shot of cells.",
    "what_it_studies": "The cells come from donated cords.",
    "good_fit": "Adults whose lupus is active.",
    "not_a_fit": "People whose lupus is quiet.",
    "potential_benefit": "It may not help you directly.",
    "similar_studies": "Results so far are mixed.",
}
SPANISH = {
    "plain_title_es": "Un tratamiento con células para el lupus activo",
    "plain_summary_es": "Este estudio prueba una inyección de células.",
    "what_it_studies_es": "Las células vienen de cordones donados.",
    "good_fit_es": "Adultos con lupus activo.",
    "not_a_fit_es": "Personas con lupus tranquilo.",
    "potential_benefit_es": "Puede que no le ayude directamente.",
    "similar_studies_es": "Hasta ahora los resultados son mixtos.",
}
NOTICE_ID = "no-spanish-text"


def detail(client, trial: Trial) -> str:
    return spanish_get(client, "trials:detail", trial.registry_id).content.decode()


def test_a_trial_with_spanish_text_shows_it_on_the_spanish_page(client):
    trial = make_trial(**ENGLISH, **SPANISH)

    html = detail(client, trial)

    for text in SPANISH.values():
        assert text in html
    for field in ("what_it_studies", "good_fit", "potential_benefit"):
        assert ENGLISH[field] not in html
    assert f'id="{NOTICE_ID}"' not in html
    assert not tags(html, "h1", id="trial-title")[0].get("lang")


def test_a_trial_without_spanish_says_so_and_shows_the_english_marked(client):
    trial = make_trial(**ENGLISH)

    html = detail(client, trial)

    assert tags(html, "p", id=NOTICE_ID)
    assert tags(html, "h1", id="trial-title")[0]["lang"] == "en"
    assert tags(html, "p", **{"class": "lead"})[0]["lang"] == "en"
    for field in ("what_it_studies", "good_fit", "not_a_fit", "potential_benefit"):
        assert f'<div lang="en"><p>{ENGLISH[field]}</p></div>' in html


def test_the_english_page_shows_no_notice_and_marks_nothing(client):
    trial = make_trial(**ENGLISH, **SPANISH)

    html = client.get(trial.get_absolute_url()).content.decode()

    assert ENGLISH["good_fit"] in html
    assert SPANISH["good_fit_es"] not in html
    assert f'id="{NOTICE_ID}"' not in html
    assert f"<div><p>{ENGLISH['good_fit']}</p></div>" in html


def test_a_registry_title_on_a_spanish_page_is_marked_english(client):
    trial = make_trial(brief_title="Belimumab in Lupus Nephritis")

    html = detail(client, trial)

    assert tags(html, "h1", id="trial-title")[0]["lang"] == "en"


def test_registry_eligibility_on_a_spanish_page_is_marked_and_said_to_be_english(client):
    text = "Inclusion Criteria:\n* Aged 18 to 75.\n\nExclusion Criteria:\n* Pregnancy."
    trial = make_trial(eligibility_text=text)

    html = detail(client, trial)
    english_html = client.get(trial.get_absolute_url()).content.decode()

    assert all(block["lang"] == "en" for block in tags(html, "div", **{"class": "registry-text"}))
    assert "It is the registry's text, in English." in html or "inglés" in html
    assert "It is the registry's text, in English." not in english_html


def test_the_handout_in_spanish_uses_the_spanish_or_says_it_has_none(client):
    written = make_trial(**ENGLISH, **SPANISH)
    unwritten = make_trial(**ENGLISH)

    html = spanish_get(client, "trials:handout", written.registry_id).content.decode()
    bare = spanish_get(client, "trials:handout", unwritten.registry_id).content.decode()

    assert SPANISH["good_fit_es"] in html and SPANISH["plain_title_es"] in html
    assert tags(bare, "h1", id="handout-title")[0]["lang"] == "en"
    assert f'<p lang="en">{ENGLISH["good_fit"]}</p>' in bare


def test_cards_in_the_list_take_the_spanish_title_and_condition_names(client):
    make_trial(**ENGLISH, **SPANISH, conditions=("lupus-nephritis",))

    html = spanish_get(client, "trials:list").content.decode()

    assert SPANISH["plain_title_es"] in html
    assert "Lupus que afecta los riñones" in html


def test_staff_edits_of_the_spanish_show_on_the_spanish_page_at_once(client, alice):
    trial = make_trial(**ENGLISH)
    assert tags(detail(client, trial), "p", id=NOTICE_ID)  # and now kept in the page cache
    client.force_login(alice)
    url = reverse("admin:trials_trial_change", args=[trial.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in {"conditions", "linked_trials", "last_reviewed_by"}
    }
    data.update(SPANISH)
    data["conditions"] = [condition.pk for condition in trial.conditions.all()]
    for inline in ("sites", "contacts", "researchers", "criteria"):
        data.update({f"{inline}-TOTAL_FORMS": "0", f"{inline}-INITIAL_FORMS": "0"})

    response = client.post(url, data)
    client.logout()

    assert response.status_code == 302, response.context["adminform"].form.errors
    html = detail(client, trial)
    assert SPANISH["good_fit_es"] in html
    assert f'id="{NOTICE_ID}"' not in html


def test_the_admin_shows_each_section_beside_its_spanish_and_filters_by_it(client, alice):
    complete = make_trial(**ENGLISH, **SPANISH)
    partial = make_trial(**ENGLISH, good_fit_es="Adultos con lupus activo.")
    none = make_trial(**ENGLISH)
    client.force_login(alice)

    form = client.get(reverse("admin:trials_trial_change", args=[none.pk])).content.decode()
    listed = client.get(reverse("admin:trials_trial_changelist")).content.decode()

    for field in PLAIN_SECTIONS:
        # Django's admin puts fields of one line in one "fieldBox" row.
        row = form.split(f'name="{field}"')[1].split('class="form-row')[0]
        assert f'name="{field}_es"' in row, field
    assert "6 of 7 missing" in listed
    for value, trial in (("complete", complete), ("some", partial), ("none", none)):
        page = client.get(reverse("admin:trials_trial_changelist"), {"spanish": value})
        shown = {row.registry_id for row in page.context["cl"].result_list}
        assert shown == {trial.registry_id}, value
