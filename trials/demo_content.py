"""The demo trials `manage.py load_demo` writes, as plain data written by our team.

Registry facts (ids, titles, sponsors, ages, sites, contacts, researchers) are public facts read
from the ClinicalTrials.gov and NIH RePORTER records named by each `source_url`. Every sentence
meant for patients (the editorial sections) and every eligibility summary is our own wording.

These are demo records, not a live feed:
- statuses and `status_verified_on` are as of the registry record we read, which for some
  studies is years old; the real study may have moved on since;
- for large studies we list a few United States sites, not every site;
- NCT06737380 has no public site or contact in the records we hold, so none is listed;
- coordinates are those of the site's city, good enough for "how far is it".
"""

from __future__ import annotations

from datetime import date
from typing import Any

DemoTrial = dict[str, Any]

# The date our team last read these pages through; shown as "last reviewed".
REVIEWED = date(2026, 5, 15)

SEED_TRIAL_ID = "NCT06737380"
MISLE_PROJECT_ID = "NIH-11159694"
MISLE_TRIAL_ID = "NCT02633163"


def _site(
    facility: str,
    city: str,
    state: str,
    postal_code: str,
    country: str,
    latitude: float,
    longitude: float,
    status: str = "recruiting",
) -> dict[str, Any]:
    return {
        "facility": facility,
        "city": city,
        "state": state,
        "postal_code": postal_code,
        "country": country,
        "latitude": latitude,
        "longitude": longitude,
        "status": status,
    }


def _contact(
    name: str, phone: str = "", email: str = "", role: str = "central", phone_ext: str = ""
) -> dict[str, str]:
    return {"name": name, "phone": phone, "phone_ext": phone_ext, "email": email, "role": role}


def _researcher(
    name: str, affiliation: str, role: str = "principal_investigator"
) -> dict[str, str]:
    return {"name": name, "affiliation": affiliation, "role": role}


def _registry_url(nct_id: str) -> str:
    return f"https://clinicaltrials.gov/study/{nct_id}"


DEMO_TRIALS: list[DemoTrial] = [
    # --- Lupus (SLE) ---------------------------------------------------------------------
    {
        "registry_id": SEED_TRIAL_ID,
        "org_study_id": "LK-23-01",
        "kind": "interventional",
        "official_title": (
            "A Phase I, Open-Label Study to Evaluate the Safety and Tolerability of Subcutaneous "
            "Administration of Umbilical Cord Derived - Mesenchymal Stromal Cell Therapy in "
            "Addition to Standard of Care as A Treatment For Active Systemic Lupus Erythematosus"
        ),
        "brief_title": "UC-MSC Cell Therapy Study for Systemic Lupus Erythematosus (SLE) Patients",
        "status": "recruiting",
        "status_verified_on": date(2025, 9, 1),
        "phase": "phase_1",
        "sponsor": "LiveKidney.Bio",
        "enrollment": 10,
        "start_date": date(2025, 1, 7),
        "min_age_value": 18,
        "max_age_value": 75,
        "sex": "all",
        "healthy_volunteers": False,
        "conditions": ["sle"],
        "registry_conditions": ["Systemic Lupus Erythematosus", "SLE", "Lupus"],
        "eligibility_text": (
            "Inclusion Criteria:\n"
            "* Aged 18 to 75 at screening.\n"
            "* Diagnosed with SLE by the ACR classification criteria (at least 4 of 11) or the "
            "SLICC criteria (at least 4 of 17, with one clinical and one immunologic).\n"
            "* Positive ANA (titer 1:160 or higher) or positive anti-dsDNA antibodies within "
            "6 months before screening.\n"
            "* eGFR of 30 mL/min/1.73 m2 or more during screening.\n"
            "* At least 12 weeks of background SLE therapy with one or more non-biologic "
            "medicines (for example an immunosuppressant or an antimalarial) before screening; "
            "corticosteroids alone do not count.\n"
            "* SLEDAI-2K score of 6 or more at screening.\n"
            "* Able and willing to give written informed consent and follow the visit "
            "schedule.\n"
            "\n"
            "Exclusion Criteria:\n"
            "* See the registry record for the full list of exclusions.\n"
        ),
        "source_url": _registry_url(SEED_TRIAL_ID),
        "registry_updated_on": date(2025, 9, 11),
        "plain_title": "A cell treatment given under the skin for active lupus",
        "plain_summary": (
            "This early study tests whether one shot of cells from donated umbilical cords is "
            "safe for adults whose lupus is still active. Everyone in it gets the cells, on top "
            "of their usual lupus care."
        ),
        "what_it_studies": (
            "The study uses cells called mesenchymal stromal cells. They are grown from the "
            "umbilical cords of healthy babies, given after birth with the parents' consent. "
            "Lab work suggests these cells can calm an overactive immune system. Most earlier "
            "studies gave them through a vein. Here they are given as a single shot under the "
            "skin. The team watches for side effects for about six months. They also check "
            "blood, urine and kidney health to see if the lupus gets calmer."
        ),
        "good_fit": (
            "Adults aged 18 to 75 with lupus that is still active. You have taken at least one "
            "lupus medicine other than steroids for three months or more. Your kidneys still "
            "work at least partly, and your doctor can share recent blood test results."
        ),
        "not_a_fit": (
            "People whose lupus is quiet right now. People with badly reduced kidney function. "
            "People who cannot come to many clinic visits over about six months."
        ),
        "potential_benefit": (
            "This first study is mainly about safety, so it may not help you directly. If the "
            "shot is safe, it could lead to a simpler cell treatment that does not need a drip "
            "in a vein."
        ),
        "similar_studies": (
            "Cells like these have been tested in lupus for over fifteen years, mostly through a "
            "vein. Several small studies reported that some people improved. A few studies with "
            "a placebo group did not find a clear benefit. So the results are mixed, and no "
            "cell treatment is approved for lupus yet."
        ),
    },
    {
        "registry_id": MISLE_PROJECT_ID,
        "nih_appl_id": 11159694,
        "kind": "nih_project",
        "official_title": (
            "A Phase II Controlled Trial of Allogeneic Mesenchymal Stromal Cells for the "
            "Treatment of Refractory Lupus (MiSLE)"
        ),
        "brief_title": "MiSLE: mesenchymal stromal cells for refractory lupus",
        "status": "funded_project",
        "status_verified_on": date(2025, 7, 1),
        "phase": "",
        "sponsor": "Medical University of South Carolina",
        "funding_mechanism": "U01",
        "min_age_value": None,
        "max_age_value": None,
        "sex": "all",
        "healthy_volunteers": None,
        "conditions": ["sle"],
        "registry_conditions": ["Autoimmune Diseases", "Systemic Lupus Erythematosus"],
        "eligibility_text": "",
        "source_url": "https://reporter.nih.gov/project-details/11159694",
        "linked": [MISLE_TRIAL_ID],
        "sites": [
            _site(
                "Medical University of South Carolina",
                "Charleston",
                "South Carolina",
                "29425",
                "United States",
                32.7765,
                -79.9311,
                status="",
            ),
        ],
        "plain_title": "Research funding for the MiSLE stem cell study in lupus",
        "plain_summary": (
            "This is the National Institutes of Health grant that pays for the MiSLE study. "
            "You cannot sign up for a grant, but you can read about the study it pays for."
        ),
        "what_it_studies": (
            "The grant supports a study of donor cells, called mesenchymal stromal cells, for "
            "lupus that has not calmed down with usual treatment. The study compares the cells "
            "with a placebo, which is a dummy treatment with no medicine in it. The team at the "
            "Medical University of South Carolina leads the work with other hospitals."
        ),
        "good_fit": (
            "This page is for people who want to follow the research. If you want to take part, "
            "look at the linked MiSLE study page. It lists the places and people to contact."
        ),
        "not_a_fit": ("A grant is not a study you can join. Nobody enrolls through this page."),
        "potential_benefit": (
            "If the cells help, people whose lupus does not respond to usual medicines could "
            "have a new choice. If they do not help, that is also useful to know."
        ),
        "similar_studies": (
            "Before this study, the same team ran a small safety study of these cells in "
            "lupus. Other small studies around the world have had mixed results. A study with "
            "a placebo group, like this one, is the best way to find out if the cells work."
        ),
    },
    {
        "registry_id": MISLE_TRIAL_ID,
        "org_study_id": "MUSC-UCMSC-001",
        "kind": "interventional",
        "official_title": (
            "A Phase II Controlled Trial of Allogeneic Mesenchymal Stem Cells for the Treatment "
            "of Refractory Lupus"
        ),
        "brief_title": "Phase 2 Trial of Mesenchymal Stem Cells in Systemic Lupus Erythematosus "
        "(MiSLE)",
        "status": "recruiting",
        "status_verified_on": date(2021, 9, 1),
        "phase": "phase_2",
        "sponsor": "Medical University of South Carolina",
        "enrollment": 81,
        "start_date": date(2018, 10, 26),
        "min_age_value": 18,
        "max_age_value": 65,
        "sex": "all",
        "healthy_volunteers": False,
        "conditions": ["sle"],
        "registry_conditions": ["Systemic Lupus Erythematosus"],
        "eligibility_text": (
            "Inclusion Criteria:\n"
            "* Men and women aged 18 to 65.\n"
            "* At some time met at least 4 of the 11 ACR classification criteria for SLE.\n"
            "* Positive ANA (1:80 or higher) or anti-dsDNA test within 6 months of screening.\n"
            "* Active SLE despite standard treatment: SLEDAI of 6 or more and at least one "
            "BILAG A or B score at screening.\n"
            "* If the kidneys are active, at least 6 months of nephritis treatment already "
            "given (mycophenolate, or cyclophosphamide followed by mycophenolate or "
            "azathioprine).\n"
            "* Able to give written informed consent.\n"
            "\n"
            "Exclusion Criteria:\n"
            "* Active lupus of the brain affecting thinking, or nephritis needing dialysis.\n"
            "* eGFR below 30, or very low white cells, hemoglobin or platelets, or liver "
            "enzymes over 4 times normal.\n"
            "* HIV, hepatitis B or C, tuberculosis or a hidden fungal infection.\n"
            "* Cancer in the last 5 years (some skin and cervical cancers excepted).\n"
            "* Pregnancy, breastfeeding, or not willing to use birth control.\n"
            "* A kidney transplant.\n"
            "* Shingles in the last 90 days or a serious infection in the last 60 days.\n"
            "* Prednisone above 0.5 mg/kg a day within a month, a new immunosuppressant "
            "within 3 months, belimumab within 2 months, or rituximab within 6 months.\n"
            "* Substance misuse within the past year.\n"
        ),
        "source_url": _registry_url(MISLE_TRIAL_ID),
        "registry_updated_on": date(2021, 9, 28),
        "sites": [
            _site(
                "Cedars-Sinai Medical Center",
                "Los Angeles",
                "California",
                "90048",
                "United States",
                34.0522,
                -118.2437,
            ),
            _site(
                "University of California - San Diego",
                "San Diego",
                "California",
                "92093",
                "United States",
                32.7157,
                -117.1611,
            ),
            _site(
                "Emory University",
                "Atlanta",
                "Georgia",
                "30322",
                "United States",
                33.7490,
                -84.3880,
            ),
            _site(
                "Northwestern University",
                "Chicago",
                "Illinois",
                "60611",
                "United States",
                41.8781,
                -87.6298,
            ),
            _site(
                "The Feinstein Institute for Medical Research",
                "Manhasset",
                "New York",
                "11030",
                "United States",
                40.7979,
                -73.6996,
            ),
            _site(
                "University of Rochester Medical Center",
                "Rochester",
                "New York",
                "14642",
                "United States",
                43.1566,
                -77.6088,
            ),
            _site(
                "University of North Carolina at Chapel Hill",
                "Chapel Hill",
                "North Carolina",
                "27599",
                "United States",
                35.9132,
                -79.0558,
            ),
            _site(
                "Oklahoma Medical Research Foundation",
                "Oklahoma City",
                "Oklahoma",
                "73104",
                "United States",
                35.4676,
                -97.5164,
            ),
            _site(
                "Medical University of South Carolina",
                "Charleston",
                "South Carolina",
                "29425",
                "United States",
                32.7765,
                -79.9311,
            ),
        ],
        "contacts": [_contact("Gary Gilkeson", "(843) 792-6043", "gilkeson@musc.edu")],
        "researchers": [
            _researcher("Gary S. Gilkeson, MD", "Medical University of South Carolina"),
            _researcher(
                "Diane L. Kamen, MD, MSCR",
                "Medical University of South Carolina",
                role="study_chair",
            ),
        ],
        "plain_title": "Donor stem cells for lupus that has not calmed down with treatment (MiSLE)",
        "plain_summary": (
            "This study tests whether donor cells given through a vein help adults whose lupus "
            "stays active even with usual medicines. Some people get the cells and some get a "
            "placebo."
        ),
        "what_it_studies": (
            "The cells come from donated umbilical cords. They are called mesenchymal stem "
            "cells, and they may help calm the immune system. They are given through a vein. "
            "People are put into groups by chance. One group gets the cells and the other gets "
            "a placebo, which has no cells in it. No one at the study is told which group you "
            "are in until the study ends. This keeps the results fair. You keep taking your "
            "usual lupus medicines, and the team checks how your lupus does for many months."
        ),
        "good_fit": (
            "Adults aged 18 to 65 whose lupus is still active after standard treatment. If "
            "lupus affects your kidneys, you have already had at least six months of kidney "
            "treatment."
        ),
        "not_a_fit": (
            "People on dialysis or with a kidney transplant. People with lupus that affects "
            "thinking or memory right now. People who are pregnant or breastfeeding. People "
            "who had rituximab in the last six months or belimumab in the last two months."
        ),
        "potential_benefit": (
            "You may or may not get the cells, and the cells may or may not help. What the "
            "study learns could give people with hard-to-treat lupus a new option."
        ),
        "similar_studies": (
            "A small safety study by the same team came first. Studies in China reported that "
            "many people improved after these cells, but most had no placebo group. A small "
            "placebo study in lupus kidney disease found no clear difference. This larger study "
            "aims to give a clearer answer."
        ),
    },
    {
        "registry_id": "NCT05843643",
        "org_study_id": "M23-699",
        "kind": "interventional",
        "official_title": (
            "SELECT-SLE: A Phase 3 Program to Evaluate the Safety and Efficacy of Upadacitinib "
            "in Subjects With Moderately to Severely Active SLE"
        ),
        "brief_title": (
            "Program to Assess Adverse Events and Change in Disease Activity of Oral "
            "Upadacitinib in Adult Participants With Moderate to Severe Systemic Lupus "
            "Erythematosus"
        ),
        "status": "not_yet_recruiting",
        "status_verified_on": date(2023, 4, 1),
        "phase": "phase_3",
        "sponsor": "AbbVie",
        "enrollment": 1000,
        "start_date": date(2023, 6, 30),
        "min_age_value": 18,
        "max_age_value": 63,
        "sex": "all",
        "healthy_volunteers": False,
        "conditions": ["sle"],
        "registry_conditions": ["Systemic Lupus Erythematosus"],
        "eligibility_text": (
            "Inclusion Criteria:\n"
            "* SLE diagnosed at least 24 weeks before screening by the 2019 EULAR/ACR "
            "classification criteria.\n"
            "* At screening, a positive ANA (1:80 or higher), anti-dsDNA or anti-Smith test.\n"
            "* Hybrid SLEDAI of 6 or more, with at least 4 points from clinical signs, "
            "confirmed again at the first treatment visit.\n"
            "* Physician's Global Assessment of 1 or more.\n"
            "* Stable background lupus treatment for at least 30 days (steroid pills stable for "
            "at least 14 days), such as an antimalarial, an immunosuppressant or a "
            "corticosteroid.\n"
            "\n"
            "Exclusion Criteria:\n"
            "* Active lupus kidney disease or lupus of the brain that needs other treatment.\n"
            "* Earlier treatment with a JAK inhibitor, or recent biologic medicines.\n"
            "* Serious or recent infections, cancer, or a history of blood clots or heart "
            "disease that adds risk.\n"
            "* Pregnancy or breastfeeding.\n"
        ),
        "source_url": _registry_url("NCT05843643"),
        "registry_updated_on": date(2023, 5, 6),
        "sites": [
            _site(
                "Wallace Rheumatic Studies Center, LLC",
                "Beverly Hills",
                "California",
                "90211",
                "United States",
                34.07362,
                -118.40036,
                status="",
            ),
            _site(
                "Denver Arthritis Clinic",
                "Denver",
                "Colorado",
                "80230",
                "United States",
                39.73915,
                -104.9847,
                status="",
            ),
            _site(
                "UF Health Rheumatology",
                "Jacksonville",
                "Florida",
                "32256",
                "United States",
                30.33218,
                -81.65565,
                status="",
            ),
            _site(
                "Dartmouth-Hitchcock Medical Center",
                "Lebanon",
                "New Hampshire",
                "03756",
                "United States",
                43.64229,
                -72.25176,
                status="",
            ),
            _site(
                "NYU Langone Orthopedic Center",
                "New York",
                "New York",
                "10016",
                "United States",
                40.71427,
                -74.00597,
                status="",
            ),
            _site(
                "Wake Forest Baptist Health",
                "Winston-Salem",
                "North Carolina",
                "27157",
                "United States",
                36.09986,
                -80.24422,
                status="",
            ),
            _site(
                "Clinical Research of Philadelphia, LLC",
                "Philadelphia",
                "Pennsylvania",
                "19114",
                "United States",
                39.95233,
                -75.16379,
                status="",
            ),
            _site(
                "JPS Rheumatology Clinic",
                "Fort Worth",
                "Texas",
                "76104",
                "United States",
                32.72541,
                -97.32085,
                status="",
            ),
            _site(
                "Carilion Clinic",
                "Roanoke",
                "Virginia",
                "24016",
                "United States",
                37.27097,
                -79.94143,
                status="",
            ),
        ],
        "contacts": [
            _contact("AbbVie call center", "844-663-3742", "abbvieclinicaltrials@abbvie.com")
        ],
        "plain_title": "A daily pill, upadacitinib, for moderate to severe lupus (SELECT-SLE)",
        "plain_summary": (
            "This large study tests whether a daily pill called upadacitinib calms lupus and "
            "how safe it is over time. It compares the pill with a placebo pill."
        ),
        "what_it_studies": (
            "Upadacitinib blocks signals inside immune cells, called JAK signals, that help "
            "drive swelling and pain. It is already used for rheumatoid arthritis and some "
            "other diseases. In this study, people take either upadacitinib or a placebo pill "
            "that looks the same. Everyone keeps their usual lupus medicines. The study runs at "
            "many clinics in many countries and follows people for about a year, with a longer "
            "follow-up after that."
        ),
        "good_fit": (
            "Adults aged 18 to 63 who have had lupus for at least six months. Your lupus is "
            "active, with symptoms such as rash, joint pain or mouth sores. You have been on "
            "steady lupus treatment for at least a month."
        ),
        "not_a_fit": (
            "People whose lupus mainly affects the kidneys or brain right now. People who have "
            "taken a JAK inhibitor before. People with past blood clots, serious heart disease, "
            "or cancer. People who are pregnant or breastfeeding."
        ),
        "potential_benefit": (
            "If the pill works, it would be a new lupus treatment you can take by mouth. "
            "Medicines of this type carry warnings about serious infections, blood clots and "
            "heart problems. The study team will watch for these closely."
        ),
        "similar_studies": (
            "In an earlier, smaller study in lupus, more people on upadacitinib improved than "
            "people on placebo. This bigger study checks whether that result holds up in many "
            "more people."
        ),
    },
    {
        "registry_id": "NCT03562065",
        "org_study_id": "P150302",
        "kind": "interventional",
        "official_title": (
            "Treatment of Refractory Systemic Lupus Erythematosus by Injection of Allogeneic "
            "Mesenchymal Stem Cells Derived From the Umbilical Cord"
        ),
        "brief_title": (
            "Treatment of Refractory Systemic Lupus Erythematosus by Allogeneic Mesenchymal "
            "Stem Cells Derived From the Umbilical Cord"
        ),
        "status": "recruiting",
        "status_verified_on": date(2021, 6, 1),
        "phase": "phase_1_2",
        "sponsor": "Assistance Publique - Hôpitaux de Paris",
        "enrollment": 10,
        "start_date": date(2019, 9, 11),
        "min_age_value": 18,
        "max_age_value": 70,
        "sex": "all",
        "healthy_volunteers": False,
        "conditions": ["sle"],
        "registry_conditions": ["Lupus Erythematosus", "Stem Cell Transplant"],
        "eligibility_text": (
            "Inclusion Criteria:\n"
            "* Aged over 18 and under 70.\n"
            "* SLE by the ACR criteria, with a positive ANA test.\n"
            "* SELENA-SLEDAI of 6 or more at the start.\n"
            "* Lupus that did not respond to, or could not be treated with, steroids and at "
            "least one immunosuppressant (such as cyclophosphamide, mycophenolate, "
            "azathioprine, methotrexate, rituximab or belimumab).\n"
            "* Lupus treatment at stable doses for at least 30 days.\n"
            "* Effective birth control during treatment and for 3 months after.\n"
            "* Covered by French social security.\n"
            "\n"
            "Exclusion Criteria:\n"
            "* Pregnancy or breastfeeding.\n"
            "* Kidney failure (creatinine clearance below 30 mL/min).\n"
            "* Heart failure, serious lung disease, or liver inflammation not due to lupus.\n"
            "* Serious mental illness.\n"
        ),
        "source_url": _registry_url("NCT03562065"),
        "registry_updated_on": date(2021, 7, 8),
        "sites": [
            _site("Saint-Louis Hospital", "Paris", "", "75010", "France", 48.8566, 2.3522),
        ],
        "contacts": [
            _contact(
                "Dominique Farge, MD PhD",
                "+33 1 42 49 97 68",
                "dominique.farge-bancel@sls.aphp.fr",
            ),
            _contact(
                "Matthieu Resche-Rigon, MD PhD",
                "+33 1 42 49 97 42",
                "matthieu.resche-rigon@univ-paris-diderot.fr",
                role="backup",
            ),
        ],
        "plain_title": "Donor umbilical cord cells for hard-to-treat lupus in Paris",
        "plain_summary": (
            "A small study in Paris for adults whose lupus has not improved with several "
            "standard medicines. It tests whether cells from donated umbilical cords are safe "
            "and may help."
        ),
        "what_it_studies": (
            "The cells are grown from umbilical cords given after healthy births. They are "
            "given into a vein. The study is small, about ten people, and everyone gets the "
            "cells. The team checks safety first. They also measure whether lupus activity "
            "goes down over the following months."
        ),
        "good_fit": (
            "Adults aged 18 to 70 with lupus that stays active after steroids and at least one "
            "other strong lupus medicine. You live in France and can travel to Saint-Louis "
            "Hospital in Paris."
        ),
        "not_a_fit": (
            "People with kidney failure, heart failure or serious lung disease. People who are "
            "pregnant or breastfeeding. People outside the French health system."
        ),
        "potential_benefit": (
            "Some people may feel better, but this is not certain. The main goal is to learn "
            "if the cells are safe enough to test in a larger study."
        ),
        "similar_studies": (
            "Earlier studies of these cells in lupus, mostly in China, reported that some "
            "people improved. Studies with a placebo group have been small and mixed. The same "
            "hospital has tested donor cells in scleroderma too."
        ),
    },
    {
        "registry_id": "NCT04835883",
        "org_study_id": "CS20AT04-SLE101",
        "kind": "interventional",
        "official_title": (
            "Open-label, Single-arm, 24-week Investigator Study to Evaluate the Efficacy and "
            "Safety of CS20AT04 (HLA-haplo Matched Allogenic Bone Marrow-Derived Stem Cells) "
            "Administered in Patients With Lupus Nephritis or Lupus Cytopenia"
        ),
        "brief_title": (
            "Exploring the Efficacy and Safety of CS20AT04 (Allogenic Bone Marrow-Derived Stem "
            "Cell) in Systemic Lupus Erythematosus Patients"
        ),
        "status": "recruiting",
        "status_verified_on": date(2021, 4, 1),
        "phase": "phase_2",
        "sponsor": "Hanyang University Seoul Hospital",
        "enrollment": 10,
        "start_date": date(2019, 9, 26),
        "min_age_value": 18,
        "max_age_value": 70,
        "sex": "all",
        "healthy_volunteers": False,
        "conditions": ["sle", "lupus-nephritis"],
        "registry_conditions": ["Systemic Lupus Erythematosus"],
        "eligibility_text": (
            "Inclusion Criteria:\n"
            "* Has a half-matched (HLA-haplo matched) family member under 70 who can donate "
            "bone marrow.\n"
            "* SLE by the 2012 SLICC criteria or the 1997 ACR criteria.\n"
            "* Positive ANA (1:80 or higher) and/or anti-dsDNA at screening.\n"
            "* Lupus that did not respond well to at least 6 months of standard treatment, or "
            "that needs 15 mg or more of prednisone a day.\n"
            "* Either active lupus nephritis (high creatinine, protein and blood in the urine, "
            "confirmed by biopsy) or lupus-related low blood counts with no other cause.\n"
            "\n"
            "Exclusion Criteria:\n"
            "* See the registry record for the full list of exclusions.\n"
        ),
        "source_url": _registry_url("NCT04835883"),
        "registry_updated_on": date(2021, 4, 8),
        "sites": [
            _site(
                "Hanyang University Medical Center",
                "Seoul",
                "",
                "",
                "Korea, Republic of",
                37.5665,
                126.9780,
            ),
        ],
        "contacts": [
            _contact("Chan-Bum Choi, MD, PhD", "+82 2 2290 9208", "cbchoi@hanyang.ac.kr"),
            _contact("Kwijoo Kim", "+82 10 2756 8321", "kwjkim@corestem.com", role="backup"),
        ],
        "researchers": [
            _researcher("Chan-Bum Choi, MD, PhD", "Hanyang University Medical Center"),
        ],
        "plain_title": "Bone marrow cells from a family member for lupus kidney disease or low "
        "blood counts",
        "plain_summary": (
            "A small study in Seoul for adults whose lupus affects the kidneys or the blood "
            "and has not improved with standard care. The cells come from the bone marrow of a "
            "close relative."
        ),
        "what_it_studies": (
            "A family member who is a half match gives a small amount of bone marrow. The lab "
            "grows stem cells from it, and you receive them through a vein. Everyone in the "
            "study gets the cells. For six months the team checks your kidneys, your blood "
            "counts and any side effects."
        ),
        "good_fit": (
            "Adults aged 18 to 70 with lupus kidney disease or lupus-related low blood counts. "
            "Standard treatment has not worked well enough, or you need a high steroid dose. "
            "You have a parent, child, brother or sister who is a half match and could donate."
        ),
        "not_a_fit": (
            "People without a family member who can donate. People whose lupus is mild or "
            "well controlled."
        ),
        "potential_benefit": (
            "Kidney function or blood counts may improve, but this is not known yet. The "
            "results will show whether a larger study makes sense."
        ),
        "similar_studies": (
            "The same cell product was first tested for safety in a small group of people "
            "with lupus kidney disease in Korea. This study looks more closely at whether it "
            "helps."
        ),
    },
    # --- Lupus nephritis ---------------------------------------------------------------------
    {
        "registry_id": "NCT03917797",
        "org_study_id": "Phase II Lupus MSC",
        "kind": "interventional",
        "official_title": (
            "Dose-response and Efficacy of Umbilical Cord-derived Mesenchymal Stromal Cells in "
            "Renal Systemic Lupus Erythematosus"
        ),
        "brief_title": "Mesenchymal Stromal Cells (MSC´s) in Renal Lupus",
        "status": "recruiting",
        "status_verified_on": date(2020, 11, 1),
        "phase": "phase_2",
        "sponsor": "Universidad de los Andes, Chile",
        "enrollment": 39,
        "start_date": date(2019, 4, 2),
        "min_age_value": 18,
        "max_age_value": 75,
        "sex": "all",
        "healthy_volunteers": False,
        "conditions": ["lupus-nephritis", "sle"],
        "registry_conditions": ["Lupus Erythematosus, Systemic", "Lupus Glomerulonephritis"],
        "eligibility_text": (
            "Inclusion Criteria:\n"
            "* SLE by the 1997 ACR or 2012 SLICC classification criteria.\n"
            "* Positive ANA (1:80 or higher) and/or anti-DNA antibodies.\n"
            "* Active kidney disease: class III or IV lupus nephritis on a biopsy within 12 "
            "months, active urine sediment, and a urine protein to creatinine ratio of 1 or "
            "more.\n"
            "\n"
            "Exclusion Criteria:\n"
            "* eGFR below 40.\n"
            "* In the 3 months before joining: high-dose IV steroids, a new immunosuppressant, "
            "IVIG or plasma exchange. Cyclophosphamide in the last 6 months, or anti-B-cell "
            "biologics in the last 12 months.\n"
            "* Pregnancy or plans for pregnancy within 12 months.\n"
            "* Uncontrolled infection, cancer or other uncontrolled illness.\n"
        ),
        "source_url": _registry_url("NCT03917797"),
        "registry_updated_on": date(2020, 11, 16),
        "sites": [
            _site(
                "Clínica Universidad de los Andes",
                "Santiago de Chile",
                "Región Metropolitana",
                "7591278",
                "Chile",
                -33.4489,
                -70.6693,
            ),
            _site(
                "Hospital Barros Luco Trudeau",
                "Santiago de Chile",
                "Región Metropolitana",
                "",
                "Chile",
                -33.4489,
                -70.6693,
            ),
        ],
        "contacts": [
            _contact("Fernando Figueroa, MD", "+56 2 2618 1455", "ffigueroa@uandes.cl"),
            _contact(
                "Francisco Espinoza, MD", "+56 2 2618 1008", "fespinoza@c4c.cl", role="backup"
            ),
        ],
        "researchers": [
            _researcher("Fernando E. Figueroa, MD", "Universidad de los Andes, Chile"),
        ],
        "plain_title": "Umbilical cord cells for lupus kidney disease in Chile (MSC-ROLE)",
        "plain_summary": (
            "A study in Santiago, Chile, for adults with active lupus kidney disease. It tests "
            "which dose of donor umbilical cord cells works best, added to usual kidney "
            "treatment."
        ),
        "what_it_studies": (
            "Lupus nephritis is lupus that harms the kidneys. In this study, people get their "
            "usual kidney treatment. Some also get cells grown from donated umbilical cords, "
            "at different doses. The team compares how much protein leaks into the urine and "
            "how well the kidneys work over time."
        ),
        "good_fit": (
            "Adults aged 18 to 75 with active lupus nephritis, class III or IV, shown on a "
            "kidney biopsy in the past year. You have protein in your urine, and you can get "
            "to a study hospital in Santiago."
        ),
        "not_a_fit": (
            "People whose kidney function is already low (eGFR under 40). People who recently "
            "had rituximab, cyclophosphamide or another new strong treatment. People who are "
            "pregnant or planning a pregnancy in the next year."
        ),
        "potential_benefit": (
            "The cells might help the kidneys heal faster or more fully. This is what the "
            "study is trying to find out."
        ),
        "similar_studies": (
            "Small studies in China reported less protein in the urine after these cells. One "
            "small study with a placebo group did not find a clear benefit. Finding the right "
            "dose is one reason results may have differed."
        ),
    },
    {
        "registry_id": "NCT03673748",
        "org_study_id": "TerCel_006",
        "kind": "interventional",
        "official_title": (
            "A Phase II Controlled Trial of Allogeneic Mesenchymal Stem Cells for the Treatment "
            "of Lupus Nephritis"
        ),
        "brief_title": "Treatment of Lupus Nephritis With Allogeneic Mesenchymal Stem Cells",
        "status": "not_yet_recruiting",
        "status_verified_on": date(2021, 9, 1),
        "phase": "phase_2",
        "sponsor": "Red de Terapia Celular",
        "enrollment": 36,
        "start_date": date(2022, 12, 1),
        "min_age_value": 18,
        "max_age_value": 65,
        "sex": "all",
        "healthy_volunteers": False,
        "conditions": ["lupus-nephritis", "sle"],
        "registry_conditions": ["Lupus Nephritis", "Lupus Erythematosus"],
        "eligibility_text": (
            "Inclusion Criteria:\n"
            "* Aged 18 or older, able to give written consent.\n"
            "* SLE with at least 4 of the 11 ACR criteria.\n"
            "* Lupus nephritis shown on a biopsy taken less than 6 months before.\n"
            "* No response, or only a partial response, after at least 3 months of induction "
            "treatment (steroids with or without cyclophosphamide or mycophenolate).\n"
            "* SLEDAI-2K of 6 or more.\n"
            "* Effective birth control for women who could become pregnant.\n"
            "\n"
            "Exclusion Criteria:\n"
            "* Doses of steroids, mycophenolate or cyclophosphamide above the usual induction "
            "doses.\n"
            "* Rituximab, belimumab, ocrelizumab, abatacept or a TNF inhibitor in the past "
            "year.\n"
            "* See the registry record for the full list of exclusions.\n"
        ),
        "source_url": _registry_url("NCT03673748"),
        "registry_updated_on": date(2022, 6, 7),
        "sites": [
            _site(
                "University Hospital Río Hortega",
                "Valladolid",
                "",
                "47012",
                "Spain",
                41.6523,
                -4.7245,
                status="",
            ),
        ],
        "contacts": [
            _contact("Julia Barbado, MD, PhD", "+34 983 420400", "jbarbadoa@saludcastillayleon.es"),
            _contact(
                "Javier Garcia-Sancho, MD, PhD",
                "+34 983 184827",
                "jgsancho@ibgm.uva.es",
                role="backup",
            ),
        ],
        "researchers": [
            _researcher(
                "Julia Barbado, MD, PhD", "University Hospital Río Hortega", role="study_chair"
            ),
        ],
        "plain_title": "Donor stem cells for lupus kidney disease in Spain",
        "plain_summary": (
            "A planned study in Valladolid, Spain, for adults whose lupus kidney disease has "
            "not responded well to the first months of treatment. It compares donor stem cells "
            "with usual care."
        ),
        "what_it_studies": (
            "People in the study keep their usual kidney treatment. Some also get stem cells "
            "from a donor's bone marrow through a vein. The team compares the groups to see "
            "whether the cells help the kidneys recover."
        ),
        "good_fit": (
            "Adults with lupus nephritis shown on a biopsy in the last six months. Your "
            "kidneys did not improve enough after at least three months of treatment. You can "
            "travel to Valladolid."
        ),
        "not_a_fit": (
            "People who had rituximab, belimumab, abatacept or a similar medicine in the past "
            "year. People whose lupus nephritis responded well to treatment."
        ),
        "potential_benefit": (
            "If the cells help, people whose kidneys do not respond to first treatment could "
            "have another option. That is not proven yet."
        ),
        "similar_studies": (
            "Studies of donor stem cells in lupus kidney disease have had mixed results. Most "
            "were small. A study like this one, with a comparison group, can give a fairer "
            "answer."
        ),
    },
    {
        "registry_id": "NCT04534647",
        "org_study_id": "GLADEL LUPUS",
        "kind": "observational",
        "official_title": (
            "Serological and Urinary Biomarkers in Latin American Patients With Systemic Lupus "
            "Erythematosus: GLADEL 2.0 Cohort"
        ),
        "brief_title": (
            "Serological and Urinary Biomarkers in Latin American Patients With Systemic Lupus "
            "Erythematosus: GLADEL 2.0 Cohort"
        ),
        "status": "recruiting",
        "status_verified_on": date(2021, 4, 1),
        "phase": "",
        "sponsor": "Liga Panamericana de Asociaciones de Reumatologia (PANLAR)",
        "enrollment": 100,
        "start_date": date(2019, 6, 1),
        "min_age_value": 18,
        "max_age_value": None,
        "sex": "all",
        "healthy_volunteers": None,
        "conditions": ["lupus-nephritis", "sle"],
        "registry_conditions": ["Lupus Nephritis"],
        "eligibility_text": (
            "Inclusion Criteria:\n"
            "* Adults aged 18 or older with SLE by the 1982/1997 ACR and/or 2012 SLICC "
            "criteria, with or without kidney involvement.\n"
            "* Healthy volunteers who agree to take part as a comparison group.\n"
            "* Able to sign informed consent.\n"
            "\n"
            "Exclusion Criteria:\n"
            "* Another systemic autoimmune disease or an overlap syndrome (antiphospholipid "
            "syndrome with lupus is allowed).\n"
            "* A urinary infection or pregnancy.\n"
            "* A history of hepatitis B, hepatitis C or HIV.\n"
        ),
        "source_url": _registry_url("NCT04534647"),
        "registry_updated_on": date(2021, 4, 26),
        "sites": [
            _site(
                "Bernardo Pons-Estel",
                "Rosario",
                "Santa Fe",
                "2000",
                "Argentina",
                -32.9442,
                -60.6505,
            ),
        ],
        "contacts": [
            _contact("Antonela Vannucci", "+54 341 426 1402", "antonela.vannucci@gmail.com"),
            _contact(
                "Rosana Quintana, MD",
                "+54 9 341 585 1333",
                "rosanaquintana@gmail.com",
                role="backup",
            ),
        ],
        "researchers": [
            _researcher(
                "Bernardo A. Pons-Estel",
                "Liga Panamericana de Asociaciones de Reumatologia (PANLAR)",
            ),
        ],
        "plain_title": "Blood and urine tests to spot lupus kidney disease early (GLADEL 2.0)",
        "plain_summary": (
            "This study looks for blood and urine markers that could warn doctors about lupus "
            "kidney disease sooner. It needs no new treatment, only samples and a health "
            "check."
        ),
        "what_it_studies": (
            "People with lupus give blood and urine samples. Some have never had kidney "
            "problems, some had them in the past, and some have them now. Healthy volunteers "
            "give samples too, for comparison. The team looks for markers that tell these "
            "groups apart. The study is part of a large Latin American lupus network."
        ),
        "good_fit": (
            "Adults aged 18 or older with lupus, with or without kidney problems, who can "
            "visit the study center in Rosario, Argentina. Healthy adults may also join as "
            "comparison volunteers."
        ),
        "not_a_fit": (
            "People who also have another autoimmune disease, such as rheumatoid arthritis or "
            "scleroderma. People who are pregnant, have a urine infection, or have had "
            "hepatitis B, hepatitis C or HIV."
        ),
        "potential_benefit": (
            "You will not get a new treatment. Your samples could help find a simple test that "
            "catches kidney trouble earlier for people with lupus."
        ),
        "similar_studies": (
            "The same Latin American lupus network has followed large groups of patients since "
            "1997. Its work has taught doctors a lot about how lupus affects people in the "
            "region."
        ),
    },
    # --- Cutaneous lupus ---------------------------------------------------------------------
    {
        "registry_id": "NCT00513591",
        "org_study_id": "Pro00000756",
        "kind": "observational",
        "official_title": "Duke Autoimmunity in Pregnancy Registry",
        "brief_title": "Duke Autoimmunity in Pregnancy Registry",
        "status": "recruiting",
        "status_verified_on": date(2017, 6, 1),
        "phase": "",
        "sponsor": "Duke University",
        "enrollment": 1000,
        "start_date": date(2007, 8, 1),
        "min_age_value": 18,
        "max_age_value": None,
        "sex": "female",
        "healthy_volunteers": True,
        "conditions": [
            "sle",
            "cutaneous-lupus",
            "antiphospholipid-syndrome",
            "rheumatoid-arthritis",
            "sjogrens",
            "systemic-sclerosis",
        ],
        "registry_conditions": [
            "Pregnancy",
            "Systemic Lupus Erythematosus",
            "Cutaneous Lupus",
            "Rheumatoid Arthritis",
            "Sjogren's Syndrome",
            "Scleroderma",
        ],
        "eligibility_text": (
            "Inclusion Criteria:\n"
            "* Women aged 18 or older.\n"
            "* Pregnant now, or hoping to become pregnant within 6 months.\n"
            "* A systemic autoimmune disease, such as systemic or cutaneous lupus, "
            "antiphospholipid syndrome or antibodies, rheumatoid arthritis, scleroderma, "
            "Sjögren's, inflammatory arthritis, undifferentiated connective tissue disease, "
            "vasculitis or myositis, or positive Ro/SSA or La/SSB antibodies.\n"
            "\n"
            "Exclusion Criteria:\n"
            "* Not able to speak English.\n"
            "* Not able to give informed consent.\n"
            "* Not able to travel to Duke University for follow-up visits.\n"
        ),
        "source_url": _registry_url("NCT00513591"),
        "sites": [
            _site(
                "Duke University Medical Center",
                "Durham",
                "North Carolina",
                "27710",
                "United States",
                35.9940,
                -78.8986,
            ),
        ],
        "contacts": [
            _contact("Megan E. B. Clowse, MD, MPH", "919-681-2045", "megan.clowse@duke.edu"),
        ],
        "researchers": [
            _researcher("Megan E. B. Clowse, MD, MPH", "Duke University"),
        ],
        "plain_title": "Pregnancy with lupus or another autoimmune disease: a Duke registry",
        "plain_summary": (
            "A registry that follows women with lupus, including skin lupus, or other "
            "autoimmune diseases through pregnancy. It helps doctors learn how to keep mothers "
            "and babies healthy."
        ),
        "what_it_studies": (
            "A registry collects health information over time. Women who are pregnant, or "
            "hope to be within six months, share details about their disease, medicines and "
            "pregnancy. The team looks at what helps pregnancies go well. It also looks at "
            "what raises risks for mother and baby. You keep getting care from your own "
            "doctors."
        ),
        "good_fit": (
            "Women aged 18 or older with lupus of the body or skin, or another autoimmune "
            "disease such as APS, rheumatoid arthritis, Sjögren's or scleroderma. You are "
            "pregnant or planning a pregnancy soon, speak English, and can visit Duke in "
            "Durham, North Carolina."
        ),
        "not_a_fit": (
            "Men, and women who are not pregnant or planning a pregnancy in the next six "
            "months. People who cannot travel to Duke for follow-up visits."
        ),
        "potential_benefit": (
            "There is no study treatment. What women share helps doctors give better advice "
            "about planning a pregnancy, and about which medicines are safe to take."
        ),
        "similar_studies": (
            "Registries like this one have shown that pregnancies tend to go better when lupus "
            "has been quiet for months beforehand. They have also helped show which lupus "
            "medicines are safe to keep taking."
        ),
    },
    # --- Other autoimmune diseases -----------------------------------------------------------
    {
        "registry_id": "NCT00482794",
        "org_study_id": "Pro00013845",
        "kind": "observational",
        "official_title": "Genetics of Antiphospholipid Antibody Syndrome",
        "brief_title": "Genetic Risk Factors Associated With Antiphospholipid Antibody Syndrome",
        "status": "recruiting",
        "status_verified_on": date(2017, 5, 1),
        "phase": "",
        "sponsor": "Duke University",
        "enrollment": 2800,
        "start_date": date(2006, 6, 1),
        "min_age_value": None,
        "max_age_value": None,
        "sex": "all",
        "healthy_volunteers": False,
        "conditions": ["antiphospholipid-syndrome"],
        "registry_conditions": ["Antiphospholipid Syndrome"],
        "eligibility_text": (
            "Inclusion Criteria:\n"
            "* An antiphospholipid antibody found at least twice, 6 weeks or more apart "
            "(medium or high anticardiolipin levels, or lupus anticoagulant).\n"
            "* Signs of APS: a blood clot in an artery, vein or small vessel, or pregnancy "
            "problems such as a late miscarriage, an early birth due to severe pre-eclampsia, "
            "or three or more early miscarriages with no other cause.\n"
            "* People with these antibodies who do not fully meet the APS criteria may join if "
            "family members are affected.\n"
            "\n"
            "Exclusion Criteria:\n"
            "* No antiphospholipid antibody on record.\n"
        ),
        "source_url": _registry_url("NCT00482794"),
        "sites": [
            _site(
                "Duke University Medical Center",
                "Durham",
                "North Carolina",
                "27710",
                "United States",
                35.9940,
                -78.8986,
            ),
        ],
        "contacts": [
            _contact("Thomas L. Ortel, MD, PhD", "919-684-5350", "thomas.ortel@duke.edu"),
        ],
        "researchers": [
            _researcher("Thomas L. Ortel, MD, PhD", "Duke University"),
            _researcher("Silke Schmidt, PhD", "Duke University", role="sub_investigator"),
        ],
        "plain_title": "Genes and blood clots: a family study of antiphospholipid syndrome",
        "plain_summary": (
            "This study looks for genes that make some people more likely to get "
            "antiphospholipid syndrome (APS). People with APS and their family members can "
            "take part."
        ),
        "what_it_studies": (
            "APS is an autoimmune disease that makes blood clot too easily. It can also cause "
            "miscarriages. It sometimes comes with lupus. In this study you give a blood "
            "sample and answer questions about your health. Your relatives may give samples "
            "too. The team compares genes between people with and without APS."
        ),
        "good_fit": (
            "People of any age with APS antibodies found on two tests at least six weeks "
            "apart. You have had a blood clot or certain pregnancy problems. Family members "
            "with these antibodies may also join."
        ),
        "not_a_fit": "People who have never had a positive antiphospholipid antibody test.",
        "potential_benefit": (
            "There is no treatment in this study. Over time, knowing which genes matter could "
            "help doctors predict who is at risk of clots and how to prevent them."
        ),
        "similar_studies": (
            "Earlier family studies found a few gene differences linked to APS. No single gene "
            "explains it, which is why large studies like this one are needed."
        ),
    },
    {
        "registry_id": "NCT03186417",
        "org_study_id": "IRB16-00587",
        "kind": "interventional",
        "official_title": "Cell-Based Therapy in Rheumatoid Arthritis: Proof of Concept Phase 1 "
        "Trial",
        "brief_title": "Mesenchymal Stem Cells in Early Rheumatoid Arthritis",
        "status": "recruiting",
        "status_verified_on": date(2021, 2, 1),
        "phase": "phase_1",
        "sponsor": "MetroHealth Medical Center",
        "enrollment": 20,
        "start_date": date(2017, 12, 15),
        "min_age_value": 18,
        "max_age_value": 80,
        "sex": "all",
        "healthy_volunteers": False,
        "conditions": ["rheumatoid-arthritis"],
        "registry_conditions": ["Rheumatoid Arthritis"],
        "eligibility_text": (
            "Inclusion Criteria:\n"
            "* Aged 18 to 80.\n"
            "* Rheumatoid arthritis diagnosed within the past 2 years, with symptoms for 2 "
            "years or less.\n"
            "* Anti-CCP antibodies and/or a high rheumatoid factor.\n"
            "* At least one swollen, inflamed joint.\n"
            "* Methotrexate for at least 12 weeks (at least 10 of them at 15 mg a week or "
            "more) did not help enough or was not tolerated.\n"
            "\n"
            "Exclusion Criteria:\n"
            "* Earlier use of biologic medicines, or of DMARDs other than methotrexate, "
            "hydroxychloroquine and low-dose prednisone.\n"
            "* Active infection, or hepatitis B, hepatitis C (unless cured) or HIV.\n"
            "* Chronic liver disease.\n"
            "* Pregnancy, breastfeeding, or not willing to use birth control.\n"
        ),
        "source_url": _registry_url("NCT03186417"),
        "registry_updated_on": date(2021, 2, 2),
        "sites": [
            _site(
                "UH Hospitals Cleveland",
                "Cleveland",
                "Ohio",
                "44106",
                "United States",
                41.4993,
                -81.6944,
            ),
            _site(
                "MetroHealth Medical Center",
                "Cleveland",
                "Ohio",
                "44109",
                "United States",
                41.4993,
                -81.6944,
            ),
        ],
        "contacts": [
            _contact("Nora Singer, MD", "216-778-2323", "nsinger@metrohealth.org"),
            _contact(
                "Larraine Gordesky, MS, RN",
                "216-778-8927",
                "lgordesky1@metrohealth.org",
                role="backup",
            ),
        ],
        "researchers": [_researcher("Nora G. Singer, MD", "MetroHealth Medical Center")],
        "plain_title": "Stem cells for early rheumatoid arthritis when methotrexate is not enough",
        "plain_summary": (
            "A small first study in Cleveland of donor stem cells for people who have had "
            "rheumatoid arthritis for two years or less. It is for people who are still having "
            "symptoms on methotrexate."
        ),
        "what_it_studies": (
            "Rheumatoid arthritis (RA) is an autoimmune disease that causes painful, swollen "
            "joints. This study gives stem cells from a donor through a vein. People are put "
            "into groups by chance, and not everyone gets the cells. The team checks safety "
            "first. They also look at joint swelling and at blood tests of the immune system."
        ),
        "good_fit": (
            "Adults aged 18 to 80 who were diagnosed with RA in the last two years. You have at "
            "least one swollen joint and a positive RA blood test. Methotrexate has not helped "
            "enough, and you have not taken a biologic medicine."
        ),
        "not_a_fit": (
            "People who have already used a biologic, or other RA medicines besides "
            "methotrexate, hydroxychloroquine and low-dose prednisone. People with long-term "
            "liver disease, HIV or hepatitis B."
        ),
        "potential_benefit": (
            "The study may show whether treating RA early with cells can reset the immune "
            "system. It is too early to know if it helps people who take part."
        ),
        "similar_studies": (
            "Small studies in other countries found donor stem cells were fairly safe in RA. "
            "Their benefit was not clear. Most were in people who had RA for many years, not "
            "early RA like this study."
        ),
    },
    {
        "registry_id": "NCT04615455",
        "org_study_id": "2020-002804-38",
        "kind": "interventional",
        "official_title": (
            "A Randomized Clinical Trial Evaluating Allogeneic Adipose-derived Mesenchymal "
            "Stem Cells as a Treatment of Dry Eye Disease in Patients With Sjögren's Syndrome"
        ),
        "brief_title": (
            "Mesenchymal Stem Cell Therapy of Dry Eye Disease in Patients With Sjögren's Syndrome"
        ),
        "status": "recruiting",
        "status_verified_on": date(2021, 9, 1),
        "phase": "phase_2",
        "sponsor": "Rigshospitalet, Denmark",
        "enrollment": 40,
        "start_date": date(2020, 11, 3),
        "min_age_value": 18,
        "max_age_value": None,
        "sex": "all",
        "healthy_volunteers": False,
        "conditions": ["sjogrens"],
        "registry_conditions": ["Keratoconjunctivitis Sicca, in Sjogren's Syndrome"],
        "eligibility_text": (
            "Inclusion Criteria:\n"
            "* Sjögren's syndrome by the 2016 ACR/EULAR classification criteria.\n"
            "* Marked dry eye symptoms (OSDI score of 33 or more).\n"
            "* Low tear production (Schirmer test of 1 to 5 mm in 5 minutes) and a tear film "
            "that breaks up in under 10 seconds.\n"
            "\n"
            "Exclusion Criteria:\n"
            "* A very small tear gland on MRI in the study eye.\n"
            "* Earlier stem cell treatment in the tear glands.\n"
            "* A weakened immune system, for example from HIV.\n"
            "* Pregnancy or plans for pregnancy within 2 years, or breastfeeding.\n"
            "* Eye drops for anything other than dry eye, or an eye infection.\n"
        ),
        "source_url": _registry_url("NCT04615455"),
        "registry_updated_on": date(2021, 9, 16),
        "sites": [
            _site("Rigshospitalet", "Copenhagen", "", "2200", "Denmark", 55.6761, 12.5683),
        ],
        "contacts": [
            _contact("Michael Møller-Hansen, MD", "+45 93 90 12 30", "moller.hansen@gmail.com"),
        ],
        "researchers": [
            _researcher("Michael Møller-Hansen, MD", "Rigshospitalet, Denmark"),
            _researcher(
                "Steffen Heegaard, MD, DMSc", "Rigshospitalet, Denmark", role="study_chair"
            ),
        ],
        "plain_title": "Stem cells in the tear gland for dry eyes in Sjögren's (AMASS)",
        "plain_summary": (
            "A study in Copenhagen for adults with Sjögren's who have very dry eyes. It tests "
            "whether donor stem cells placed in the tear gland help the eye make more tears."
        ),
        "what_it_studies": (
            "Sjögren's is an autoimmune disease that attacks the glands that make tears and "
            "spit. In this study, a doctor injects stem cells taken from donated fat tissue "
            "into the tear gland of one eye. Some people get the cells and some get a placebo "
            "injection. The team measures tears, eye comfort and eye health over time."
        ),
        "good_fit": (
            "Adults with Sjögren's and dry eyes that bother you a lot. Tests show your eyes "
            "make very few tears. You can travel to Rigshospitalet in Copenhagen."
        ),
        "not_a_fit": (
            "People who use eye drops for other eye problems, or who have an eye infection. "
            "People who are pregnant, breastfeeding or planning a pregnancy within two years."
        ),
        "potential_benefit": (
            "If it works, one injection might ease dry eyes for a long time. Most current "
            "treatments only add moisture for a few hours."
        ),
        "similar_studies": (
            "A small first study by the same team found the injection was safe. People in it "
            "said their eyes felt less dry. It was too small to be sure, which is why this "
            "study has a placebo group."
        ),
    },
    {
        "registry_id": "NCT02682511",
        "org_study_id": "CPI-IFE-004",
        "kind": "interventional",
        "official_title": (
            "A Phase 2 Multicenter, Randomized, Double-blind, Placebo-controlled Study to "
            "Assess the Safety and Efficacy of Ifetroban in Patients With Diffuse Cutaneous "
            "Systemic Sclerosis (SSc) or SSc-associated Pulmonary Arterial Hypertension "
            "(SSc-PAH)"
        ),
        "brief_title": (
            "Oral Ifetroban to Treat Diffuse Cutaneous Systemic Sclerosis (SSc) or "
            "SSc-associated Pulmonary Arterial Hypertension"
        ),
        "status": "recruiting",
        "status_verified_on": date(2024, 6, 1),
        "phase": "phase_2",
        "sponsor": "Cumberland Pharmaceuticals",
        "enrollment": 34,
        "start_date": date(2017, 1, 1),
        "min_age_value": 18,
        "max_age_value": 80,
        "sex": "all",
        "healthy_volunteers": False,
        "conditions": ["systemic-sclerosis"],
        "registry_conditions": [
            "Scleroderma, Diffuse",
            "Scleroderma, Systemic",
            "Scleroderma, Limited",
            "Sclerosis, Progressive Systemic",
        ],
        "eligibility_text": (
            "Inclusion Criteria:\n"
            "* Systemic sclerosis by the 2013 ACR/EULAR classification criteria, and either:\n"
            "* Diffuse cutaneous SSc within 7 years of the first symptom other than Raynaud's; "
            "or\n"
            "* SSc-related pulmonary arterial hypertension confirmed by heart catheter, on "
            "steady oral PAH treatment for at least 30 days, with heart failure class I to "
            "III.\n"
            "\n"
            "Exclusion Criteria:\n"
            "* Systemic sclerosis without skin thickening (sine scleroderma).\n"
            "* Younger than 18 or 80 and older.\n"
            "* Pregnant, nursing or planning a pregnancy.\n"
            "* Prostanoid or pirfenidone treatment, rituximab in the last 3 months, or "
            "prednisone above 15 mg a day.\n"
            "* Significant lung disease.\n"
        ),
        "source_url": _registry_url("NCT02682511"),
        "registry_updated_on": date(2024, 6, 6),
        "sites": [
            _site(
                "University of Arizona Arthritis Center",
                "Tucson",
                "Arizona",
                "85724",
                "United States",
                32.22174,
                -110.92648,
            ),
            _site(
                "UCLA",
                "Los Angeles",
                "California",
                "90095",
                "United States",
                34.05223,
                -118.24368,
            ),
            _site(
                "Cleveland Clinic - Florida",
                "Weston",
                "Florida",
                "33331",
                "United States",
                26.10037,
                -80.39977,
            ),
            _site(
                "Johns Hopkins University",
                "Baltimore",
                "Maryland",
                "21224",
                "United States",
                39.29038,
                -76.61219,
            ),
            _site(
                "Massachusetts General Hospital",
                "Boston",
                "Massachusetts",
                "02114",
                "United States",
                42.35843,
                -71.05977,
            ),
            _site(
                "University of Nebraska Medical Center",
                "Omaha",
                "Nebraska",
                "68198",
                "United States",
                41.25626,
                -95.94043,
            ),
            _site(
                "Hospital for Special Surgery",
                "New York",
                "New York",
                "10021",
                "United States",
                40.71427,
                -74.00597,
            ),
            _site(
                "Thomas Jefferson University",
                "Philadelphia",
                "Pennsylvania",
                "19107",
                "United States",
                39.95233,
                -75.16379,
            ),
            _site(
                "Baylor Research Institute",
                "Dallas",
                "Texas",
                "75204",
                "United States",
                32.78306,
                -96.80667,
            ),
        ],
        "contacts": [
            _contact(
                "Ingrid Anderson, PhD, CCRP",
                "615-255-0068",
                "ianderson@cumberlandpharma.com",
                phone_ext="250",
            ),
            _contact(
                "Ines Macias-Perez, PhD",
                "615-564-2188",
                "imaciasperez@cumberlandpharma.com",
                role="backup",
            ),
        ],
        "researchers": [
            _researcher("Evan Brittain, MD", "Vanderbilt University Medical Center"),
        ],
        "plain_title": "A pill called ifetroban for scleroderma of the skin or lungs",
        "plain_summary": (
            "This study tests a pill called ifetroban in adults with scleroderma. It is for "
            "people with widespread skin thickening, or with high blood pressure in the lungs "
            "caused by scleroderma."
        ),
        "what_it_studies": (
            "Scleroderma, also called systemic sclerosis, makes skin and organs thick and "
            "stiff. Ifetroban blocks a body signal that narrows blood vessels and may drive "
            "scarring. People take the pill or a placebo pill every day for several months. The "
            "team checks safety, skin thickness, breathing and heart tests."
        ),
        "good_fit": (
            "Adults aged 18 to 79 who have had widespread skin scleroderma for seven years or "
            "less. Or adults with lung blood pressure problems from scleroderma, confirmed by a "
            "heart test, who are on steady treatment for it."
        ),
        "not_a_fit": (
            "People with serious lung scarring. People taking pirfenidone or prostanoid "
            "medicines. People who had rituximab in the last three months or take more than "
            "15 mg of prednisone a day. People who are pregnant or nursing."
        ),
        "potential_benefit": (
            "If ifetroban helps, it could slow skin or lung changes in scleroderma. There are "
            "few treatments for this today, so any progress matters."
        ),
        "similar_studies": (
            "Ifetroban has been studied in other diseases. This is one of the first studies of "
            "it in scleroderma, so there are no clear results yet."
        ),
    },
    {
        "registry_id": "NCT04723303",
        "org_study_id": "DM/PM V2.0",
        "kind": "interventional",
        "official_title": (
            "Phase 1 Study of Mesenchymal Stromal Cells, Umbilical Cord Lining Stem Cells "
            "(ULSC), in Patients With Polymyositis (PM) and Dermatomyositis (DM)"
        ),
        "brief_title": "Phase 1 Study of ULSC in Patients With Polymyositis (PM) and "
        "Dermatomyositis (DM)",
        "status": "recruiting",
        "status_verified_on": date(2021, 11, 1),
        "phase": "early_phase_1",
        "sponsor": "University of Florida",
        "enrollment": 22,
        "start_date": date(2021, 10, 6),
        "min_age_value": 18,
        "max_age_value": 90,
        "sex": "all",
        "healthy_volunteers": False,
        "conditions": ["myositis"],
        "registry_conditions": ["Polymyositis", "Dermatomyositis"],
        "eligibility_text": (
            "Inclusion Criteria:\n"
            "* Adults aged 18 or older.\n"
            "* Definite or probable dermatomyositis or polymyositis by the Bohan and Peter "
            "criteria.\n"
            "* For polymyositis: a myositis-related antibody, or other causes ruled out.\n"
            "* Able to give informed consent.\n"
            "\n"
            "Exclusion Criteria:\n"
            "* Inclusion body myositis, childhood myositis, or myositis overlapping strongly "
            "with another autoimmune disease.\n"
            "* Muscle disease that is not immune-related, or myositis linked to cancer.\n"
            "* Allergy to the product or to DMSO.\n"
            "* Pregnancy or breastfeeding.\n"
            "* Serious heart or lung disease, active infection, or an organ transplant.\n"
            "* Severe muscle wasting despite the best treatment.\n"
        ),
        "source_url": _registry_url("NCT04723303"),
        "registry_updated_on": date(2021, 11, 18),
        "sites": [
            _site(
                "University of Florida",
                "Gainesville",
                "Florida",
                "32610",
                "United States",
                29.6516,
                -82.3248,
            ),
        ],
        "contacts": [
            _contact("Carl Pepine, MD", "352-273-9082", "Carl.Pepine@medicine.ufl.edu"),
            _contact(
                "Chassidi Rogers",
                "352-273-8946",
                "Chassidi.Garrett@medicine.ufl.edu",
                role="backup",
            ),
        ],
        "researchers": [_researcher("Carl Pepine, MD", "University of Florida")],
        "plain_title": "Umbilical cord lining cells for myositis",
        "plain_summary": (
            "A first study in Gainesville, Florida, of donor cells for adults with "
            "dermatomyositis or polymyositis. The main question is whether the cells are safe."
        ),
        "what_it_studies": (
            "Myositis is an autoimmune disease that inflames the muscles and makes them weak. "
            "Dermatomyositis also causes a skin rash. In this study, cells grown from the "
            "lining of donated umbilical cords are given through a vein. The team checks for "
            "side effects. They also test muscle strength and blood markers of muscle damage."
        ),
        "good_fit": (
            "Adults with dermatomyositis or polymyositis who can travel to the University of "
            "Florida in Gainesville."
        ),
        "not_a_fit": (
            "People with inclusion body myositis, childhood myositis, or myositis linked to "
            "cancer. People with serious heart or lung disease or an organ transplant. People "
            "who are pregnant or breastfeeding."
        ),
        "potential_benefit": (
            "This is a first safety study, so it may not help you directly. If the cells are "
            "safe, larger studies can test whether they build back strength."
        ),
        "similar_studies": (
            "There is very little research on cell treatments for myositis so far. A few case "
            "reports described people who got stronger, but that is not proof."
        ),
    },
    {
        "registry_id": "NCT05070858",
        "org_study_id": "R3918-MG-2018",
        "kind": "interventional",
        "official_title": (
            "Efficacy and Safety of Pozelimab and Cemdisiran Combination Therapy and "
            "Cemdisiran Monotherapy in Patients With Symptomatic Generalized Myasthenia Gravis"
        ),
        "brief_title": (
            "A Study to Test How Safe Pozelimab and Cemdisiran Combination Therapy and "
            "Cemdisiran Alone Are and How Well They Work in Adult Patients With Generalized "
            "Myasthenia Gravis"
        ),
        "status": "recruiting",
        "status_verified_on": date(2025, 6, 1),
        "phase": "phase_3",
        "sponsor": "Regeneron Pharmaceuticals",
        "enrollment": 335,
        "start_date": date(2021, 12, 14),
        "min_age_value": 18,
        "max_age_value": None,
        "sex": "all",
        "healthy_volunteers": False,
        "conditions": ["myasthenia-gravis"],
        "registry_conditions": ["Generalized Myasthenia Gravis"],
        "eligibility_text": (
            "Inclusion Criteria:\n"
            "* Adults aged 18 or older.\n"
            "* A documented diagnosis of myasthenia gravis, with a positive anti-AChR or "
            "anti-LRP4 antibody test.\n"
            "* MGFA class II to IVa, and an MG-ADL score of 6 or more (mostly from symptoms "
            "other than the eyes).\n"
            "* Taking an acetylcholinesterase inhibitor and an immunosuppressant, or a "
            "documented reason for not taking them, at steady doses.\n"
            "\n"
            "Exclusion Criteria:\n"
            "* See the registry record for the full list of exclusions.\n"
        ),
        "source_url": _registry_url("NCT05070858"),
        "registry_updated_on": date(2025, 6, 8),
        "sites": [
            _site(
                "HonorHealth Neurology",
                "Scottsdale",
                "Arizona",
                "85251",
                "United States",
                33.50921,
                -111.89903,
            ),
            _site(
                "University of California Irvine",
                "Irvine",
                "California",
                "92697",
                "United States",
                33.66946,
                -117.82311,
            ),
            _site(
                "University of Southern California",
                "Los Angeles",
                "California",
                "90033",
                "United States",
                34.05223,
                -118.24368,
            ),
            _site(
                "University of South Florida Morsani Center for Advanced Healthcare",
                "Tampa",
                "Florida",
                "33612",
                "United States",
                27.94752,
                -82.45843,
            ),
            _site(
                "Wayne State University School of Medicine",
                "Detroit",
                "Michigan",
                "48201",
                "United States",
                42.33143,
                -83.04575,
            ),
            _site(
                "University of Cincinnati Gardner Neuroscience Institute",
                "Cincinnati",
                "Ohio",
                "45219",
                "United States",
                39.12713,
                -84.51435,
            ),
            _site(
                "Penn Medicine University City",
                "Philadelphia",
                "Pennsylvania",
                "19104",
                "United States",
                39.95233,
                -75.16379,
            ),
            _site(
                "National Neuromuscular Research Institute",
                "Austin",
                "Texas",
                "78759",
                "United States",
                30.26715,
                -97.74306,
            ),
            _site(
                "Nerve and Muscle Center of Texas",
                "Houston",
                "Texas",
                "77030",
                "United States",
                29.76328,
                -95.36327,
            ),
        ],
        "contacts": [
            _contact(
                "Clinical Trials Administrator", "844-734-6643", "clinicaltrials@regeneron.com"
            ),
        ],
        "plain_title": "Two new medicines for generalized myasthenia gravis (NIMBLE)",
        "plain_summary": (
            "This study tests two medicines, cemdisiran alone or with pozelimab, in adults "
            "with myasthenia gravis that affects more than the eyes. It compares them with a "
            "placebo."
        ),
        "what_it_studies": (
            "In myasthenia gravis, the immune system blocks signals from nerves to muscles. "
            "This causes weakness that gets worse with use. Part of the immune system, called "
            "complement, helps cause the damage. Both study medicines block it. They are given "
            "as shots. People get one of the study treatments or a placebo for about six "
            "months. After that, everyone may be offered a study medicine."
        ),
        "good_fit": (
            "Adults with myasthenia gravis and a positive blood test for AChR or LRP4 "
            "antibodies. Weakness affects daily life beyond the eyes, such as chewing, "
            "breathing or walking. You are on steady treatment."
        ),
        "not_a_fit": (
            "People whose myasthenia gravis affects only the eyes. People with a negative "
            "antibody test. The registry record lists other reasons someone may not be able to "
            "join."
        ),
        "potential_benefit": (
            "If it works, this could mean a new treatment that you give yourself as a shot. "
            "Medicines that block complement can raise the risk of some serious infections, so "
            "vaccines are needed first."
        ),
        "similar_studies": (
            "Other medicines that block this same part of complement are already approved for "
            "this kind of myasthenia gravis. They have helped many people feel stronger. This "
            "study checks whether these new ones work as well."
        ),
    },
]
