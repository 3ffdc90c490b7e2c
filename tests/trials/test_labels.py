"""Registry facts in words: ages, NIH activity codes, study purposes, names in capitals."""

import json
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.builders import make_trial
from trials.importers.records import map_purpose
from trials.labels import age_in_words, age_range_in_words, funding_in_words
from trials.models import Kind, Purpose, Status
from trials.names import tidy_capitals


@pytest.mark.parametrize(
    ("low", "high", "words"),
    [
        ((18, "years"), (75, "years"), "18 years to 75 years"),
        ((0, "years"), None, "any age"),
        ((0, "days"), (17, "years"), "up to 17 years"),
        ((1, "years"), None, "1 year or older"),
        ((6, "months"), (1, "years"), "6 months to 1 year"),
        (None, (1, "weeks"), "up to 1 week"),
        (None, None, "any age"),
    ],
)
def test_ages_have_their_plural_and_zero_forms(low, high, words):
    assert age_range_in_words(low, high) == words


def test_one_of_each_unit_is_singular():
    assert [age_in_words(1, unit) for unit in ("years", "months", "weeks", "days")] == [
        "1 year",
        "1 month",
        "1 week",
        "1 day",
    ]


def test_nih_activity_codes_are_explained_from_the_data_file():
    assert funding_in_words("U01") == "Research project, cooperative agreement (U01)"
    assert funding_in_words("R13") == "Grant for a scientific conference (R13)"
    assert funding_in_words("F32").endswith("(F32)")
    assert funding_in_words("Z99") == "NIH funding code Z99"
    assert funding_in_words("") == ""


def test_nih_activity_codes_read_spanish_on_spanish_pages():
    with translation.override("es"):
        assert funding_in_words("U01") == "Proyecto de investigación, acuerdo de cooperación (U01)"
        assert funding_in_words("r13") == "Fondos para una conferencia científica (r13)"
    with translation.override("en"):
        assert funding_in_words("U01") == "Research project, cooperative agreement (U01)"


def test_every_nih_activity_code_has_a_spanish_label():
    data = Path(settings.BASE_DIR) / "trials" / "data" / "nih_activity_codes.json"
    codes = json.loads(data.read_text(encoding="utf-8"))

    assert set(codes["es"]) == set(codes["en"])
    for code, english in codes["en"].items():
        spanish = codes["es"][code]
        assert spanish and spanish.strip() == spanish and spanish != english, code
        # Plain nouns, no "usted" forms and no English left behind.
        assert not {"usted", "grant", "award", "research"} & set(spanish.casefold().split()), code


def test_an_unknown_nih_code_is_said_in_the_pages_language():
    with translation.override("es"):
        assert funding_in_words("Z99") == "Código de financiamiento de los NIH Z99"


@pytest.mark.django_db
def test_an_nih_projects_page_names_its_funding_in_the_pages_language(client):
    project = make_trial(
        "NIH-11159694",
        kind=Kind.NIH_PROJECT,
        status=Status.FUNDED_PROJECT,
        funding_mechanism="U01",
        phase="",
    )

    pages = {}
    for language in ("es", "en"):
        with translation.override(language):
            url = reverse("trials:detail", args=[project.registry_id])
        pages[language] = unescape(client.get(url).content.decode())

    assert "Proyecto de investigación, acuerdo de cooperación (U01)" in pages["es"]
    assert "cooperative agreement" not in pages["es"]
    assert "Research project, cooperative agreement (U01)" in pages["en"]


@pytest.mark.parametrize(
    ("registered", "purpose"),
    [
        ("TREATMENT", Purpose.TREATMENT),
        ("SUPPORTIVE_CARE", Purpose.SUPPORTIVE_CARE),
        ("Supportive Care", Purpose.SUPPORTIVE_CARE),
        ("Basic Science", Purpose.BASIC_SCIENCE),
        ("Educational/Counseling/Training", Purpose.EDUCATIONAL),
        ("HEALTH_SERVICES_RESEARCH", Purpose.HEALTH_SERVICES_RESEARCH),
        ("", ""),
    ],
)
def test_primary_purpose_in_each_spelling_of_the_registry(registered, purpose):
    assert map_purpose(registered, []) == purpose


def test_an_unknown_purpose_is_left_blank_with_a_warning():
    warnings: list[str] = []
    assert map_purpose("SOMETHING_NEW", warnings) == ""
    assert warnings == ["unknown primary purpose 'SOMETHING_NEW', left blank"]


@pytest.mark.parametrize(
    ("registered", "shown"),
    [
        ("MEDICAL UNIVERSITY OF SOUTH CAROLINA", "Medical University of South Carolina"),
        ("APHP", "AP-HP"),
        ("1-844-599-2273 (UCB)", "1-844-599-2273 (UCB)"),
        ("HOPITAL SAINT-LOUIS, APHP", "Hopital Saint-Louis, AP-HP"),
        ("Matthieu RESCHE-RIGON", "Matthieu RESCHE-RIGON"),  # mixed case: as written
    ],
)
def test_names_in_capitals_are_tidied_with_their_own_spellings(registered, shown):
    assert tidy_capitals(registered) == shown


@pytest.mark.django_db
def test_a_prevention_study_is_not_called_a_treatment_study(client):
    trial = make_trial(primary_purpose=Purpose.PREVENTION, min_age_value=0, max_age_value=None)

    body = client.get(trial.get_absolute_url()).content.decode()

    assert "Prevention study" in body
    assert "Treatment study" not in body
    assert "Any age" in body
    assert "0 years" not in body
