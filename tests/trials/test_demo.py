"""The demo content `make run` loads: what it holds, how it reads, and that it is idempotent."""

from __future__ import annotations

import json
import re
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from screening import demo as demo_criteria
from tests import plain_language
from tests.builders import make_trial
from tests.languages import spanish_get
from trials.demo import SEED_TRIAL_ID, demo_trials
from trials.models import OPEN_STATUSES, Contact, Kind, Phase, Researcher, Site, Status, Trial

SHARED = Path("/work/shared")
EDITORIAL_FIELDS = (
    "plain_title",
    "plain_summary",
    "what_it_studies",
    "good_fit",
    "not_a_fit",
    "potential_benefit",
    "similar_studies",
)
DEMO_TRIALS, _REVIEWED = demo_trials()
DEMO_IDS = [entry["registry_id"] for entry in DEMO_TRIALS]
MISLE_PROJECT_ID = "NIH-11159694"
MISLE_TRIAL_ID = "NCT02633163"
LUPUS = {"sle", "lupus-nephritis", "cutaneous-lupus"}


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db) -> dict[str, Trial]:
    load_demo()
    return {trial.registry_id: trial for trial in Trial.objects.filter(registry_id__in=DEMO_IDS)}


def snapshot() -> dict[str, list]:
    """Every row the demo writes, with ids, so a second load must keep the very same rows."""
    return {
        "trials": list(
            Trial.objects.order_by("registry_id")
            .values()
            .values(*[f.attname for f in Trial._meta.concrete_fields if f.name != "updated_at"])
        ),
        "conditions": sorted(
            Trial.conditions.through.objects.values_list("trial_id", "condition_id")
        ),
        "links": sorted(
            Trial.linked_trials.through.objects.values_list("from_trial_id", "to_trial_id")
        ),
        "sites": list(Site.objects.order_by("id").values()),
        "contacts": list(Contact.objects.order_by("id").values()),
        "researchers": list(Researcher.objects.order_by("id").values()),
    }


def editorial_text(trial: Trial) -> str:
    return " ".join(getattr(trial, field) for field in EDITORIAL_FIELDS)


def test_load_demo_publishes_at_least_twelve_trials_most_of_them_lupus(demo):
    published = Trial.objects.published().filter(registry_id__in=DEMO_IDS)
    lupus = published.filter(conditions__slug__in=LUPUS).distinct()

    assert published.count() == len(DEMO_TRIALS) >= 12
    assert lupus.count() > published.count() / 2
    assert Trial.objects.open_to_enrolment().filter(registry_id__in=DEMO_IDS).count() >= 10


def test_demo_covers_other_autoimmune_diseases_too(demo):
    slugs = set(Trial.conditions.through.objects.values_list("condition__slug", flat=True))

    assert {"lupus-nephritis", "cutaneous-lupus", "rheumatoid-arthritis", "sjogrens"} <= slugs
    assert {"systemic-sclerosis", "myositis", "myasthenia-gravis"} <= slugs
    assert "antiphospholipid-syndrome" in slugs


def test_load_demo_prints_a_short_summary(db):
    output = load_demo()

    assert output.startswith(f"Demo content: {len(DEMO_TRIALS)} trials ({len(DEMO_TRIALS)} new")
    assert len(output.splitlines()) == 1


def test_seed_trial_has_its_registered_facts(demo):
    trial = demo[SEED_TRIAL_ID]

    assert trial.published
    assert trial.kind == Kind.INTERVENTIONAL
    assert trial.phase == Phase.PHASE_1
    assert trial.status == Status.RECRUITING
    assert trial.sponsor == "LiveKidney.Bio"
    assert trial.org_study_id == "LK-23-01"
    assert trial.enrollment == 10
    assert (trial.min_age_value, trial.min_age_unit) == (18, "years")
    assert (trial.max_age_value, trial.max_age_unit) == (75, "years")
    assert trial.sex == "all"
    assert trial.healthy_volunteers is False
    assert trial.start_date == date(2025, 1, 7)
    assert "Subcutaneous" in trial.official_title
    assert list(trial.conditions.values_list("slug", flat=True)) == ["sle"]
    assert trial.source_url == "https://clinicaltrials.gov/study/NCT06737380"
    # The inclusion list the questionnaire will turn into criteria is in the registered text.
    for fact in ("18 to 75", "1:160", "anti-dsDNA", "eGFR of 30", "12 weeks", "SLEDAI-2K"):
        assert fact in trial.eligibility_text


def test_misle_project_is_an_nih_project_in_charleston(demo):
    project = demo[MISLE_PROJECT_ID]

    assert project.kind == Kind.NIH_PROJECT
    assert project.nih_appl_id == 11159694
    assert project.status == Status.FUNDED_PROJECT
    assert project.funding_mechanism == "U01"
    assert project.funding_label() == "Research project, cooperative agreement (U01)"
    assert project.sponsor == "Medical University of South Carolina"
    assert not project.is_open
    [site] = project.sites.all()
    assert (site.city, site.state, site.country) == (
        "Charleston",
        "South Carolina",
        "United States",
    )
    assert site.latitude == pytest.approx(32.78, abs=0.05)
    assert site.longitude == pytest.approx(-79.93, abs=0.05)
    assert list(project.conditions.values_list("slug", flat=True)) == ["sle"]


def test_misle_project_and_its_trial_are_linked_both_ways(demo):
    project, trial = demo[MISLE_PROJECT_ID], demo[MISLE_TRIAL_ID]

    assert list(project.linked_trials.all()) == [trial]
    assert list(trial.linked_trials.all()) == [project]


@pytest.mark.skipif(
    not (SHARED / "data/ctgov/classic/NCT02633163.json").exists(), reason="shared data absent"
)
def test_misle_trial_agrees_with_its_registry_record(demo):
    record = json.loads((SHARED / "data/ctgov/classic/NCT02633163.json").read_text())
    protocol = record.get("Study", record)["ProtocolSection"]
    eligibility = protocol["EligibilityModule"]
    locations = protocol["ContactsLocationsModule"]["LocationList"]["Location"]
    trial = demo[MISLE_TRIAL_ID]

    assert trial.sponsor == protocol["SponsorCollaboratorsModule"]["LeadSponsor"]["LeadSponsorName"]
    assert trial.official_title == protocol["IdentificationModule"]["OfficialTitle"]
    assert f"{trial.min_age_value} Years" == eligibility["MinimumAge"]
    assert f"{trial.max_age_value} Years" == eligibility["MaximumAge"]
    assert trial.status == Status.RECRUITING  # "Recruiting" as recorded
    assert sorted(trial.sites.values_list("facility", "postal_code")) == sorted(
        (location["LocationFacility"], location["LocationZip"]) for location in locations
    )


def test_running_load_demo_twice_keeps_the_same_rows(demo):
    before = snapshot()

    output = load_demo()

    assert snapshot() == before
    assert f"0 new, 0 updated, {len(DEMO_TRIALS)} unchanged" in output


def test_load_demo_repairs_edited_demo_rows_without_duplicates(demo):
    trial = demo[MISLE_TRIAL_ID]
    before = snapshot()
    site = trial.sites.get(city="Charleston")
    Site.objects.create(trial=trial, facility=site.facility, city="Charleston")
    trial.contacts.update(phone="000")
    Trial.objects.filter(pk=trial.pk).update(status=Status.COMPLETED, published=False)

    load_demo()

    after = snapshot()
    assert after["sites"] == before["sites"]
    assert after["contacts"] == before["contacts"]
    assert after["trials"] == before["trials"]


def test_load_demo_never_touches_other_trials(demo):
    other = make_trial("NCT00000001", sites=2, contacts=1, published=False)
    before = (
        Trial.objects.filter(pk=other.pk).values().get(),
        list(other.sites.values()),
        list(other.contacts.values()),
    )

    load_demo()

    after = (
        Trial.objects.filter(pk=other.pk).values().get(),
        list(other.sites.values()),
        list(other.contacts.values()),
    )
    assert after == before


def test_load_demo_keeps_an_imported_nih_project_under_its_project_number(db):
    imported = make_trial("5U01AI000000-03", kind=Kind.NIH_PROJECT, nih_appl_id=11159694)

    load_demo()

    project = Trial.objects.get(nih_appl_id=11159694)
    assert project.pk == imported.pk
    assert project.registry_id == "5U01AI000000-03"
    assert not Trial.objects.filter(registry_id=MISLE_PROJECT_ID).exists()
    assert list(project.linked_trials.values_list("registry_id", flat=True)) == [MISLE_TRIAL_ID]


def test_every_demo_trial_has_every_editorial_section_and_a_review_date(demo):
    for trial in demo.values():
        for field in EDITORIAL_FIELDS:
            assert getattr(trial, field).strip(), f"{trial.registry_id} has no {field}"
        assert trial.last_reviewed_on and trial.last_reviewed_on.year == 2026
        assert trial.last_reviewed_by is None


def test_editorial_text_shows_no_raw_registry_values(demo):
    internal_values = {
        value for choices in (Status, Kind, Phase) for value in choices.values if "_" in value
    }
    for trial in demo.values():
        text = editorial_text(trial)
        assert not re.search(r"\b[A-Z]{2,}_[A-Z_]+\b", text), trial.registry_id  # RECRUITING_...
        assert not re.search(r"\[\s*'|Nih_funding|FUNDING_|PHASE\d", text), trial.registry_id
        assert not any(value in text for value in internal_values), trial.registry_id


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="shared seeds absent")
def test_editorial_text_is_our_own_not_the_seed_page(demo):
    """No run of eight words from the seed documents appears in what we wrote."""
    seed_words = re.findall(
        r"\w+", " ".join(path.read_text().lower() for path in (SHARED / "seeds").glob("*.txt"))
    )
    seed_runs = {" ".join(seed_words[i : i + 8]) for i in range(len(seed_words) - 7)}
    for trial in demo.values():
        words = re.findall(r"\w+", editorial_text(trial).lower())
        runs = {" ".join(words[i : i + 8]) for i in range(len(words) - 7)}
        assert not runs & seed_runs, trial.registry_id


def test_editorial_text_reads_at_about_an_eighth_grade_level(demo):
    """Flesch-Kincaid grade over each trial's editorial prose, titles left out.

    Medical names (lupus, mesenchymal) cost syllables we cannot avoid, so the bar for one trial is
    a little above grade 8; across all demo trials the average must be at grade 8 or below.
    """
    all_words = all_sentences = all_syllables = 0
    for trial in demo.values():
        text = " ".join(getattr(trial, field) for field in EDITORIAL_FIELDS[1:])
        sentences = plain_language.sentences(text)
        words = plain_language.words(text)
        syllables = sum(plain_language.syllables(word) for word in words)
        grade = plain_language.grade(len(words), len(sentences), syllables)
        assert grade <= 9.5, f"{trial.registry_id} reads at grade {grade:.1f}"
        assert max(len(sentence.split()) for sentence in sentences) <= 32, trial.registry_id
        all_words += len(words)
        all_sentences += len(sentences)
        all_syllables += syllables

    average_sentence = all_words / all_sentences
    grade = plain_language.grade(all_words, all_sentences, all_syllables)
    assert average_sentence <= 16
    assert grade <= 8


def test_every_demo_trial_has_every_editorial_section_in_spanish(demo):
    for trial in demo.values():
        for field in EDITORIAL_FIELDS:
            assert getattr(trial, f"{field}_es").strip(), f"{trial.registry_id} has no {field}_es"
        assert not trial.plain_text.spanish_missing


def test_the_demo_spanish_speaks_to_usted_and_reads_easily(demo):
    """The Szigriszt-Pazos (INFLESZ) ease of each trial's Spanish prose: 55 and up is "normal"
    or easier, what most adults read without trouble; the whole demo at 60 or more."""
    everything = []
    for trial in demo.values():
        text = " ".join(getattr(trial, f"{field}_es") for field in EDITORIAL_FIELDS[1:])
        everything.append(text)
        assert plain_language.spanish_ease(text) >= 55, trial.registry_id
        assert max(len(sentence.split()) for sentence in plain_language.sentences(text)) <= 40
        # Tú forms, and Spain-only words our glossary rules out.
        assert not re.search(
            r"\b(tú|tienes|puedes|eres|estás|quieres|tu|tus|vosotros|ordenador|móvil|vale)\b",
            text.lower(),
        ), trial.registry_id
    assert plain_language.spanish_ease(" ".join(everything)) >= 60


def test_the_spanish_demo_page_shows_our_spanish_and_no_notice(client, demo):
    seed = demo[SEED_TRIAL_ID]

    html = spanish_get(client, "trials:detail", seed.registry_id).content.decode()

    assert seed.good_fit_es in html and seed.plain_title_es in html
    assert seed.good_fit not in html
    assert 'id="no-spanish-text"' not in html


def test_eligibility_text_is_in_the_registered_shape(demo):
    for trial in demo.values():
        if trial.is_nih_project:
            assert trial.eligibility_text == ""
            continue
        inclusion, _, exclusion = trial.eligibility_text.partition("Exclusion Criteria:")
        assert inclusion.startswith("Inclusion Criteria:\n* "), trial.registry_id
        assert exclusion.startswith("\n* "), trial.registry_id


def test_registry_facts_are_complete_and_sites_can_be_placed_on_a_map(demo):
    for trial in demo.values():
        assert trial.sponsor and trial.official_title and trial.brief_title, trial.registry_id
        assert trial.status_verified_on, trial.registry_id
        assert trial.source_url.startswith("https://"), trial.registry_id
        if not trial.is_nih_project:
            assert re.fullmatch(r"NCT\d{8}", trial.registry_id)
            assert trial.source_url == f"https://clinicaltrials.gov/study/{trial.registry_id}"
            assert trial.enrollment and trial.start_date, trial.registry_id
        for site in trial.sites.all():
            assert site.facility and site.city and site.country, site
            assert -90 <= site.latitude <= 90 and -180 <= site.longitude <= 180, site
            assert site.status in ("", *OPEN_STATUSES), site
    open_with_contacts = [
        trial for trial in demo.values() if trial.is_open and trial.contacts.exists()
    ]
    assert len(open_with_contacts) >= 10


def test_load_demo_writes_the_criteria_the_demo_gives_its_trials(db, monkeypatch):
    received = []
    monkeypatch.setattr(
        demo_criteria,
        "write_demo_criteria",
        lambda trial, rows: received.append((trial.registry_id, len(rows))),
    )

    load_demo()

    assert received == [(SEED_TRIAL_ID, 6)]


def test_a_failure_writing_the_demo_criteria_leaves_nothing_half_written(db, monkeypatch):
    def fail(trial, rows):
        raise RuntimeError("screening could not add its criteria")

    monkeypatch.setattr(demo_criteria, "write_demo_criteria", fail)
    with pytest.raises(RuntimeError):
        load_demo()

    assert not Trial.objects.filter(registry_id__in=DEMO_IDS).exists()
