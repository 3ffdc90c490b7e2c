"""Structured criteria for the demo trials, added when `manage.py load_demo` runs.

The seed trial NCT06737380 gets every inclusion criterion it lists that a patient or doctor can
answer (consent and keeping to the visit schedule are not screening questions), reviewed, each
naming its line of the demo text. Our wording. Demo trials get no drafts (their criteria are
ours, and the demo questionnaire stays as it was written), but each gets its coverage counted.
"""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from screening.drafts import count_coverage
from screening.models import Criterion, Question
from trials.models import Trial
from trials.signals import demo_loaded

SEED_TRIAL_ID = "NCT06737380"

DIAGNOSIS = (
    "Diagnosed with SLE by the ACR classification criteria (at least 4 of 11) or the SLICC "
    "criteria (at least 4 of 17, with one clinical and one immunologic)."
)
ANTIBODIES = (
    "Positive ANA (titer 1:160 or higher) or positive anti-dsDNA antibodies within 6 months "
    "before screening."
)
KIDNEYS = "eGFR of 30 mL/min/1.73 m2 or more during screening."
THERAPY = (
    "At least 12 weeks of background SLE therapy with one or more non-biologic medicines (for "
    "example an immunosuppressant or an antimalarial) before screening; corticosteroids alone "
    "do not count."
)
ACTIVITY = "SLEDAI-2K score of 6 or more at screening."

# key, operator, value, any-of group, confirmed by, reason shown to patients, source line
SEED_CRITERIA: list[tuple[str, str, Any, str, str, str, str]] = [
    (
        "conditions",
        "in",
        ["sle"],
        "",
        "patient",
        "This study is for people with lupus (SLE) diagnosed by a doctor.",
        DIAGNOSIS,
    ),
    (
        "ana_positive",
        "eq",
        True,
        "antibodies",
        "patient",
        "This study needs a positive lupus blood test in the last 6 months: ANA at 1:160 or "
        "higher, or anti-dsDNA.",
        ANTIBODIES,
    ),
    (
        "anti_dsdna_positive",
        "eq",
        True,
        "antibodies",
        "patient",
        "This study needs a positive lupus blood test in the last 6 months: ANA at 1:160 or "
        "higher, or anti-dsDNA.",
        ANTIBODIES,
    ),
    (
        "egfr",
        "gte",
        30,
        "",
        "doctor",
        "This study needs a kidney test (eGFR) of 30 or more.",
        KIDNEYS,
    ),
    (
        "background_therapy_weeks",
        "gte",
        12,
        "",
        "patient",
        "This study needs you to have taken a lupus medicine that is not a steroid, such as "
        "hydroxychloroquine or mycophenolate, for at least 12 weeks.",
        THERAPY,
    ),
    (
        "sledai_2k",
        "gte",
        6,
        "",
        "doctor",
        "This study is for lupus that is active right now (a SLEDAI-2K score of 6 or more).",
        ACTIVITY,
    ),
]


def write_seed_criteria(trial: Trial) -> None:
    """Replace the seed trial's structured criteria with SEED_CRITERIA (same rows every time)."""
    current = list(
        trial.criteria.order_by("position", "id").values_list(
            "question__key", "operator", "value", "any_of_group", "confirmed_by", "reason", "source"
        )
    )
    if current == [tuple(row) for row in SEED_CRITERIA]:
        return
    questions = {question.key: question for question in Question.objects.all()}
    trial.criteria.all().delete()
    for position, row in enumerate(SEED_CRITERIA):
        key, operator, value, group, confirmed_by, reason, source = row
        criterion = Criterion(
            trial=trial,
            question=questions[key],
            kind="inclusion",
            operator=operator,
            value=value,
            any_of_group=group,
            confirmed_by=confirmed_by,
            reason=reason,
            source=source,
            position=position * 10,
        )
        criterion.full_clean()
        criterion.save()


@receiver(demo_loaded, dispatch_uid="screening_demo_criteria")
def add_demo_criteria(sender, trials: list[Trial], **kwargs) -> None:
    for trial in trials:
        if trial.registry_id == SEED_TRIAL_ID:
            write_seed_criteria(trial)
    count_coverage(trials)
