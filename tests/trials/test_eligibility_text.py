"""Registered eligibility text becomes headed lists a person can read."""

from trials.eligibility_text import readable_eligibility

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


def test_empty_text_gives_nothing_to_show():
    assert readable_eligibility("") == []
    assert readable_eligibility("  \n \n") == []
