"""Registered eligibility text becomes headed lists a person can read."""

from trials.eligibility_text import find_heading, readable_eligibility

CTGOV_TEXT = """Inclusion Criteria:

* Age 18 to 75 years
* Diagnosis of SLE for at least 6 months
  * positive ANA or anti-dsDNA
  * SLEDAI-2K of 6 or more
* Able to give consent

Exclusion Criteria:

* Pregnant or breastfeeding
* Active infection
"""


def test_it_splits_inclusion_and_exclusion_lists():
    sections = readable_eligibility(CTGOV_TEXT)

    assert [section.kind for section in sections] == ["inclusion", "exclusion"]
    inclusion = sections[0].blocks[0].items
    assert [item.text for item in inclusion] == [
        "Age 18 to 75 years",
        "Diagnosis of SLE for at least 6 months",
        "Able to give consent",
    ]
    assert inclusion[1].subitems == ["positive ANA or anti-dsDNA", "SLEDAI-2K of 6 or more"]
    assert [item.text for item in sections[1].blocks[0].items] == [
        "Pregnant or breastfeeding",
        "Active infection",
    ]


def test_it_reads_numbered_and_dotted_bullets_with_wrapped_lines():
    text = (
        "        Inclusion Criteria:\n\n"
        "          1. Adults with lupus nephritis confirmed by a kidney\n"
        "             biopsy in the last year\n"
        "          2) Proteinuria above 1 g a day\n\n"
        "        Exclusion Criteria:\n\n"
        "          • Dialysis\n"
        "          - Kidney transplant\n"
    )

    sections = readable_eligibility(text)

    assert [item.text for item in sections[0].blocks[0].items] == [
        "Adults with lupus nephritis confirmed by a kidney biopsy in the last year",
        "Proteinuria above 1 g a day",
    ]
    assert [item.text for item in sections[1].blocks[0].items] == ["Dialysis", "Kidney transplant"]


def test_it_keeps_headings_case_insensitive_and_text_on_the_heading_line():
    sections = readable_eligibility(
        "INCLUSION CRITERIA: adults with SLE\nexclusion criteria\n- none"
    )

    assert sections[0].kind == "inclusion"
    assert sections[0].blocks[0].paragraph == "adults with SLE"
    assert sections[1].kind == "exclusion"
    assert sections[1].blocks[0].items[0].text == "none"


def test_text_without_headings_stays_as_paragraphs():
    text = "Women and men with lupus.\nThey must live near a site.\n\nNo other limits."

    sections = readable_eligibility(text)

    assert len(sections) == 1
    assert sections[0].kind == ""
    assert [block.paragraph for block in sections[0].blocks] == [
        "Women and men with lupus. They must live near a site.",
        "No other limits.",
    ]


def test_a_paragraph_between_lists_starts_a_new_list():
    text = "Inclusion Criteria:\n* one\nAlso one of these:\n* two\n"

    blocks = readable_eligibility(text)[0].blocks

    assert [item.text for item in blocks[0].items] == ["one"]
    assert blocks[1].paragraph == "Also one of these:"
    assert [item.text for item in blocks[2].items] == ["two"]


def test_lines_without_bullets_are_each_a_requirement():
    text = (
        "Inclusion Criteria:\n\nAdults 18 to 65 years old\nA positive ANA or anti-dsDNA test\n\n"
        "Exclusion Criteria:\n\nActive lupus of the brain\nPregnant or breast feeding\n"
        "Kidney test (eGFR) below 30\n"
    )

    sections = readable_eligibility(text)

    assert [item.text for item in sections[0].blocks[0].items] == [
        "Adults 18 to 65 years old",
        "A positive ANA or anti-dsDNA test",
    ]
    assert [item.text for item in sections[1].blocks[0].items] == [
        "Active lupus of the brain",
        "Pregnant or breast feeding",
        "Kidney test (eGFR) below 30",
    ]


def test_one_a_line_keeps_lead_ins_and_lines_broken_after_a_joining_word():
    text = (
        "Inclusion Criteria:\n\nSigns of nerve damage shown by:\nhistory of optic neuritis, or\n"
        "optic atrophy\nSLEDAI-2K of 6 or\nmore at screening\n"
    )

    items = readable_eligibility(text)[0].blocks[0].items

    assert [item.text for item in items] == [
        "Signs of nerve damage shown by:",
        "SLEDAI-2K of 6 or more at screening",
    ]
    assert items[0].subitems == ["history of optic neuritis, or", "optic atrophy"]


def test_lines_wrapped_at_a_fixed_width_still_join():
    text = (
        "Exclusion Criteria:\n\n  Patients on dialysis or with a kidney transplant, or with\n"
        "  Severe kidney disease as judged by the doctor\n"
    )

    blocks = readable_eligibility(text)[0].blocks

    assert [block.paragraph for block in blocks] == [
        "Patients on dialysis or with a kidney transplant, or with Severe kidney disease as "
        "judged by the doctor"
    ]


def test_empty_text_gives_nothing_to_show():
    assert readable_eligibility("") == []
    assert readable_eligibility("  \n \n") == []


# --- headings: a hand-labelled set of real spellings (from ../shared/data), and look-alikes ---

HEADINGS = {
    "Inclusion Criteria:": "inclusion",
    "Exclusion Criteria": "exclusion",
    "INCLUSION CRITERIA:": "inclusion",
    "- INCLUSION CRITERIA:": "inclusion",
    "Key Inclusion Criteria:": "inclusion",
    "Key Exclusion Criteria:": "exclusion",
    "Inclusion:": "inclusion",
    "Exclusion:": "exclusion",
    "Criteria for Exclusion:": "exclusion",
    "Specific exclusions:": "exclusion",
    "Exclusion Criteria of drugs": "exclusion",
    "Exclusion criteria specific to patients with PSC": "exclusion",
    "Inclusion Criteria for all patients to join the protocol": "inclusion",
    "*Phase I clinical trial Inclusion Criteria": "inclusion",
    "PSC patients - Inclusion": "inclusion",
    "INCLUSION CRITERIA - All patients admitted must satisfy the following:": "inclusion",
}
NOT_HEADINGS = [
    "RRMS not fulfilling inclusion criteria",
    "1. SPMS not fulfilling inclusion criteria",
    "Any condition not fulfilling inclusion criteria",
    "NOTE: Other protocol-defined Inclusion/ Exclusion Criteria apply",
    "Other criteria the investigator consider improper for inclusion.",
    "Inclusion of women of child-bearing age is allowed",
    "Complication mentioned in 5 above in inclusion",
    "ToleDYNAMIC Substudy: Inclusion criteria are those of the main study",
    "Diagnosis of MS as defined by the McDonald criteria",
]


def test_headings_are_found_in_their_common_spellings_and_nothing_else():
    found = {line: find_heading(line) for line in [*HEADINGS, *NOT_HEADINGS]}

    true_positives = [
        line for line in HEADINGS if found[line] and found[line].kind == HEADINGS[line]
    ]
    false_positives = [line for line in NOT_HEADINGS if found[line]]
    precision = len(true_positives) / (len(true_positives) + len(false_positives))
    recall = len(true_positives) / len(HEADINGS)

    assert (precision, recall) == (1.0, 1.0), (false_positives, set(HEADINGS) - set(true_positives))


def test_a_heading_written_as_a_bullet_is_a_heading_not_an_item():
    sections = readable_eligibility("- INCLUSION CRITERIA:\n- adults with SLE\n")

    assert sections[0].kind == "inclusion"
    assert [item.text for item in sections[0].blocks[0].items] == ["adults with SLE"]


def test_the_old_nci_layout_gets_sub_headings_and_one_item_per_requirement():
    text = (
        "PROTOCOL ENTRY CRITERIA:\n\n--Disease Characteristics-- Systemic lupus by American\n"
        "College of Rheumatology criteria Prednisone 10 to 30 mg/day No daily dose 1 mg/kg or\n"
        "greater --Patient Characteristics-- Not pregnant\n"
    )

    sections = readable_eligibility(text)

    assert [(section.kind, section.title) for section in sections] == [
        ("", "Disease characteristics"),
        ("", "Patient characteristics"),
    ]
    assert [item.text for item in sections[0].blocks[0].items] == [
        "Systemic lupus by American College of Rheumatology criteria",
        "Prednisone 10 to 30 mg/day",
        "No daily dose 1 mg/kg or greater",
    ]
    assert sections[1].blocks[0].paragraph == "Not pregnant"


def test_a_wrapped_line_joins_its_item_even_after_a_blank_line():
    text = (
        "Exclusion Criteria:\n\n  -  Unable to be reached by phone\n\n"
        "  -  Rheumatologist considers patient unable to participate, generally due to\n"
        "     cognitive problems or severe illness\n\n"
        "of any kind, as judged by the doctor.\n"
    )

    items = readable_eligibility(text)[0].blocks[0].items

    assert [item.text for item in items] == [
        "Unable to be reached by phone",
        "Rheumatologist considers patient unable to participate, generally due to cognitive"
        " problems or severe illness of any kind, as judged by the doctor.",
    ]


def test_escapes_are_undone_before_the_text_is_split():
    sections = readable_eligibility("Inclusion Criteria:\n\n* BMI \\< 40\n* Age \\>= 18\n")

    assert [item.text for item in sections[0].blocks[0].items] == ["BMI < 40", "Age >= 18"]
