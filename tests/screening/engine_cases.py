"""What the engine tests share: today's date, a condition tree, a patient who fits, judge()."""

import datetime

from screening.criteria import ConditionTree
from screening.engine import evaluate
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
