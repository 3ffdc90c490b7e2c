"""Drafting criteria from registry text: each phrase family, the traps, and unit conversions.

Our own example sentences, not registry files (those are in test_drafting_labels.py).
"""

from dataclasses import replace

import pytest
from django.utils import translation

from screening.drafting import (
    Draft,
    draft_criteria,
    reasons,
    requirement_lines,
    vocabulary_from_questions,
)
from screening.models import Question

pytestmark = pytest.mark.django_db


@pytest.fixture
def vocabulary():
    return vocabulary_from_questions(Question.objects.all())


def drafts(vocabulary, *, inclusion=(), exclusion=()):
    text = "Inclusion Criteria:\n\n" + "".join(f"* {line}\n" for line in inclusion)
    text += "\nExclusion Criteria:\n\n" + "".join(f"* {line}\n" for line in exclusion)
    return draft_criteria(text, vocabulary)


def rules(found: list[Draft]):
    return [(d.question, d.kind, d.operator, d.value) for d in found]


def included(vocabulary, line):
    return rules(drafts(vocabulary, inclusion=[line]))


def excluded(vocabulary, line):
    return rules(drafts(vocabulary, exclusion=[line]))


@pytest.mark.parametrize(
    "line, operator, value",
    [
        ("eGFR ≥ 30 mL/min/1.73m2", "gte", 30),
        ("eGFR >= 30 mL/min/1.73 m²", "gte", 30),
        (r"eGFR \>= 30 mL/min/1.73 m2", "gte", 30),
        ("eGFR of at least 30 mL/min", "gte", 30),
        ("Estimated glomerular filtration rate of 30 or more", "gte", 30),
        ("eGFR (CKD-EPI) greater than 45", "gt", 45),
        ("eGFR no more than 90 mL/min/1.73m2", "lte", 90),
        ("eGFR below 90", "lt", 90),
        ("eGFR between 30 and 90 mL/min/1.73m2", "between", [30, 90]),
    ],
)
def test_it_reads_comparison_words_and_symbols(vocabulary, line, operator, value):
    assert included(vocabulary, line) == [("egfr", "inclusion", operator, value)]


@pytest.mark.parametrize(
    "line, rule",
    [
        ("HbA1c between 6.5% and 10%", ("hba1c", "between", [6.5, 10])),
        ("BMI 18.5 to 35 kg/m2", ("bmi", "between", [18.5, 35])),
        ("Body mass index of 18-32 kg/m²", ("bmi", "between", [18, 32])),
        ("EDSS score from 0 to 5.5", ("edss", "between", [0, 5.5])),
    ],
)
def test_it_reads_ranges(vocabulary, line, rule):
    key, operator, value = rule
    assert included(vocabulary, line) == [(key, "inclusion", operator, value)]


@pytest.mark.parametrize(
    "line, unit_written, value",
    [
        ("within 30 days", "days", 30),
        ("in the past 12 months", "months", 12),
        ("within the last 3 months", "months", 3),
        ("within 8 weeks prior to screening", "weeks", 8),
        ("in the previous six (6) months", "months", 6),
        ("within the past year", "years", 1),
    ],
)
def test_it_reads_time_windows(vocabulary, line, unit_written, value):
    found = excluded(vocabulary, f"Use of a biologic {line}")
    window = {"amount": value, "unit": unit_written}
    assert found == [("last_biologic_dose", "exclusion", "within_last", window)]


def test_a_window_before_the_concept_counts_too(vocabulary):
    assert excluded(vocabulary, "Within 30 days before Day 1, any investigational drug") == [
        ("last_investigational_drug", "exclusion", "within_last", {"amount": 30, "unit": "days"})
    ]


def test_the_first_window_is_kept_when_half_lives_follow(vocabulary):
    line = "Received an investigational product within 5 half-lives or 30 days, whichever is longer"
    assert excluded(vocabulary, line) == [
        ("last_investigational_drug", "exclusion", "within_last", {"amount": 30, "unit": "days"})
    ]


@pytest.mark.parametrize(
    "line, key, value",
    [
        ("Platelets < 50,000/mm3", "platelets", 50),
        ("Platelet count below 100,000 per microliter", "platelets", 100),
        ("Platelet count < 100 x 10^9/L", "platelets", 100),
        ("Platelets < 75 × 10⁹/L", "platelets", 75),
        ("Platelet count less than 100,000", "platelets", 100),
        ("ANC < 1500/µL", "neutrophils", 1.5),
        ("Absolute neutrophil count < 1.0 x 10^9 cells/L", "neutrophils", 1),
        ("Neutrophils < 1,000 cells/mm³", "neutrophils", 1),
        ("Hemoglobin < 8 g/dL", "hemoglobin", 8),
        ("Hemoglobin < 80 g/L", "hemoglobin", 8),
        ("Hb less than 90", "hemoglobin", 9),
        ("UPCR < 100 mg/mmol", "upcr", 0.884),
        ("UPCR < 500 mg/g", "upcr", 0.5),
        ("Body weight < 40 kg", "weight", 40),
        ("Body weight below 88 lb", "weight", 39.916),
    ],
)
def test_it_converts_units_into_the_canonical_unit(vocabulary, line, key, value):
    assert excluded(vocabulary, line) == [(key, "exclusion", "lt", value)]


@pytest.mark.parametrize(
    "line",
    [
        "Prednisone > 0.5 mg/kg/day",  # per kilogram is not a daily dose
        "Hemoglobin < 5 mmol/L",  # a unit we do not convert
        "Weight < 40",  # a weight needs its unit
        "SLEDAI-2K ≥ 600",  # out of the score's range
        "HbA1c < 48 mmol/mol",
    ],
)
def test_a_number_in_a_unit_we_cannot_read_gives_no_draft(vocabulary, line):
    assert excluded(vocabulary, line) == []


def test_a_list_of_conditions_makes_one_criterion_each(vocabulary):
    assert excluded(vocabulary, "Pregnant or breastfeeding") == [
        ("pregnant", "exclusion", "eq", True),
        ("breastfeeding", "exclusion", "eq", True),
    ]
    assert excluded(vocabulary, "Women who are pregnant, lactating, or planning pregnancy") == [
        ("pregnant", "exclusion", "eq", True),
        ("breastfeeding", "exclusion", "eq", True),
    ]


def test_the_section_says_which_way_a_yes_no_criterion_points(vocabulary):
    assert excluded(vocabulary, "Active CNS lupus") == [
        ("active_cns_lupus", "exclusion", "eq", True)
    ]
    # The same fact, negated under Inclusion, keeps people out too.
    assert included(vocabulary, "No active CNS lupus") == [
        ("active_cns_lupus", "exclusion", "eq", True)
    ]
    assert included(vocabulary, "Not pregnant or breastfeeding") == [
        ("pregnant", "exclusion", "eq", True),
        ("breastfeeding", "exclusion", "eq", True),
    ]
    assert included(vocabulary, "Positive anti-dsDNA at screening") == [
        ("anti_dsdna_positive", "inclusion", "eq", True)
    ]


def test_a_number_keeps_its_section(vocabulary):
    assert excluded(vocabulary, "SLEDAI-2K score < 6") == [("sledai_2k", "exclusion", "lt", 6)]
    assert included(vocabulary, "SLEDAI-2K score ≥ 6 at screening") == [
        ("sledai_2k", "inclusion", "gte", 6)
    ]


def test_two_bounds_for_one_concept_make_two_criteria(vocabulary):
    assert excluded(vocabulary, "BMI < 18 or > 40 kg/m2") == [
        ("bmi", "exclusion", "lt", 18),
        ("bmi", "exclusion", "gt", 40),
    ]


def test_a_comparison_may_lead_into_the_name(vocabulary):
    assert excluded(vocabulary, "Taking more than 20 mg/day of prednisone") == [
        ("prednisone_mg_per_day", "exclusion", "gt", 20)
    ]


def test_any_of_lines_share_a_group(vocabulary):
    text = (
        "Inclusion Criteria:\n\n* Positive lupus blood test, at least one of:\n"
        "  * ANA ≥ 1:80\n  * anti-dsDNA above the lab's normal\n  * anti-Smith antibody\n"
        "* Positive ANA or anti-dsDNA at screening\n"
    )
    found = draft_criteria(text, vocabulary)
    groups = [(d.question, d.any_of_group) for d in found]
    assert groups == [
        ("ana_positive", "any-of-1"),
        ("anti_dsdna_positive", "any-of-1"),
        ("anti_smith_positive", "any-of-1"),
        ("ana_positive", "any-of-2"),
        ("anti_dsdna_positive", "any-of-2"),
    ]
    assert found[0].source == "ANA ≥ 1:80"


def test_inclusion_criteria_joined_by_and_are_all_needed(vocabulary):
    found = drafts(vocabulary, inclusion=["Positive ANA and positive anti-dsDNA"])
    assert [d.any_of_group for d in found] == ["", ""]


@pytest.mark.parametrize(
    "section, line",
    [
        ("inclusion", "Any stable dose of prednisone is allowed"),
        ("inclusion", "Prednisone up to 20 mg/day is permitted"),
        ("exclusion", "People on dialysis may take part"),
        ("exclusion", "Latent TB is not an exclusion if treated"),
        ("inclusion", "Agree to avoid pregnancy during the study"),
        ("exclusion", "Any immunosuppressant other than prednisone"),
        ("exclusion", "IV methylprednisolone pulse of 500 mg or more within 3 months"),
        ("exclusion", "Corticosteroid pulse ≥ 250 mg/day"),
        ("inclusion", "History of pregnancy loss"),
        ("exclusion", "Live vaccines during the study"),
        ("exclusion", "Participation in a study of an investigational device within 30 days"),
        ("exclusion", "Biologic therapy, at any time"),
        ("inclusion", "Diagnosis of SLE for at least 6 months"),
        ("exclusion", "Cancer screening not up to date"),
        # "Ever" cannot be read as "in the last 12 months": a yes would not mean a yes here.
        ("exclusion", "Stem cell therapy within the last 12 months"),
        (
            "exclusion",
            "Any illness that would leave a patient unable to tolerate stem cell therapy",
        ),
        (
            "exclusion",
            "Stem cell treatment within 12 months before first dose of investigational product",
        ),
    ],
)
def test_lines_that_name_a_concept_but_set_no_requirement_give_no_draft(vocabulary, section, line):
    assert rules(drafts(vocabulary, **{section: [line]})) == []


def test_words_added_from_the_labelled_trials_are_read(vocabulary):
    assert excluded(vocabulary, "Previously received stem cell therapy") == [
        ("car_t_or_stem_cell_ever", "exclusion", "eq", True)
    ]
    assert included(vocabulary, "Seropositive for antinuclear (≥1:80) antibodies") == [
        ("ana_positive", "inclusion", "eq", True)
    ]
    assert excluded(vocabulary, "eGRF < 60") == [("egfr", "exclusion", "lt", 60)]


def test_a_hedge_in_another_clause_does_not_cancel_the_requirement(vocabulary):
    line = "Prednisone > 20 mg/day; hydroxychloroquine is allowed"
    assert excluded(vocabulary, line) == [("prednisone_mg_per_day", "exclusion", "gt", 20)]


def test_not_allowed_is_no_hedge(vocabulary):
    assert excluded(vocabulary, "Dialysis is not allowed") == [
        ("dialysis_or_transplant", "exclusion", "eq", True)
    ]


def test_an_exception_after_the_concept_keeps_the_criterion(vocabulary):
    line = "Malignancy within the past 5 years, except treated basal cell carcinoma"
    assert excluded(vocabulary, line) == [("cancer_last_5_years", "exclusion", "eq", True)]


def test_a_question_with_its_own_time_window_needs_a_window_that_fits(vocabulary):
    yes = [("live_vaccine_last_30_days", "exclusion", "eq", True)]
    assert excluded(vocabulary, "Live vaccine within 4 weeks of Day 1") == yes
    assert excluded(vocabulary, "Live attenuated vaccine within 3 months") == yes
    # A shorter window in the text: yes to "the last 30 days" need not mean yes to it.
    assert excluded(vocabulary, "Live vaccine within 14 days") == []
    # History of cancer at any time covers the last 5 years; 2 years does not.
    assert excluded(vocabulary, "History of cancer") == [
        ("cancer_last_5_years", "exclusion", "eq", True)
    ]
    assert excluded(vocabulary, "Malignancy within 2 years") == []


def test_text_without_headings_lists_what_people_must_meet(vocabulary):
    text = (
        "* No pregnant or nursing women\n* Platelets at least 100,000\n"
        "* Patients with platelets below 50,000/mm3 are not eligible\n"
        "* No patients with severe nephritis: GFR less than 50 mL/min\n"
    )
    assert rules(draft_criteria(text, vocabulary)) == [
        ("pregnant", "exclusion", "eq", True),
        ("breastfeeding", "exclusion", "eq", True),
        ("platelets", "inclusion", "gte", 100),
        ("platelets", "exclusion", "lt", 50),
        ("egfr", "exclusion", "lt", 50),
    ]


def test_a_pregnancy_test_is_about_pregnancy(vocabulary):
    pregnant = [("pregnant", "exclusion", "eq", True)]
    line = "Women of childbearing potential must have a negative pregnancy test"
    assert included(vocabulary, line) == pregnant
    assert included(vocabulary, "Urine pregnancy tests were negative") == pregnant
    assert excluded(vocabulary, "A positive pregnancy test at entry") == pregnant
    assert included(vocabulary, "Male or non-pregnant females") == pregnant


def test_at_least_some_time_since_is_a_window_that_keeps_recent_ones_out(vocabulary):
    assert included(
        vocabulary, "More than 4 weeks from immunization with a live viral vaccine"
    ) == [("live_vaccine_last_30_days", "exclusion", "eq", True)]
    assert included(vocabulary, "At least 6 months since the last dose of a biologic") == [
        ("last_biologic_dose", "exclusion", "within_last", {"amount": 6, "unit": "months"})
    ]


def test_requirements_glued_into_one_line_are_read_apart(vocabulary):
    line = (
        "History of cancer within 3 years, except skin cancer of the uterine cervix Pregnant "
        "or breast feeding Active CNS lupus"
    )
    assert excluded(vocabulary, line) == [
        ("pregnant", "exclusion", "eq", True),
        ("breastfeeding", "exclusion", "eq", True),
        ("active_cns_lupus", "exclusion", "eq", True),
    ]


def test_a_bound_written_in_two_units_is_read_in_the_one_we_know(vocabulary):
    assert excluded(vocabulary, "Hemoglobin < 6.2 mmol/L (10.0 g/dL)") == [
        ("hemoglobin", "exclusion", "lt", 10)
    ]
    assert excluded(vocabulary, "Platelet count <100 × 109/L") == [
        ("platelets", "exclusion", "lt", 100)
    ]
    assert excluded(vocabulary, "Platelets < 1 million") == []


def test_creatinine_clearance_counts_as_kidney_function(vocabulary):
    assert excluded(vocabulary, "Creatinine clearance rate (Ccr) < 45 ml/min") == [
        ("egfr", "exclusion", "lt", 45)
    ]


def test_a_blocker_counts_only_in_its_own_list_item(vocabulary):
    line = "High dose steroids (i.e., IV or IM corticosteroids or oral prednisone > 10 mg/day)"
    assert excluded(vocabulary, line) == [("prednisone_mg_per_day", "exclusion", "gt", 10)]
    assert (
        included(vocabulary, "Trial of corticosteroids (oral prednisone more than 20 mg/day)") == []
    )
    assert excluded(vocabulary, "Increase in SLEDAI >2 points in 3 months") == []


def test_the_comparison_word_may_come_before_the_drug(vocabulary):
    line = "Use of corticosteroids at doses exceeding the equivalent of prednisone 10 mg daily"
    assert excluded(vocabulary, line) == [("prednisone_mg_per_day", "exclusion", "gt", 10)]


@pytest.mark.parametrize(
    "line",
    [
        "First degree relative with a history of clots (such as after pregnancy)",
        "Men whose partners are pregnant",
        "Pregnant or lactating women will be excluded from vascular studies",
        "History of malignant thymoma (stage 1 may be enrolled)",
        "Treatment by the National Cancer Institute criteria",
    ],
)
def test_lines_about_someone_else_or_part_of_the_study_give_no_draft(vocabulary, line):
    assert excluded(vocabulary, line) == []


def test_a_draft_carries_its_line_who_confirms_it_and_a_plain_reason(vocabulary):
    [draft] = drafts(vocabulary, inclusion=["eGFR ≥ 30 mL/min/1.73m2 at screening"])
    # Its Spanish depends on the Spanish catalogue: test_a_draft_gets_its_reason_in_spanish.
    assert replace(draft, reason_es="") == Draft(
        question="egfr",
        kind="inclusion",
        operator="gte",
        value=30,
        source="eGFR ≥ 30 mL/min/1.73m2 at screening",
        confirmed_by="doctor",
        reason="This study needs a kidney test (eGFR) of 30 or more.",
    )
    [pregnant] = drafts(vocabulary, exclusion=["Pregnancy"])
    assert pregnant.confirmed_by == "patient"
    assert pregnant.reason == "This study does not take people who are pregnant or plan to be."
    [window] = drafts(vocabulary, exclusion=["Any biologic within 6 months"])
    assert window.reason == (
        "This study does not take people who had a biologic medicine in the last 6 months."
    )


def test_a_draft_gets_its_reason_in_spanish_from_the_words_and_the_catalogue(
    vocabulary, monkeypatch
):
    catalogue = {
        "This study needs %(thing)s of %(value)s or more.": (
            "Este estudio necesita %(thing)s de %(value)s o más."
        )
    }
    english = reasons._

    def spanish_where_known(message):
        # This catalogue instead of the real one: only what it holds is in Spanish.
        if translation.get_language() == "es":
            return catalogue.get(message, message)
        return english(message)

    monkeypatch.setattr(reasons, "_", spanish_where_known)
    [draft] = drafts(vocabulary, inclusion=["eGFR ≥ 30 mL/min/1.73m2 at screening"])
    [pregnant] = drafts(vocabulary, exclusion=["Pregnancy"])

    assert draft.reason == "This study needs a kidney test (eGFR) of 30 or more."
    assert draft.reason_es == "Este estudio necesita un análisis de los riñones (eGFR) de 30 o más."
    # No Spanish sentence in the catalogue: no half-English reason_es, the English is shown.
    catalogue.clear()
    assert drafts(vocabulary, exclusion=["Pregnancy"])[0].reason_es == ""
    assert pregnant.reason_es == ""


def test_the_source_line_is_cleaned_of_markup(vocabulary):
    [draft] = draft_criteria("Exclusion Criteria:\n\n* **Platelets** \\< 50,000/mm3", vocabulary)
    assert draft.source == "Platelets < 50,000/mm3"


def test_requirement_lines_keep_sub_items_and_drop_lead_ins():
    text = (
        "Inclusion Criteria:\n\nPatients must meet all of the following:\n\n"
        "* Age 18 or older\n* At least one of:\n  * ANA\n  * anti-dsDNA\n\n"
        "Exclusion Criteria:\n\n* Pregnancy\n"
    )
    assert [(line.kind, line.text) for line in requirement_lines(text)] == [
        ("inclusion", "Age 18 or older"),
        ("inclusion", "ANA"),
        ("inclusion", "anti-dsDNA"),
        ("exclusion", "Pregnancy"),
    ]


def test_staff_words_on_a_question_extend_the_drafter(vocabulary):
    assert excluded(vocabulary, "Kidney failure needing haemofiltration") == []
    question = Question.objects.get(key="dialysis_or_transplant")
    question.terms["names"].append("haemofiltration")
    question.save()

    extended = vocabulary_from_questions(Question.objects.all())

    assert excluded(extended, "Kidney failure needing haemofiltration") == [
        ("dialysis_or_transplant", "exclusion", "eq", True)
    ]


def test_words_checked_on_trials_the_drafter_had_not_seen(vocabulary):
    line = "Pregnant woman and lactating mother or man not willing to use acceptable contraception"
    assert excluded(vocabulary, line) == [
        ("pregnant", "exclusion", "eq", True),
        ("breastfeeding", "exclusion", "eq", True),
    ]
    assert excluded(vocabulary, "Cancer associated myositis") == []
    assert excluded(vocabulary, "Subjects who have AIDS") == [
        ("chronic_infection", "exclusion", "eq", True)
    ]
    assert excluded(vocabulary, "Patients who need hearing aids") == []
    line = "Another clinical study (with another Investigational Medical Product) within 3 months"
    assert excluded(vocabulary, line) == [
        ("last_investigational_drug", "exclusion", "within_last", {"amount": 3, "unit": "months"})
    ]


def test_blood_counts_are_worded_the_way_lab_reports_print_them(vocabulary):
    [draft] = drafts(vocabulary, exclusion=["Platelets < 50,000/mm3"])
    assert draft.reason == (
        "This study does not take people with a platelet count below 50 thousand per microliter."
    )


def test_only_requirements_joined_by_or_are_alternatives(vocabulary):
    line = (
        "Positive ANA (≥1:80 titer) or positive dsDNA antibody within 6 months of screening "
        "Clinically active SLE determined by SLEDAI score ≥6 at screening"
    )
    groups = [(d.question, d.any_of_group) for d in drafts(vocabulary, inclusion=[line])]
    assert groups == [
        ("ana_positive", "any-of-1"),
        ("anti_dsdna_positive", "any-of-1"),
        ("sledai_2k", ""),
    ]
    line = "At least one of the following: ANA ≥ 1:80, anti-dsDNA, anti-Smith antibody"
    found = drafts(vocabulary, inclusion=[line])
    assert {d.any_of_group for d in found} == {"any-of-1"} and len(found) == 3


def test_a_change_in_a_number_or_a_condition_on_it_is_no_requirement(vocabulary):
    line = "EDSS of greater than or equal to 3.0, and less than or equal to 6.5, at screening"
    assert included(vocabulary, line) == [
        ("edss", "inclusion", "gte", 3),
        ("edss", "inclusion", "lte", 6.5),
    ]
    assert included(vocabulary, "No significant change in EDSS (1 point or more)") == []
    line = "An increase of ≥1 EDSS point (if at randomization EDSS ≤ 5.0)"
    assert included(vocabulary, line) == []
