"""Structured criteria for the demo trials, added when `manage.py load_demo` runs.

The seed trial NCT06737380 gets every inclusion criterion it lists that a patient or doctor can
answer (consent and keeping to the visit schedule are not screening questions). Our wording.
"""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from screening.models import Criterion, Question
from trials.models import Trial
from trials.signals import demo_loaded

SEED_TRIAL_ID = "NCT06737380"

# key, operator, value, any-of group, confirmed by, reason shown to patients
SEED_CRITERIA: list[tuple[str, str, Any, str, str, str]] = [
    (
        "conditions",
        "in",
        ["sle"],
        "",
        "patient",
        "This study is for people with lupus (SLE) diagnosed by a doctor.",
    ),
    (
        "ana_positive",
        "eq",
        True,
        "antibodies",
        "patient",
        "This study needs a positive lupus blood test in the last 6 months: ANA at 1:160 or "
        "higher, or anti-dsDNA.",
    ),
    (
        "anti_dsdna_positive",
        "eq",
        True,
        "antibodies",
        "patient",
        "This study needs a positive lupus blood test in the last 6 months: ANA at 1:160 or "
        "higher, or anti-dsDNA.",
    ),
    (
        "egfr",
        "gte",
        30,
        "",
        "doctor",
        "This study needs a kidney test (eGFR) of 30 or more.",
    ),
    (
        "background_therapy_weeks",
        "gte",
        12,
        "",
        "patient",
        "This study needs you to have taken a lupus medicine that is not a steroid, such as "
        "hydroxychloroquine or mycophenolate, for at least 12 weeks.",
    ),
    (
        "sledai_2k",
        "gte",
        6,
        "",
        "doctor",
        "This study is for lupus that is active right now (a SLEDAI-2K score of 6 or more).",
    ),
]


def write_seed_criteria(trial: Trial) -> None:
    """Replace the seed trial's structured criteria with SEED_CRITERIA (same rows every time)."""
    current = list(
        trial.criteria.order_by("position", "id").values_list(
            "question__key", "operator", "value", "any_of_group", "confirmed_by", "reason"
        )
    )
    if current == [tuple(row) for row in SEED_CRITERIA]:
        return
    questions = {question.key: question for question in Question.objects.all()}
    trial.criteria.all().delete()
    for position, (key, operator, value, group, confirmed_by, reason) in enumerate(SEED_CRITERIA):
        criterion = Criterion(
            trial=trial,
            question=questions[key],
            kind="inclusion",
            operator=operator,
            value=value,
            any_of_group=group,
            confirmed_by=confirmed_by,
            reason=reason,
            position=position * 10,
        )
        criterion.full_clean()
        criterion.save()


@receiver(demo_loaded, dispatch_uid="screening_demo_criteria")
def add_demo_criteria(sender, trials: list[Trial], **kwargs) -> None:
    for trial in trials:
        if trial.registry_id == SEED_TRIAL_ID:
            write_seed_criteria(trial)
