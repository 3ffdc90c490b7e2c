"""Labels across every real registry record: purposes, ages, NIH codes, names, conditions."""

import re

import pytest

from tests.trials.real_catalogue import (
    needs_shared_data,
    real_catalogue,  # noqa: F401 (the module's fixture)
    trial_pages,
    visible_text,
)
from trials.models import Kind, Purpose, Trial

pytestmark = [pytest.mark.django_db, needs_shared_data, pytest.mark.usefixtures("real_catalogue")]


def test_every_study_type_is_the_registrys_and_every_label_reads_right(client):
    mislabelled, zero_ages, codes_alone, capitals, over_corrected = [], [], [], [], []

    for trial, html in trial_pages(client):
        text = visible_text(html)
        purpose = trial.primary_purpose
        if purpose and purpose != Purpose.TREATMENT and "Treatment study" in text:
            mislabelled.append(trial.registry_id)
        facts = visible_text(re.search(r'<dl class="facts">.*?</dl>', html, re.S)[0])
        if re.search(r"\b0 (years|months|weeks|days)\b|\b1 (years|months|weeks|days)\b", facts):
            zero_ages.append(trial.registry_id)
        if trial.funding_mechanism and not re.search(
            r"\S \(" + trial.funding_mechanism + r"\)", text
        ):
            codes_alone.append(trial.registry_id)
        title = re.search(r'<h1 id="trial-title">(.*?)</h1>', html)[1]
        people = re.findall(r'class="contact__name">([^<(]*)', html)
        if any(name.strip().isupper() and len(name.strip()) > 4 for name in [title, *people]):
            capitals.append(trial.registry_id)
        if "Aphp" in text or "(Ucb)" in text:
            over_corrected.append(trial.registry_id)

    purposes = set(Trial.objects.values_list("primary_purpose", flat=True))
    assert {Purpose.PREVENTION, Purpose.SUPPORTIVE_CARE, Purpose.BASIC_SCIENCE} <= purposes
    assert mislabelled == []
    assert zero_ages == []
    assert codes_alone == []
    assert capitals == []
    assert over_corrected == []


def test_no_real_nih_project_unrelated_to_our_conditions_is_filed_under_one():
    projects = Trial.objects.filter(kind=Kind.NIH_PROJECT)

    assert projects.count() == 24
    assert [p.registry_id for p in projects if p.conditions.exists()] == []
