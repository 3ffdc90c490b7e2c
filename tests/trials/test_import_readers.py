"""The registry readers and the condition mapping: pure functions over small documents."""

import datetime
import json
from dataclasses import dataclass, field

import pytest

from tests.trials.registry_files import RECORDED
from trials.importers.conditions import build_condition_index, map_conditions
from trials.importers.documents import read_document
from trials.importers.records import RecordError, map_phase, parse_age, parse_date
from trials.models import ContactRole, Kind, Phase, ResearcherRole, Sex, Status
from trials.names import tidy_capitals


def v2_study() -> dict:
    return json.loads((RECORDED / "NCT06737380.json").read_text())


def classic_study(**eligibility) -> dict:
    return {
        "ProtocolSection": {
            "IdentificationModule": {
                "NCTId": "NCT02633163",
                "OrgStudyIdInfo": {"OrgStudyId": "MUSC-TEST-1"},
                "BriefTitle": "Stem cells for lupus",
                "OfficialTitle": "A phase II trial of stem cells for lupus",
            },
            "StatusModule": {
                "StatusVerifiedDate": "September 2021",
                "OverallStatus": "Active, not recruiting",
                "StartDateStruct": {"StartDate": "October 26, 2018"},
                "CompletionDateStruct": {"CompletionDate": "June 2023"},
                "LastUpdatePostDateStruct": {"LastUpdatePostDate": "September 28, 2021"},
            },
            "SponsorCollaboratorsModule": {
                "LeadSponsor": {"LeadSponsorName": "Medical University of South Carolina"}
            },
            "DescriptionModule": {"BriefSummary": "Does a stem cell infusion help lupus?"},
            "ConditionsModule": {
                "ConditionList": {"Condition": ["Lupus Erythematosus, Systemic"]},
                "KeywordList": {"Keyword": ["mesenchymal stem cells"]},
            },
            "DesignModule": {
                "StudyType": "Interventional",
                "PhaseList": {"Phase": ["Phase 2", "Phase 3"]},
                "EnrollmentInfo": {"EnrollmentCount": "81"},
            },
            "EligibilityModule": {
                "EligibilityCriteria": "Inclusion Criteria:\n\n18 to 65 years old",
                "HealthyVolunteers": "No",
                "Gender": "Female",
                "MinimumAge": "18 Years",
                "MaximumAge": "65 Years",
                **eligibility,
            },
            "ContactsLocationsModule": {
                "CentralContactList": {
                    "CentralContact": [
                        {
                            "CentralContactName": "Gary Example",
                            "CentralContactRole": "Contact",
                            "CentralContactPhone": "(843) 555-0143",
                            "CentralContactEMail": "gary@example.org",
                        }
                    ]
                },
                "OverallOfficialList": {
                    "OverallOfficial": [
                        {
                            "OverallOfficialName": "Gary Example, MD",
                            "OverallOfficialAffiliation": "Medical University of South Carolina",
                            "OverallOfficialRole": "Principal Investigator",
                        },
                        {
                            "OverallOfficialName": "Diane Example, MD",
                            "OverallOfficialAffiliation": "Medical University of South Carolina",
                            "OverallOfficialRole": "Study Chair",
                        },
                    ]
                },
                "LocationList": {
                    "Location": [
                        {
                            "LocationFacility": "Cedars-Sinai Medical Center",
                            "LocationStatus": "Recruiting",
                            "LocationCity": "Los Angeles",
                            "LocationState": "California",
                            "LocationZip": "90048",
                            "LocationCountry": "United States",
                            "LocationContactList": {
                                "LocationContact": [
                                    {
                                        "LocationContactName": "Site Coordinator",
                                        "LocationContactRole": "Contact",
                                        "LocationContactPhone": "310-555-0100",
                                        "LocationContactPhoneExt": "7",
                                        "LocationContactEMail": "site@example.org",
                                    },
                                    {
                                        "LocationContactName": "Dr Wallace Example",
                                        "LocationContactRole": "Sub-Investigator",
                                    },
                                ]
                            },
                        }
                    ]
                },
            },
        },
        "DerivedSection": {},
    }


CLINICAL_STUDY_XML = b"""<?xml version="1.0" encoding="UTF-8"?>
<clinical_study>
  <id_info>
    <org_study_id>DUKE-1</org_study_id>
    <nct_id>NCT00513591</nct_id>
  </id_info>
  <brief_title>Pregnancy registry for women with autoimmune disease</brief_title>
  <sponsors><lead_sponsor><agency>Duke University</agency></lead_sponsor></sponsors>
  <brief_summary>
    <textblock>
      First paragraph of the summary,
      wrapped over two lines.

      Second paragraph.
    </textblock>
  </brief_summary>
  <overall_status>Unknown status</overall_status>
  <start_date>August 2007</start_date>
  <study_type>Observational [Patient Registry]</study_type>
  <phase>N/A</phase>
  <enrollment type="Anticipated">1000</enrollment>
  <condition>Systemic Lupus Erythematosus</condition>
  <condition>Sj\xc3\xb6gren's Syndrome</condition>
  <condition>Pregnancy</condition>
  <keyword>lupus</keyword>
  <eligibility>
    <criteria><textblock>
        Inclusion Criteria:

          -  Pregnant
    </textblock></criteria>
    <gender>Female</gender>
    <minimum_age>18 Years</minimum_age>
    <maximum_age>N/A</maximum_age>
    <healthy_volunteers>Accepts Healthy Volunteers</healthy_volunteers>
  </eligibility>
  <overall_official>
    <last_name>Megan Example, MD</last_name>
    <role>Principal Investigator</role>
    <affiliation>Duke University</affiliation>
  </overall_official>
  <overall_contact>
    <last_name>Megan Example, MD</last_name>
    <phone>919-555-0145</phone>
    <email>megan@example.org</email>
  </overall_contact>
  <overall_contact_backup>
    <last_name>Amanda Example</last_name>
    <phone>919-555-0146</phone>
  </overall_contact_backup>
  <location>
    <facility>
      <name>Duke University Medical Center</name>
      <address>
        <city>Durham</city>
        <state>North Carolina</state>
        <zip>27710</zip>
        <country>United States</country>
      </address>
    </facility>
    <status>Recruiting</status>
    <contact>
      <last_name>Site Nurse</last_name>
      <phone>919-555-0147</phone>
    </contact>
    <investigator>
      <last_name>Local Lead</last_name>
      <role>Principal Investigator</role>
    </investigator>
  </location>
  <verification_date>June 2017</verification_date>
  <last_update_posted type="Estimate">June 12, 2017</last_update_posted>
</clinical_study>
"""


def reporter_project(**fields) -> dict:
    project = {
        "appl_id": 10911122,
        "project_num": "5U01AI123456-03",
        "activity_code": "U01",
        "project_title": "Cell therapy for lupus",
        "abstract_text": "Project summary\nWe study cells.",
        "organization": {
            "org_name": "MEDICAL UNIVERSITY OF SOUTH CAROLINA",
            "org_city": "CHARLESTON",
            "org_state": "SC",
            "org_country": "UNITED STATES",
            "org_zipcode": "294250001",
        },
        "geo_lat_lon": {"lat": 32.78, "lon": -79.95},
        "principal_investigators": [
            {"full_name": "DIANE  EXAMPLE", "is_contact_pi": False},
            {"full_name": "Gary S Example", "is_contact_pi": True},
        ],
        "project_start_date": "2022-09-07T00:00:00",
        "project_end_date": "2027-08-31T00:00:00",
        "date_added": "2024-09-07T16:29:48",
    }
    project.update(fields)
    return project


def read_one(document) -> object:
    content = document if isinstance(document, bytes) else json.dumps(document).encode()
    [record] = read_document(content)
    return record


# --- ClinicalTrials.gov API v2 -------------------------------------------------------------


def test_v2_reader_maps_registry_fields_to_ours():
    record = read_one(v2_study())

    assert record.registry_id == "NCT06737380"
    assert record.source_format == "ctgov_v2"
    assert record.org_study_id == "LK-23-01"
    assert record.sponsor == "LiveKidney.Bio"
    assert record.kind == Kind.INTERVENTIONAL
    assert record.status == Status.RECRUITING
    assert record.phase == Phase.PHASE_1
    assert record.enrollment == 10
    assert record.min_age == (18, "years")
    assert record.max_age == (75, "years")
    assert record.sex == Sex.ALL
    assert record.healthy_volunteers is False
    assert record.start_date == datetime.date(2025, 1, 7)
    assert record.status_verified_on == datetime.date(2025, 3, 1)
    assert record.completion_date == datetime.date(2026, 6, 1)
    assert record.registry_updated_on == datetime.date(2025, 3, 12)
    assert record.registry_conditions == [
        "Systemic Lupus Erythematosus",
        "Nephritis, Lupus",
        "Lupus Fatigue",
    ]
    assert record.keywords == ["stem cells", "SLE"]
    assert record.eligibility_text.startswith("Inclusion Criteria:\n\n* Adults 18 to 75")
    assert record.source_url == "https://clinicaltrials.gov/study/NCT06737380"
    assert record.warnings == []


def test_v2_reader_keeps_contacts_sites_and_researchers_apart():
    record = read_one(v2_study())

    assert [(c.role, c.name, c.phone, c.phone_ext, c.email) for c in record.contacts] == [
        (ContactRole.CENTRAL, "Study Coordinator", "555-0100", "12", "study@example.org"),
        (ContactRole.BACKUP, "Backup Coordinator", "", "", "backup@example.org"),
    ]
    charleston, durham = record.sites
    assert (charleston.facility, charleston.city, charleston.state) == (
        "Example Lupus Center",
        "Charleston",
        "South Carolina",
    )
    assert (charleston.postal_code, charleston.country) == ("29425", "United States")
    assert (charleston.latitude, charleston.longitude) == (32.77657, -79.93092)
    assert charleston.status == Status.RECRUITING
    assert [(c.role, c.name) for c in charleston.contacts] == [(ContactRole.SITE, "Site Nurse")]
    assert durham.status == Status.NOT_YET_RECRUITING
    assert durham.latitude is None
    assert [(r.name, r.role, r.affiliation) for r in record.researchers] == [
        ("Pat Example, MD", ResearcherRole.STUDY_DIRECTOR, "LiveKidney.Bio"),
        ("Dr Site Lead", ResearcherRole.PRINCIPAL_INVESTIGATOR, "Example Lupus Center"),
    ]


@pytest.mark.parametrize(
    ("phases", "expected"),
    [
        (["EARLY_PHASE1"], Phase.EARLY_PHASE_1),
        (["PHASE1", "PHASE2"], Phase.PHASE_1_2),
        (["PHASE2", "PHASE3"], Phase.PHASE_2_3),
        (["PHASE4"], Phase.PHASE_4),
        (["NA"], Phase.NOT_APPLICABLE),
        ([], Phase.NOT_APPLICABLE),
        (["Phase 1", "Phase 2"], Phase.PHASE_1_2),
        (["Phase 2/Phase 3"], Phase.PHASE_2_3),
        (["Early Phase 1"], Phase.EARLY_PHASE_1),
        (["N/A"], Phase.NOT_APPLICABLE),
        (["Not Applicable"], Phase.NOT_APPLICABLE),
    ],
)
def test_phases_from_every_format_map_to_one_vocabulary(phases, expected):
    warnings = []
    assert map_phase(phases, warnings) == expected
    assert warnings == []


def test_an_unknown_phase_is_left_blank_with_a_warning():
    warnings = []
    assert map_phase(["PHASE9"], warnings) == Phase.NOT_APPLICABLE
    assert warnings == ["unknown phase 'PHASE9', left blank"]


@pytest.mark.parametrize(
    ("registry_status", "expected"),
    [
        ("NOT_YET_RECRUITING", Status.NOT_YET_RECRUITING),
        ("ENROLLING_BY_INVITATION", Status.ENROLLING_BY_INVITATION),
        ("ACTIVE_NOT_RECRUITING", Status.ACTIVE_NOT_RECRUITING),
        ("Active, not recruiting", Status.ACTIVE_NOT_RECRUITING),
        ("Enrolling by invitation", Status.ENROLLING_BY_INVITATION),
        ("SUSPENDED", Status.SUSPENDED),
        ("TERMINATED", Status.TERMINATED),
        ("Completed", Status.COMPLETED),
        ("Withdrawn", Status.WITHDRAWN),
        ("Unknown status", Status.UNKNOWN),
        ("No longer available", Status.NO_LONGER_AVAILABLE),
        ("AVAILABLE", Status.AVAILABLE),
        ("SOMETHING_NEW", Status.UNKNOWN),
    ],
)
def test_statuses_map_from_enum_and_label_spellings(registry_status, expected):
    study = v2_study()
    study["protocolSection"]["statusModule"]["overallStatus"] = registry_status
    assert read_one(study).status == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18 Years", (18, "years")),
        ("1 Year", (1, "years")),
        ("6 Months", (6, "months")),
        ("2 Weeks", (2, "weeks")),
        ("30 Days", (30, "days")),
        ("0 Years", (0, "years")),
        ("N/A", None),
        ("None", None),
        ("", None),
        (None, None),
    ],
)
def test_ages_parse_to_exact_bounds_or_no_bound(text, expected):
    warnings = []
    assert parse_age(text, warnings) == expected
    assert warnings == []


def test_an_age_we_cannot_read_is_no_bound_with_a_warning():
    warnings = []
    assert parse_age("eighteen", warnings) is None
    assert warnings == ["age 'eighteen' not understood, treated as no limit"]


def test_v2_reader_without_a_maximum_age_leaves_it_open():
    study = v2_study()
    del study["protocolSection"]["eligibilityModule"]["maximumAge"]
    record = read_one(study)
    assert record.min_age == (18, "years")
    assert record.max_age is None


@pytest.mark.parametrize(
    ("study_type", "sex", "kind", "expected_sex"),
    [
        ("OBSERVATIONAL", "FEMALE", Kind.OBSERVATIONAL, Sex.FEMALE),
        ("EXPANDED_ACCESS", "MALE", Kind.EXPANDED_ACCESS, Sex.MALE),
    ],
)
def test_v2_reader_maps_study_type_and_sex(study_type, sex, kind, expected_sex):
    study = v2_study()
    study["protocolSection"]["designModule"]["studyType"] = study_type
    study["protocolSection"]["eligibilityModule"]["sex"] = sex
    record = read_one(study)
    assert (record.kind, record.sex) == (kind, expected_sex)


def test_dates_in_registry_spellings():
    assert parse_date("2023-06-30") == datetime.date(2023, 6, 30)
    assert parse_date("2023-04") == datetime.date(2023, 4, 1)
    assert parse_date("October 26, 2018") == datetime.date(2018, 10, 26)
    assert parse_date("June 2023") == datetime.date(2023, 6, 1)
    assert parse_date("2022-09-07T00:00:00") == datetime.date(2022, 9, 7)
    assert parse_date("soon") is None


# --- classic API JSON --------------------------------------------------------------------


def test_classic_reader_maps_pascal_case_fields():
    record = read_one(classic_study())

    assert record.registry_id == "NCT02633163"
    assert record.source_format == "ctgov_classic"
    assert record.org_study_id == "MUSC-TEST-1"
    assert record.brief_title == "Stem cells for lupus"
    assert record.official_title == "A phase II trial of stem cells for lupus"
    assert record.sponsor == "Medical University of South Carolina"
    assert record.status == Status.ACTIVE_NOT_RECRUITING
    assert record.status_verified_on == datetime.date(2021, 9, 1)
    assert record.start_date == datetime.date(2018, 10, 26)
    assert record.phase == Phase.PHASE_2_3
    assert record.enrollment == 81
    assert record.min_age == (18, "years")
    assert record.max_age == (65, "years")
    assert record.sex == Sex.FEMALE
    assert record.healthy_volunteers is False
    assert record.registry_conditions == ["Lupus Erythematosus, Systemic"]
    assert record.keywords == ["mesenchymal stem cells"]
    assert record.eligibility_text == "Inclusion Criteria:\n\n18 to 65 years old"


def test_classic_reader_reads_people_and_places():
    record = read_one(classic_study())

    [contact] = record.contacts
    assert (contact.role, contact.name, contact.phone, contact.email) == (
        ContactRole.CENTRAL,
        "Gary Example",
        "(843) 555-0143",
        "gary@example.org",
    )
    [site] = record.sites
    assert (site.facility, site.city, site.state, site.postal_code, site.status) == (
        "Cedars-Sinai Medical Center",
        "Los Angeles",
        "California",
        "90048",
        Status.RECRUITING,
    )
    assert [(c.name, c.phone, c.phone_ext) for c in site.contacts] == [
        ("Site Coordinator", "310-555-0100", "7")
    ]
    assert [(r.name, r.role) for r in record.researchers] == [
        ("Gary Example, MD", ResearcherRole.PRINCIPAL_INVESTIGATOR),
        ("Diane Example, MD", ResearcherRole.STUDY_CHAIR),
        ("Dr Wallace Example", ResearcherRole.SUB_INVESTIGATOR),
    ]


def test_classic_healthy_volunteers_and_missing_ages():
    record = read_one(
        classic_study(HealthyVolunteers="Accepts Healthy Volunteers", MinimumAge=None)
    )
    assert record.healthy_volunteers is True
    assert record.min_age is None


def test_classic_study_inside_its_study_wrapper_reads_the_same():
    assert read_one({"Study": classic_study()}) == read_one(classic_study())


# --- legacy clinical_study XML -----------------------------------------------------------


def test_xml_reader_maps_elements():
    record = read_one(CLINICAL_STUDY_XML)

    assert record.registry_id == "NCT00513591"
    assert record.source_format == "ctgov_xml"
    assert record.brief_title == "Pregnancy registry for women with autoimmune disease"
    assert record.official_title == ""
    assert record.sponsor == "Duke University"
    assert record.status == Status.UNKNOWN
    assert record.kind == Kind.OBSERVATIONAL
    assert record.phase == Phase.NOT_APPLICABLE
    assert record.enrollment == 1000
    assert record.sex == Sex.FEMALE
    assert record.min_age == (18, "years")
    assert record.max_age is None
    assert record.healthy_volunteers is True
    assert record.start_date == datetime.date(2007, 8, 1)
    assert record.status_verified_on == datetime.date(2017, 6, 1)
    assert record.registry_updated_on == datetime.date(2017, 6, 12)
    assert record.registry_conditions == [
        "Systemic Lupus Erythematosus",
        "Sjögren's Syndrome",
        "Pregnancy",
    ]
    assert record.keywords == ["lupus"]
    assert record.warnings == []


def test_xml_text_blocks_lose_their_indentation_but_keep_paragraphs():
    record = read_one(CLINICAL_STUDY_XML)

    assert record.brief_summary == (
        "First paragraph of the summary,\nwrapped over two lines.\n\nSecond paragraph."
    )
    assert record.eligibility_text == "Inclusion Criteria:\n\n  -  Pregnant"


def test_xml_reader_reads_contacts_sites_and_investigators():
    record = read_one(CLINICAL_STUDY_XML)

    assert [(c.role, c.name, c.phone) for c in record.contacts] == [
        (ContactRole.CENTRAL, "Megan Example, MD", "919-555-0145"),
        (ContactRole.BACKUP, "Amanda Example", "919-555-0146"),
    ]
    [site] = record.sites
    assert (site.facility, site.city, site.postal_code, site.status) == (
        "Duke University Medical Center",
        "Durham",
        "27710",
        Status.RECRUITING,
    )
    assert [(c.role, c.name) for c in site.contacts] == [(ContactRole.SITE, "Site Nurse")]
    assert [(r.name, r.role, r.affiliation) for r in record.researchers] == [
        ("Megan Example, MD", ResearcherRole.PRINCIPAL_INVESTIGATOR, "Duke University"),
        ("Local Lead", ResearcherRole.PRINCIPAL_INVESTIGATOR, "Duke University Medical Center"),
    ]


# --- NIH RePORTER ------------------------------------------------------------------------


def test_reporter_project_becomes_a_funded_nih_project():
    record = read_one(reporter_project())

    assert record.registry_id == "5U01AI123456-03"
    assert record.source_format == "reporter"
    assert record.kind == Kind.NIH_PROJECT
    assert record.status == Status.FUNDED_PROJECT
    assert record.nih_appl_id == 10911122
    assert record.funding_mechanism == "U01"
    assert record.sponsor == "Medical University of South Carolina"
    assert record.brief_title == record.official_title == "Cell therapy for lupus"
    assert record.brief_summary == "Project summary\nWe study cells."
    assert record.start_date == datetime.date(2022, 9, 7)
    assert record.completion_date == datetime.date(2027, 8, 31)
    assert record.source_url == "https://reporter.nih.gov/project-details/10911122"
    assert record.registry_conditions is None
    assert (record.min_age, record.max_age, record.sex) == (None, None, Sex.ALL)


def test_reporter_organisation_is_the_one_site_in_readable_words():
    [site] = read_one(reporter_project()).sites

    assert site.facility == "Medical University of South Carolina"
    assert (site.city, site.state, site.country) == (
        "Charleston",
        "South Carolina",
        "United States",
    )
    assert site.postal_code == "29425-0001"
    assert (site.latitude, site.longitude) == (32.78, -79.95)


def test_reporter_researchers_start_with_the_contact_pi():
    record = read_one(reporter_project())

    assert [(r.name, r.role) for r in record.researchers] == [
        ("Gary S Example", ResearcherRole.PRINCIPAL_INVESTIGATOR),
        ("Diane Example", ResearcherRole.PRINCIPAL_INVESTIGATOR),
    ]


def test_reporter_project_without_abstract_or_investigators_still_reads():
    project = reporter_project()
    del project["abstract_text"], project["principal_investigators"], project["geo_lat_lon"]

    record = read_one(project)

    assert record.brief_summary == ""
    assert record.researchers == []
    assert record.sites[0].latitude is None


def test_capitals_are_tidied_only_when_everything_is_in_capitals():
    assert (
        tidy_capitals("UNIVERSITY OF CALIFORNIA, SAN DIEGO")
        == "University of California, San Diego"
    )
    assert tidy_capitals("MAGEE-WOMEN'S RES INST AND FOUNDATION") == (
        "Magee-Women's Res Inst and Foundation"
    )
    assert tidy_capitals("Johns Hopkins University") == "Johns Hopkins University"


# --- sniffing and wrappers ---------------------------------------------------------------


def test_format_is_sniffed_from_content_whatever_the_name():
    assert read_one(v2_study()).source_format == "ctgov_v2"
    assert read_one(classic_study()).source_format == "ctgov_classic"
    assert read_one(CLINICAL_STUDY_XML).source_format == "ctgov_xml"
    assert read_one(reporter_project()).source_format == "reporter"
    assert read_one(b"\xef\xbb\xbf\n  " + json.dumps(v2_study()).encode()).registry_id


def test_lists_and_api_pages_of_every_kind_are_unwrapped():
    second = v2_study()
    second["protocolSection"]["identificationModule"]["nctId"] = "NCT09990002"
    other_project = reporter_project(appl_id=2, project_num="1R01AR000002-01")

    def ids(document):
        return [record.registry_id for record in read_document(json.dumps(document).encode())]

    assert ids([v2_study(), second]) == ["NCT06737380", "NCT09990002"]
    assert ids({"studies": [v2_study(), second], "nextPageToken": "x"}) == [
        "NCT06737380",
        "NCT09990002",
    ]
    assert ids({"results": [reporter_project(), other_project], "meta": {"total": 2}}) == [
        "5U01AI123456-03",
        "1R01AR000002-01",
    ]
    assert ids(
        {
            "FullStudiesResponse": {
                "NStudiesFound": 1,
                "FullStudies": [{"Rank": 1, "Study": classic_study()}],
            }
        }
    ) == ["NCT02633163"]
    wrapped_xml = b"<search_results>" + CLINICAL_STUDY_XML.split(b"?>", 1)[1] + b"</search_results>"
    assert [record.registry_id for record in read_document(wrapped_xml)] == ["NCT00513591"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            b'{\n  "protocolSection": {\n    "identificationModule": {,\n',
            "not valid JSON at line 3",
        ),
        (b"<clinical_study><id_info></clinical_study>", "not valid XML at line 1"),
        (b"Name,Status\nA,Recruiting\n", "unknown format: neither JSON nor XML"),
        (b'{"hello": "world"}', "unknown format: expected"),
        (b"<rss><channel/></rss>", "XML <rss> is not a <clinical_study> record"),
        (b'{"studies": []}', "no trial records found"),
        (b"   ", "the file is empty"),
        (b"\xff\xfe{", "not UTF-8 text"),
        (b'{"protocolSection": {"identificationModule": {}}}', "record has no NCT id"),
        (b"<clinical_study><id_info/></clinical_study>", "record has no NCT id"),
        (b'{"results": [{"appl_id": 5}]}', "record has no NIH project number"),
        (
            b'{"protocolSection": {"identificationModule": {"nctId": "NCT12"}}}',
            "NCT id that is not valid: 'NCT12'",
        ),
    ],
)
def test_unreadable_documents_say_why(content, reason):
    with pytest.raises(RecordError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        read_document(content)


def test_a_bad_record_in_a_page_is_named_by_its_place():
    broken = v2_study()
    del broken["protocolSection"]["identificationModule"]["nctId"]
    with pytest.raises(RecordError, match="record 2: record has no NCT id"):
        read_document(json.dumps({"studies": [v2_study(), broken]}).encode())


def test_xml_with_entities_is_refused():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
        b"<clinical_study>&a;</clinical_study>"
    )
    with pytest.raises(RecordError, match="refuse for safety"):
        read_document(bomb)


# --- condition mapping -------------------------------------------------------------------


@dataclass
class FakeCondition:
    slug: str
    name: str
    lay_name: str
    synonyms: list[str] = field(default_factory=list)

    @property
    def synonym_list(self) -> list[str]:
        return self.synonyms


CONDITIONS = [
    FakeCondition("sle", "Systemic lupus erythematosus", "Lupus (SLE)", ["sle"]),
    FakeCondition("lupus-nephritis", "Lupus nephritis", "Lupus affecting the kidneys"),
    FakeCondition("sjogrens", "Sjögren's disease", "Sjögren's", ["sjogren's syndrome"]),
    FakeCondition("type-1-diabetes", "Type 1 diabetes", "Type 1 diabetes", ["t1d"]),
    FakeCondition("other-autoimmune", "Other autoimmune disease", "Other", ["autoimmune diseases"]),
]


def mapped(conditions, keywords=()):
    match = map_conditions(conditions, keywords, build_condition_index(CONDITIONS))
    return match.slugs, match.unmapped


def test_conditions_match_names_lay_names_slugs_and_synonyms_ignoring_case():
    assert mapped(["SYSTEMIC LUPUS ERYTHEMATOSUS"]) == (["sle"], [])
    assert mapped(["Lupus (SLE)"]) == (["sle"], [])
    assert mapped(["lupus-nephritis"]) == (["lupus-nephritis"], [])
    assert mapped(["SLE"]) == (["sle"], [])


def test_condition_spelling_is_forgiven_but_nothing_is_guessed():
    assert mapped(["Nephritis, Lupus"]) == (["lupus-nephritis"], [])
    assert mapped(["Lupus Erythematosus, Systemic"]) == (["sle"], [])
    assert mapped(["Sjogrens Syndrome", "Sjögren’s syndrome"]) == (["sjogrens"], [])
    assert mapped(["Type1 Diabetes", "Type 1 Diabetes (T1D)"]) == (["type-1-diabetes"], [])
    assert mapped(["Lupus nephritis."]) == (["lupus-nephritis"], [])
    assert mapped(["Lupus Nephritis Class IV", "Neonatal Lupus"]) == (
        [],
        ["Lupus Nephritis Class IV", "Neonatal Lupus"],
    )


def test_lupus_nephritis_maps_to_itself_not_also_to_its_parent():
    assert mapped(["Lupus Nephritis"]) == (["lupus-nephritis"], [])


def test_keywords_add_specific_conditions_but_never_the_catch_all():
    slugs, unmapped = mapped(["Kidney Failure"], ["SLE", "autoimmune diseases", "rituximab"])
    assert slugs == ["sle"]
    assert unmapped == ["Kidney Failure"]
    assert mapped(["Autoimmune Diseases"]) == (["other-autoimmune"], [])
