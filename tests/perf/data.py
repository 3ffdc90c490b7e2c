"""Many realistic open trials for the benchmarks, written with bulk_create from a fixed seed.

Each trial gets registry facts (age range, sex, conditions, healthy volunteers), one to three
sites with coordinates, a contact, and about 20 authored criteria drawn over the shipped
question bank: any-of antibody groups, doctor-confirmed kidney and activity scores, time
windows and exclusions, with thresholds that vary so trials do not all share one rule.
"""

from __future__ import annotations

import os
import random
import time
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from screening.models import Criterion, Question
from screening.questions import QuestionSpec, clean_criterion_value
from trials.models import Condition, Contact, Kind, Site, Status, Trial

# The numbers of open trials the benchmarks build, smallest first: BENCH_SIZES=200,1000 picks
# others (default 1,000 then 10,000).
SIZES = tuple(
    sorted(int(size) for size in os.environ.get("BENCH_SIZES", "1000,10000").split(",") if size)
)
LARGEST = SIZES[-1]

SEED = 20260101
REGISTRY_PREFIX = "NCT8"  # our benchmark trials; real NCT ids do not start with 8 yet
BATCH = 2000

# Weighted toward lupus, as our patients are.
CONDITION_WEIGHTS = {
    "sle": 30,
    "lupus-nephritis": 14,
    "cutaneous-lupus": 6,
    "antiphospholipid-syndrome": 3,
    "rheumatoid-arthritis": 8,
    "sjogrens": 5,
    "systemic-sclerosis": 4,
    "myositis": 3,
    "vasculitis": 3,
    "multiple-sclerosis": 6,
    "neuromyelitis-optica": 1,
    "myasthenia-gravis": 2,
    "type-1-diabetes": 4,
    "ibd": 4,
    "psoriasis": 4,
    "axial-spondyloarthritis": 2,
    "autoimmune-liver-disease": 1,
}

AGE_RANGES = [
    ((18, "years"), (75, "years"), 40),
    ((18, "years"), (65, "years"), 20),
    ((18, "years"), None, 15),
    ((12, "years"), (17, "years"), 5),
    ((16, "years"), (70, "years"), 8),
    ((6, "months"), (17, "years"), 2),
    (None, (80, "years"), 5),
    (None, None, 5),
]

# Sites around the United States: (city, state, ZIP, latitude, longitude).
PLACES = [
    ("Charleston", "South Carolina", "29425", 32.78, -79.95),
    ("Baltimore", "Maryland", "21287", 39.30, -76.59),
    ("Boston", "Massachusetts", "02115", 42.34, -71.10),
    ("Chicago", "Illinois", "60611", 41.89, -87.62),
    ("Houston", "Texas", "77030", 29.71, -95.40),
    ("Los Angeles", "California", "90095", 34.07, -118.44),
    ("New York", "New York", "10032", 40.84, -73.94),
    ("Seattle", "Washington", "98195", 47.65, -122.31),
    ("Atlanta", "Georgia", "30322", 33.79, -84.32),
    ("Denver", "Colorado", "80045", 39.75, -104.84),
    ("Rochester", "Minnesota", "55905", 44.02, -92.47),
    ("Miami", "Florida", "33136", 25.79, -80.21),
]

OPEN = [Status.RECRUITING] * 7 + [Status.NOT_YET_RECRUITING] * 2 + [Status.ENROLLING_BY_INVITATION]


@dataclass(frozen=True)
class Template:
    """A kind of criterion trials often have, and how often one has it."""

    key: str
    operator: str
    values: tuple[Any, ...]
    kind: str = "inclusion"
    confirmed_by: str = "patient"
    group: str = ""
    share: float = 1.0
    reason: str = ""


TEMPLATES = [
    Template(
        "ana_positive",
        "eq",
        (True,),
        group="antibodies",
        share=0.9,
        reason="This study needs a positive lupus blood test: ANA or anti-dsDNA.",
    ),
    Template(
        "anti_dsdna_positive",
        "eq",
        (True,),
        group="antibodies",
        share=0.9,
        reason="This study needs a positive lupus blood test: ANA or anti-dsDNA.",
    ),
    Template(
        "anti_smith_positive",
        "eq",
        (True,),
        group="antibodies",
        share=0.5,
        reason="This study needs a positive lupus blood test: ANA or anti-dsDNA.",
    ),
    Template(
        "egfr",
        "gte",
        (25, 30, 45, 60),
        confirmed_by="doctor",
        share=0.9,
        reason="This study needs a kidney test (eGFR) above its limit.",
    ),
    Template(
        "upcr",
        "gte",
        (0.5, 1.0),
        confirmed_by="doctor",
        share=0.5,
        reason="This study is for people with protein in their urine.",
    ),
    Template(
        "sledai_2k",
        "gte",
        (4, 6, 8),
        confirmed_by="doctor",
        share=0.8,
        reason="This study is for lupus that is active right now.",
    ),
    Template(
        "prednisone_mg_per_day",
        "lte",
        (10, 15, 20, 30),
        share=0.8,
        reason="This study limits the daily steroid dose.",
    ),
    Template(
        "background_therapy_weeks",
        "gte",
        (8, 12, 24),
        share=0.7,
        reason="This study needs you to have taken a lupus medicine for a while.",
    ),
    Template(
        "weight",
        "between",
        ([40, 150], [45, 120], [50, 140]),
        share=0.5,
        reason="This study has limits on body weight.",
    ),
    Template(
        "pregnant",
        "eq",
        (True,),
        kind="exclusion",
        share=1.0,
        reason="This study cannot take people who are pregnant or planning to be.",
    ),
    Template(
        "breastfeeding",
        "eq",
        (True,),
        kind="exclusion",
        share=0.8,
        reason="This study cannot take people who are breastfeeding.",
    ),
    Template(
        "dialysis_or_transplant",
        "eq",
        (True,),
        kind="exclusion",
        share=0.8,
        reason="This study cannot take people on dialysis or with a kidney transplant.",
    ),
    Template(
        "biologic_last_12_months",
        "eq",
        (True,),
        kind="exclusion",
        share=0.6,
        reason="This study cannot take people who had a biologic in the last year.",
    ),
    Template(
        "last_biologic_dose",
        "within_last",
        (
            {"amount": 3, "unit": "months"},
            {"amount": 6, "unit": "months"},
            {"amount": 12, "unit": "months"},
            {"amount": 12, "unit": "weeks"},
        ),
        kind="exclusion",
        share=0.7,
        reason="This study needs a gap since your last biologic medicine.",
    ),
    Template(
        "car_t_or_stem_cell_ever",
        "eq",
        (True,),
        kind="exclusion",
        share=0.8,
        reason="This study cannot take people who had CAR-T or a stem cell transplant.",
    ),
    Template(
        "cancer_last_5_years",
        "eq",
        (True,),
        kind="exclusion",
        share=1.0,
        reason="This study cannot take people who had cancer in the last 5 years.",
    ),
    Template(
        "chronic_infection",
        "eq",
        (True,),
        kind="exclusion",
        share=1.0,
        reason="This study cannot take people with HIV, hepatitis or TB.",
    ),
    Template(
        "chronic_infection",
        "eq",
        (True,),
        kind="exclusion",
        confirmed_by="doctor",
        share=0.5,
        reason="Your doctor should check your infection tests.",
    ),
    Template(
        "live_vaccine_last_30_days",
        "eq",
        (True,),
        kind="exclusion",
        share=0.9,
        reason="This study cannot take people who had a live vaccine in the last month.",
    ),
    Template(
        "egfr",
        "lte",
        (90, 120),
        confirmed_by="doctor",
        share=0.3,
        reason="This study is for people whose kidneys are affected.",
    ),
    Template(
        "prednisone_mg_per_day",
        "gte",
        (2.5, 5),
        share=0.3,
        reason="This study is for people who take a steroid every day.",
    ),
    Template(
        "upcr",
        "lte",
        (3.0, 5.0),
        confirmed_by="doctor",
        share=0.4,
        reason="This study cannot take people with very high protein in their urine.",
    ),
    Template(
        "sledai_2k",
        "lte",
        (20,),
        confirmed_by="doctor",
        share=0.3,
        reason="This study is not for lupus that is very active right now.",
    ),
]


def build_trials(count: int, *, start: int = 0, seed: int = SEED) -> dict[str, float | int]:
    """Write trials number `start` to `start + count - 1`; the same trials for the same seed.

    Returns how many rows were written and how long it took.
    """
    began = time.perf_counter()
    rng = random.Random(seed + start)
    questions = {question.key: question for question in Question.objects.all()}
    conditions = {condition.slug: condition for condition in Condition.objects.all()}
    specs: dict[str, QuestionSpec] = {}
    for key, question in questions.items():
        spec = question.spec()
        # Condition choices live in trials.Condition (as Criterion.clean() does).
        specs[key] = QuestionSpec(key=key, type=spec.type) if key == "conditions" else spec
    checked: dict[tuple[str, str, str], Any] = {}
    slugs = list(CONDITION_WEIGHTS)
    weights = list(CONDITION_WEIGHTS.values())
    written = {"trials": 0, "criteria": 0, "sites": 0, "links": 0}
    for first in range(start, start + count, BATCH):
        numbers = range(first, min(first + BATCH, start + count))
        with transaction.atomic():
            trials = Trial.objects.bulk_create(_trial(number, rng) for number in numbers)
            links, criteria, sites, contacts = [], [], [], []
            for trial in trials:
                chosen = _conditions(rng, slugs, weights)
                links += [
                    Trial.conditions.through(trial_id=trial.pk, condition_id=conditions[slug].pk)
                    for slug in chosen
                ]
                criteria += _criteria(trial, chosen, rng, questions, specs, checked)
                trial_sites = [_site(trial, rng) for _ in range(rng.choice((1, 1, 2, 3)))]
                sites += trial_sites
                contacts.append(
                    Contact(trial=trial, name="Study coordinator", phone="843-555-0100")
                )
            Trial.conditions.through.objects.bulk_create(links, batch_size=BATCH)
            Criterion.objects.bulk_create(criteria, batch_size=BATCH)
            Site.objects.bulk_create(sites, batch_size=BATCH)
            Contact.objects.bulk_create(contacts, batch_size=BATCH)
        written["trials"] += len(trials)
        written["criteria"] += len(criteria)
        written["sites"] += len(sites)
        written["links"] += len(links)
    return {**written, "seconds": time.perf_counter() - began}


def _trial(number: int, rng: random.Random) -> Trial:
    low, high, _weight = rng.choices(AGE_RANGES, weights=[row[2] for row in AGE_RANGES])[0]
    sex = rng.choices(("all", "female", "male"), weights=(85, 12, 3))[0]
    return Trial(
        registry_id=f"{REGISTRY_PREFIX}{number:07d}",
        kind=rng.choices((Kind.INTERVENTIONAL, Kind.OBSERVATIONAL), weights=(8, 2))[0],
        brief_title=f"Benchmark study {number} of a new treatment",
        plain_title=f"Testing a new treatment, study {number}",
        status=rng.choice(OPEN),
        published=True,
        min_age_value=low[0] if low else None,
        min_age_unit=low[1] if low else "",
        max_age_value=high[0] if high else None,
        max_age_unit=high[1] if high else "",
        sex=sex,
        healthy_volunteers=rng.choices((False, None, True), weights=(80, 15, 5))[0],
        sponsor="Benchmark Sponsor",
    )


def _conditions(rng: random.Random, slugs: list[str], weights: list[int]) -> set[str]:
    chosen = set(rng.choices(slugs, weights=weights, k=rng.choice((1, 1, 1, 2))))
    if rng.random() < 0.02:
        return set()  # a study of healthy people, or one not yet mapped
    return chosen


def _criteria(
    trial: Trial,
    chosen: set[str],
    rng: random.Random,
    questions: dict[str, Question],
    specs: dict[str, QuestionSpec],
    checked: dict[tuple[str, str, str], Any],
) -> list[Criterion]:
    rows: list[tuple[str, str, Any, str, str, str, str]] = []
    if chosen:
        rows.append(
            (
                "conditions",
                "in",
                sorted(chosen),
                "inclusion",
                "patient",
                "",
                "This study is for people with the condition it studies.",
            )
        )
    lupus = bool(chosen & {"sle", "lupus-nephritis", "cutaneous-lupus"})
    for template in TEMPLATES:
        share = template.share if lupus or template.group != "antibodies" else template.share / 4
        if rng.random() >= share:
            continue
        rows.append(
            (
                template.key,
                template.operator,
                rng.choice(template.values),
                template.kind,
                template.confirmed_by,
                template.group,
                template.reason,
            )
        )
    # A few trials carry a second group: either kidney test is enough.
    if rng.random() < 0.15:
        rows.append(("egfr", "gte", 20, "inclusion", "doctor", "kidneys", "Kidney tests."))
        rows.append(("upcr", "gte", 0.3, "inclusion", "doctor", "kidneys", "Kidney tests."))
    criteria = []
    for position, (key, operator, value, kind, confirmed_by, group, reason) in enumerate(rows):
        marker = (key, operator, repr(value))
        if marker not in checked:
            checked[marker] = clean_criterion_value(specs[key], operator, value)
        criteria.append(
            Criterion(
                trial=trial,
                question=questions[key],
                kind=kind,
                operator=operator,
                value=checked[marker],
                any_of_group=group,
                confirmed_by=confirmed_by,
                reason=reason,
                position=position * 10,
            )
        )
    return criteria


def _site(trial: Trial, rng: random.Random) -> Site:
    city, state, postal_code, latitude, longitude = rng.choice(PLACES)
    return Site(
        trial=trial,
        facility=f"{city} University Hospital",
        city=city,
        state=state,
        postal_code=postal_code,
        country="United States",
        latitude=latitude + rng.uniform(-0.05, 0.05),
        longitude=longitude + rng.uniform(-0.05, 0.05),
        status=rng.choice(("", Status.RECRUITING, Status.RECRUITING, Status.NOT_YET_RECRUITING)),
    )
