"""Importing registry files: upsert by registry id, editorial fields kept, broken files refused."""

import datetime
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from tests.builders import make_staff, make_trial
from tests.trials.real_catalogue import SHARED_DATA, needs_shared_data
from tests.trials.registry_files import as_bytes, study
from trials.importers.service import import_file, import_paths
from trials.models import Condition, Contact, Researcher, Site, Status, Trial
from trials.signals import trial_imported

pytestmark = pytest.mark.django_db


def snapshot(registry_id: str) -> dict:
    """Every row an import writes for one trial, ids included."""
    trial = Trial.objects.get(registry_id=registry_id)
    return {
        "trial": Trial.objects.filter(pk=trial.pk).values().get(),
        "conditions": sorted(trial.conditions.values_list("slug", flat=True)),
        "sites": list(Site.objects.filter(trial=trial).order_by("pk").values()),
        "contacts": list(Contact.objects.filter(trial=trial).order_by("pk").values()),
        "researchers": list(Researcher.objects.filter(trial=trial).order_by("pk").values()),
    }


def test_import_creates_an_unpublished_trial_with_its_people_and_places():
    result = import_file(as_bytes(study()), "NCT06737380.json")

    assert result.ok
    assert (result.created, result.updated, result.unchanged) == (1, 0, 0)
    trial = Trial.objects.get(registry_id="NCT06737380")
    assert trial.published is False
    assert trial.brief_title == "Umbilical Cord Stem Cells Under the Skin for Active Lupus"
    assert trial.status == Status.RECRUITING
    assert trial.age_range_label() == "18 years to 75 years"
    assert trial.sponsor == "LiveKidney.Bio"
    assert trial.source_format == "ctgov_v2"
    assert sorted(trial.conditions.values_list("slug", flat=True)) == ["lupus-nephritis", "sle"]
    assert trial.registry_conditions == [
        "Systemic Lupus Erythematosus",
        "Nephritis, Lupus",
        "Lupus Fatigue",
    ]
    assert trial.unmapped_conditions == ["Lupus Fatigue"]
    assert sorted(trial.sites.values_list("city", flat=True)) == ["Charleston", "Durham"]
    site_contact = trial.contacts.get(site__city="Charleston")
    assert (site_contact.name, site_contact.role) == ("Site Nurse", "site")
    assert sorted(trial.contacts.filter(site=None).values_list("name", "role")) == [
        ("Backup Coordinator", "backup"),
        ("Study Coordinator", "central"),
    ]
    assert sorted(trial.researchers.values_list("name", flat=True)) == [
        "Dr Site Lead",
        "Pat Example, MD",
    ]


def test_importing_the_same_file_twice_changes_nothing():
    import_file(as_bytes(study()), "NCT06737380.json")
    before = snapshot("NCT06737380")

    result = import_file(as_bytes(study()), "NCT06737380.json")

    assert (result.created, result.updated, result.unchanged) == (0, 0, 1)
    assert snapshot("NCT06737380") == before


def test_reimport_refreshes_registry_fields_and_keeps_what_editors_wrote():
    import_file(as_bytes(study()), "NCT06737380.json")
    editor = make_staff("bob")
    other = make_trial("NCT09990009")
    trial = Trial.objects.get(registry_id="NCT06737380")
    editorial = {
        "plain_title": "Stem cell shots for lupus",
        "plain_summary": "A first small study.",
        "what_it_studies": "Whether the shots are safe.",
        "good_fit": "Adults with active lupus.",
        "not_a_fit": "People who are pregnant.",
        "potential_benefit": "It may calm lupus.",
        "similar_studies": "Early studies looked safe.",
        "published": True,
        "last_reviewed_on": datetime.date(2025, 2, 1),
        "last_reviewed_by": editor,
    }
    for name, value in editorial.items():
        setattr(trial, name, value)
    trial.save()
    trial.linked_trials.add(other)

    changed = study(
        statusModule={"overallStatus": "ACTIVE_NOT_RECRUITING"},
        identificationModule={"nctId": "NCT06737380", "briefTitle": "A new registry title"},
    )
    result = import_file(as_bytes(changed), "NCT06737380.json")

    assert (result.created, result.updated) == (0, 1)
    trial.refresh_from_db()
    assert trial.status == Status.ACTIVE_NOT_RECRUITING
    assert trial.brief_title == "A new registry title"
    for name, value in editorial.items():
        assert getattr(trial, name) == value, name
    assert list(trial.linked_trials.all()) == [other]


def test_reimport_syncs_sites_by_content_and_keeps_the_ids_of_unchanged_ones():
    import_file(as_bytes(study()), "NCT06737380.json")
    charleston = Site.objects.get(city="Charleston")
    nurse = Contact.objects.get(name="Site Nurse")
    document = study()
    locations = document["protocolSection"]["contactsLocationsModule"]["locations"]
    locations[0]["status"] = "ACTIVE_NOT_RECRUITING"
    locations[1] = {"facility": "Third Clinic", "city": "Boston", "country": "United States"}

    import_file(as_bytes(document), "NCT06737380.json")

    trial = Trial.objects.get(registry_id="NCT06737380")
    assert sorted(trial.sites.values_list("city", flat=True)) == ["Boston", "Charleston"]
    assert Site.objects.get(city="Charleston").pk == charleston.pk
    assert Site.objects.get(city="Charleston").status == Status.ACTIVE_NOT_RECRUITING
    assert Contact.objects.get(name="Site Nurse").pk == nurse.pk


def test_changed_eligibility_text_flags_authored_criteria_for_review():
    import_file(as_bytes(study()), "NCT06737380.json")
    trial = Trial.objects.get(registry_id="NCT06737380")
    trial.mark_criteria_written()
    trial.save()

    import_file(
        as_bytes(study(eligibilityModule={"eligibilityCriteria": "Inclusion Criteria:\n\n* New"})),
        "NCT06737380.json",
    )

    trial.refresh_from_db()
    assert trial.criteria_need_review is True
    assert trial.eligibility_text == "Inclusion Criteria:\n\n* New"


def test_whitespace_changes_in_eligibility_text_do_not_need_review():
    import_file(as_bytes(study()), "NCT06737380.json")
    trial = Trial.objects.get(registry_id="NCT06737380")
    trial.mark_criteria_written()
    trial.save()
    text = trial.eligibility_text.replace("* Active lupus", "*   Active   lupus")

    import_file(as_bytes(study(eligibilityModule={"eligibilityCriteria": text})), "x.json")

    trial.refresh_from_db()
    assert trial.criteria_need_review is False


def test_changed_eligibility_text_without_authored_criteria_needs_no_review():
    import_file(as_bytes(study()), "NCT06737380.json")

    import_file(
        as_bytes(study(eligibilityModule={"eligibilityCriteria": "Something else"})), "x.json"
    )

    assert Trial.objects.get(registry_id="NCT06737380").criteria_need_review is False


def test_publish_publishes_new_and_existing_trials():
    import_file(as_bytes(study()), "NCT06737380.json")
    assert Trial.objects.get(registry_id="NCT06737380").published is False

    result = import_file(as_bytes(study()), "NCT06737380.json", publish=True)

    assert result.updated == 1
    assert Trial.objects.get(registry_id="NCT06737380").published is True


def test_reimport_without_publish_keeps_a_published_trial_published():
    import_file(as_bytes(study()), "NCT06737380.json", publish=True)

    import_file(as_bytes(study()), "NCT06737380.json")

    assert Trial.objects.get(registry_id="NCT06737380").published is True


def test_import_file_accepts_an_uploaded_file():
    upload = SimpleUploadedFile("from-the-admin.json", as_bytes(study()))

    result = import_file(upload)

    assert result.ok
    assert result.files[0].name == "from-the-admin.json"
    assert result.registry_ids == ["NCT06737380"]


def test_an_unmapped_condition_gets_mapped_once_staff_add_a_synonym():
    import_file(as_bytes(study()), "NCT06737380.json")
    sle = Condition.objects.get(slug="sle")
    sle.synonyms += "\nlupus fatigue"
    sle.save()

    import_file(as_bytes(study()), "NCT06737380.json")

    trial = Trial.objects.get(registry_id="NCT06737380")
    assert trial.unmapped_conditions == []


def reporter_project(**fields) -> dict:
    project = {
        "appl_id": 11159694,
        "project_num": "5U01AI123456-03",
        "activity_code": "U01",
        "project_title": "Cell therapy for lupus",
        "organization": {
            "org_name": "MEDICAL UNIVERSITY OF SOUTH CAROLINA",
            "org_city": "CHARLESTON",
            "org_state": "SC",
            "org_country": "UNITED STATES",
        },
    }
    project.update(fields)
    return project


def test_an_nih_project_known_by_its_application_id_takes_its_project_number():
    placeholder = make_trial(
        "NIH-11159694", nih_appl_id=11159694, plain_title="The MiSLE project", conditions=("sle",)
    )

    result = import_file(as_bytes({"results": [reporter_project()]}), "reporter.json")

    assert (result.created, result.updated) == (0, 1)
    placeholder.refresh_from_db()
    assert placeholder.registry_id == "5U01AI123456-03"
    assert placeholder.plain_title == "The MiSLE project"
    assert placeholder.funding_mechanism == "U01"
    assert placeholder.source_url == "https://reporter.nih.gov/project-details/11159694"
    # RePORTER lists no conditions: the ones our editors chose stay.
    assert list(placeholder.conditions.values_list("slug", flat=True)) == ["sle"]


def test_very_long_registry_values_are_cut_to_fit():
    document = study()
    document["protocolSection"]["contactsLocationsModule"]["locations"][0]["facility"] = "F" * 400

    result = import_file(as_bytes(document), "NCT06737380.json")

    assert result.ok
    facility = Site.objects.get(city="Charleston").facility
    assert len(facility) == 300 and facility.endswith("…")


# --- broken files ------------------------------------------------------------------------


def test_a_file_with_bad_json_is_named_with_the_reason_and_writes_nothing():
    result = import_file(b'{\n  "protocolSection": {\n    oops\n', "NCT01234567.json")

    assert not result.ok
    assert result.errors == [
        "NCT01234567.json: not valid JSON at line 3, column 5 "
        "(Expecting property name enclosed in double quotes)"
    ]
    assert Trial.objects.count() == 0


def test_a_page_with_one_bad_record_writes_nothing_of_that_page():
    broken = study()
    del broken["protocolSection"]["identificationModule"]["nctId"]
    good = study()
    good["protocolSection"]["identificationModule"]["nctId"] = "NCT09990002"

    result = import_file(as_bytes({"studies": [good, broken]}), "page.json")

    assert result.errors == ["page.json: record 2: record has no NCT id"]
    assert Trial.objects.count() == 0


def test_a_database_refusal_rolls_back_the_whole_file():
    make_trial("NCT09990001", nih_appl_id=777)
    first = study()
    first["protocolSection"]["identificationModule"]["nctId"] = "NCT09990002"
    clash = reporter_project(appl_id=777, project_num="1R01AR000001-01")
    make_trial("1R01AR000001-01")

    result = import_file(as_bytes([first, {"results": [clash]}]), "mixed.json")

    assert not result.ok
    assert result.errors[0].startswith("mixed.json: could not be saved")
    assert not Trial.objects.filter(registry_id="NCT09990002").exists()


def write(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def test_command_imports_good_files_and_fails_naming_the_broken_ones(tmp_path, capsys):
    write(tmp_path, "ctgov/NCT06737380.json", as_bytes(study()))
    write(tmp_path, "reporter/project.json", as_bytes(reporter_project()))
    write(tmp_path, "broken/NCT01234567.json", b'{"protocolSection": ')
    write(tmp_path, "broken/study.xml", b"<clinical_study><id_info><nct_id>NCT1</nct_id>")
    write(tmp_path, "broken/no-id.json", b'{"protocolSection": {"identificationModule": {}}}')
    write(tmp_path, "broken/table.json", b'{"rows": [1, 2, 3]}')
    write(tmp_path, "README.md", b"Not a registry file, and not imported from a folder.")

    with pytest.raises(CommandError) as failure:
        call_command("import_trials", str(tmp_path))

    message = str(failure.value)
    assert "4 file(s) could not be imported" in message
    assert "NCT01234567.json: not valid JSON at line 1" in message
    assert "study.xml: not valid XML at line 1" in message
    assert "no-id.json: record has no NCT id" in message
    assert "table.json: unknown format" in message
    assert "README" not in message
    output = capsys.readouterr()
    assert "NCT06737380.json: 1 created, 0 updated, 0 unchanged" in output.out
    assert "Imported 6 files: 2 created, 0 updated, 0 unchanged, 4 failed." in output.out
    assert "FAILED" in output.err
    assert set(Trial.objects.values_list("registry_id", flat=True)) == {
        "NCT06737380",
        "5U01AI123456-03",
    }


def test_command_with_publish_publishes_what_it_imports(tmp_path, capsys):
    path = write(tmp_path, "NCT06737380.json", as_bytes(study()))

    call_command("import_trials", str(path), "--publish")

    assert Trial.objects.get(registry_id="NCT06737380").published is True
    assert "Imported 1 files: 1 created" in capsys.readouterr().out


def test_command_names_a_path_that_does_not_exist(tmp_path):
    with pytest.raises(CommandError, match="nowhere.json: no such file or folder"):
        call_command("import_trials", str(tmp_path / "nowhere.json"))


def test_a_file_named_on_the_command_line_is_sniffed_whatever_its_extension(tmp_path):
    path = write(tmp_path, "download.txt", as_bytes(study()))

    call_command("import_trials", str(path))

    assert Trial.objects.filter(registry_id="NCT06737380").exists()


# --- the real registry files in ../shared/data --------------------------------------------


def registry_id_of(path: Path) -> str:
    if path.name.startswith("reporter-"):
        return json.loads(path.read_text())["project_num"]
    return path.stem


@needs_shared_data
def test_every_shared_registry_file_imports():
    files = sorted(
        path for path in SHARED_DATA.rglob("*") if path.suffix.lower() in {".json", ".xml"}
    )
    assert len(files) == 267

    result = import_paths([SHARED_DATA])

    assert result.errors == []
    assert len(result.files) == 267
    assert Trial.objects.count() == len({registry_id_of(path) for path in files}) == 267
    assert Trial.objects.filter(published=True).count() == 0

    again = import_paths([SHARED_DATA])

    assert (again.created, again.updated, again.unchanged) == (0, 0, 267)


@needs_shared_data
def test_real_records_keep_their_facts():
    import_paths([SHARED_DATA])

    misle = Trial.objects.get(registry_id="NCT02633163")
    assert misle.phase == "phase_2"
    assert misle.status == Status.RECRUITING
    assert (misle.min_age_value, misle.min_age_unit) == (18, "years")
    assert (misle.max_age_value, misle.max_age_unit) == (65, "years")
    assert misle.sponsor == "Medical University of South Carolina"
    assert list(misle.conditions.values_list("slug", flat=True)) == ["sle"]
    assert misle.sites.filter(city="Los Angeles").exists()

    registry = Trial.objects.get(registry_id="NCT00513591")
    assert registry.get_kind_display() == "Observational study"
    assert registry.sex == "female"
    assert registry.max_age_value is None
    assert registry.healthy_volunteers is True

    nephritis = Trial.objects.get(registry_id="NCT00659217")
    assert "lupus-nephritis" in nephritis.conditions.values_list("slug", flat=True)

    project = Trial.objects.get(registry_id="5U01CA275118-03")
    assert project.get_status_display() == "Funded research, not enrolling"
    assert project.nih_appl_id == 10911122
    assert project.sites.get().place == "La Jolla, California"

    no_abstract = Trial.objects.get(registry_id="1R01EB038366-01")
    assert no_abstract.brief_summary == ""
    assert no_abstract.researchers.count() == 0


@pytest.fixture
def heard():
    calls: list[tuple[str, bool, bool]] = []

    def receiver(sender, trial, created, eligibility_changed, **kwargs):
        calls.append((trial.registry_id, created, eligibility_changed))

    trial_imported.connect(receiver, dispatch_uid="test_heard")
    yield calls
    trial_imported.disconnect(dispatch_uid="test_heard")


def test_every_imported_record_is_announced_with_what_changed(heard):
    import_file(as_bytes(study()), "NCT06737380.json")
    import_file(as_bytes(study()), "NCT06737380.json")
    import_file(
        as_bytes(study(eligibilityModule={"eligibilityCriteria": "Inclusion Criteria:\n\n* New"})),
        "NCT06737380.json",
    )

    assert heard == [
        ("NCT06737380", True, True),
        ("NCT06737380", False, False),
        ("NCT06737380", False, True),
    ]


def test_a_failing_receiver_fails_the_file_naming_the_record_and_writes_nothing():
    def receiver(sender, trial, **kwargs):
        if trial.registry_id == "NCT09990002":
            raise ValueError("criteria could not be drafted (test)")

    second = study()
    second["protocolSection"]["identificationModule"]["nctId"] = "NCT09990002"
    trial_imported.connect(receiver, dispatch_uid="test_failing")
    try:
        result = import_file(as_bytes({"studies": [study(), second]}), "page.json")
    finally:
        trial_imported.disconnect(dispatch_uid="test_failing")

    assert result.errors == ["page.json: NCT09990002: criteria could not be drafted (test)"]
    assert Trial.objects.count() == 0
