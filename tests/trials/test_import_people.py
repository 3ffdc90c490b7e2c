"""An import's contacts and researchers: read once, merged, the main contact first."""

from trials.importers.people import tidy_people
from trials.importers.records import ContactRecord, ResearcherRecord, SiteRecord, TrialRecord
from trials.models import ContactRole


def record(**fields) -> TrialRecord:
    return TrialRecord(registry_id="NCT00000001", source_format="test", **fields)


def test_central_contacts_are_read_in_the_country_of_most_sites():
    trial = record(
        contacts=[ContactRecord(name="Dr A", phone="01 42 49 97 42")],
        sites=[
            SiteRecord(country="France"),
            SiteRecord(country="France"),
            SiteRecord(country="Italy"),
        ],
    )

    tidy_people(trial)

    contact = trial.contacts[0]
    assert (contact.phone, contact.registry_phone) == ("+33142499742", "01 42 49 97 42")


def test_site_contacts_are_read_in_their_site_country():
    site = SiteRecord(
        country="Norway", contacts=[ContactRecord(phone="77626000", phone_ext="0047")]
    )
    trial = record(sites=[site, SiteRecord(country="United States")])

    tidy_people(trial)

    contact = trial.sites[0].contacts[0]
    assert (contact.phone, contact.phone_ext) == ("+4777626000", "")
    assert (contact.registry_phone, contact.registry_phone_ext) == ("77626000", "0047")


def test_tidying_twice_changes_nothing():
    trial = record(contacts=[ContactRecord(name="Dr A", phone="142499742", phone_ext="+33")])

    tidy_people(trial)
    once = list(trial.contacts)
    tidy_people(trial)

    assert trial.contacts == once


def test_the_main_contact_comes_first_and_a_copy_is_merged():
    trial = record(
        contacts=[
            ContactRecord(role=ContactRole.BACKUP, name="Backup", email="b@example.org"),
            ContactRecord(role=ContactRole.CENTRAL, name="Main", phone="843-792-6043"),
            ContactRecord(role=ContactRole.BACKUP, name="main", email="m@example.org"),
        ]
    )

    tidy_people(trial)

    assert [(c.role, c.name, c.phone, c.email) for c in trial.contacts] == [
        (ContactRole.CENTRAL, "Main", "+18437926043", "m@example.org"),
        (ContactRole.BACKUP, "Backup", "", "b@example.org"),
    ]


def test_two_people_with_the_same_name_but_different_numbers_stay_two():
    trial = record(
        contacts=[
            ContactRecord(name="Study desk", phone="843-792-6043"),
            ContactRecord(name="Study desk", phone="843-792-1414"),
        ]
    )

    tidy_people(trial)

    assert len(trial.contacts) == 2


def test_a_researcher_named_twice_is_listed_once():
    trial = record(
        researchers=[
            ResearcherRecord(name="Thomas L. Ortel, MD, PhD", affiliation=""),
            ResearcherRecord(name="Thomas L.  Ortel, MD, PhD", affiliation="Duke University"),
            ResearcherRecord(name="Silke Schmidt, PhD"),
        ]
    )

    tidy_people(trial)

    assert [(r.name, r.affiliation) for r in trial.researchers] == [
        ("Thomas L. Ortel, MD, PhD", "Duke University"),
        ("Silke Schmidt, PhD", ""),
    ]
