"""Registry text across every real record: unescaped, wrapped lines joined, headings found."""

import re

import pytest

from tests.trials.real_catalogue import (
    needs_shared_data,
    real_catalogue,  # noqa: F401 (the module's fixture)
    trial_pages,
    visible_text,
)
from trials.eligibility_text import readable_eligibility
from trials.models import Trial

pytestmark = [pytest.mark.django_db, needs_shared_data, pytest.mark.usefixtures("real_catalogue")]

MARKDOWN_ESCAPE = re.compile(r"\\[<>=\[\]*_#~.()+\-&]")


def items_of(registry_id: str) -> str:
    text = Trial.objects.get(registry_id=registry_id).eligibility_text
    return " ".join(
        item.text
        for section in readable_eligibility(text)
        for block in section.blocks
        for item in block.items
    )


def test_no_real_page_shows_a_markdown_escape_or_an_escaped_entity(client):
    escapes, entities = [], []

    for trial, html in trial_pages(client):
        text = visible_text(html)
        if MARKDOWN_ESCAPE.search(text):
            escapes.append((trial.registry_id, MARKDOWN_ESCAPE.search(text)[0]))
        if re.search(r"&(lt|gt|amp|quot|#\d+);", text):
            entities.append(trial.registry_id)

    assert escapes == []
    assert entities == []


def test_lab_limits_read_as_written():
    assert "if < 18 years of age" in items_of("NCT03929601")
    assert "Body mass index < 40kg" in items_of("NCT01672255")


def test_no_heading_is_shown_as_a_bullet(client):
    headings_as_items = []

    for trial, html in trial_pages(client):
        eligibility = re.search(r'class="eligibility">(.*?)</section>', html, re.S)
        if eligibility and re.search(
            r"<li>\s*(key\s+)?(inclusion|exclusion)\s+criteria", eligibility[1], re.I
        ):
            headings_as_items.append(trial.registry_id)

    assert headings_as_items == []


def ends_open(block) -> bool:
    """The block's last words do not end a sentence or a lead-in."""
    last = block.items[-1] if block.items else None
    text = (last.subitems[-1] if last and last.subitems else last.text) if last else block.paragraph
    return not text.rstrip().endswith((".", ":", ";", "!", "?"))


def test_no_wrapped_line_is_shown_apart_from_the_line_it_finishes():
    wrapped = []
    for trial in Trial.objects.exclude(eligibility_text=""):
        for section in readable_eligibility(trial.eligibility_text):
            for before, block in zip(section.blocks, section.blocks[1:], strict=False):
                if block.paragraph[:1].islower() and ends_open(before):
                    wrapped.append((trial.registry_id, block.paragraph[:40]))

    assert wrapped == []


def test_every_real_text_without_headings_still_comes_in_parts():
    unsplit = []
    for trial in Trial.objects.exclude(eligibility_text=""):
        sections = readable_eligibility(trial.eligibility_text)
        headed = any(section.kind or section.title for section in sections)
        blocks = [block for section in sections for block in section.blocks]
        lines = [line for line in trial.eligibility_text.splitlines() if line.strip()]
        if not headed and len(lines) > 3 and len(blocks) == 1 and not blocks[0].items:
            unsplit.append(trial.registry_id)

    assert unsplit == []


def test_pages_without_our_writing_say_so_and_mark_the_registry_text_english(client):
    false_claims, unmarked = [], []

    for trial, html in trial_pages(client):
        text = visible_text(html)
        if not trial.has_plain_language and "This page is our plain-language guide" in text:
            false_claims.append(trial.registry_id)
        if trial.brief_summary and '<div class="registry-text" lang="en">' not in html:
            unmarked.append(trial.registry_id)

    assert false_claims == []
    assert unmarked == []
