"""What the engine tests share: today, a condition tree, a patient who fits, judge(), questions."""

import datetime

from screening.criteria import ConditionTree, Rule
from screening.engine import evaluate
from screening.questions import QuestionSpec
from tests.builders import make_trial_criteria

TODAY = datetime.date(2025, 6, 30)

TREE = ConditionTree(
    parents={"sle": None, "lupus-nephritis": "sle", "cutaneous-lupus": "sle", "myositis": None},
    names={
        "sle": "Lupus (SLE)",
        "lupus-nephritis": "Lupus affecting the kidneys",
        "cutaneous-lupus": "Lupus of the skin",
        "myositis": "Myositis",
    },
)


def judge(answers, *trials, today=TODAY):
    results = evaluate(answers, trials or [make_trial_criteria()], today=today, conditions=TREE)
    return results[0] if len(results) == 1 else results


FITS = {"age": 40, "sex": "female", "conditions": ["sle"]}


PREGNANCY_EXCLUDED = Rule(
    "pregnant",
    "eq",
    True,
    kind="exclusion",
    reason="People who are pregnant cannot join.",
    depends_on="sex",
    depends_on_values=("female",),
)


NO_BIOLOGIC_12_MONTHS = Rule(
    "last_biologic_dose",
    "within_last",
    {"amount": 12, "unit": "months"},
    kind="exclusion",
    reason="People who had a biologic medicine in the last 12 months cannot join.",
)


QUESTIONS = [
    QuestionSpec("age", "number", position=10),
    QuestionSpec("sex", "single_choice", choices=("female", "male"), position=20),
    QuestionSpec("conditions", "multiple_choice", position=30),
    QuestionSpec("postal_code", "text", position=40),
    QuestionSpec(
        "pregnant",
        "yes_no",
        offers_not_sure=True,
        depends_on="sex",
        depends_on_values=("female",),
        position=60,
    ),
    QuestionSpec("egfr", "number", offers_not_sure=True, position=80),
    QuestionSpec("ana_positive", "yes_no", offers_not_sure=True, position=100),
    QuestionSpec("anti_dsdna_positive", "yes_no", offers_not_sure=True, position=110),
    QuestionSpec("chronic_infection", "yes_no", offers_not_sure=True, position=170),
]
