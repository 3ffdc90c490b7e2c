"""The screening app's tables: the question bank, trials' criteria and shared results."""

# Importing criterion connects its receivers (criteria changed → the trial's fingerprint).
from screening.models.criterion import (
    Coverage,
    CriteriaReview,
    Criterion,
    CriterionKind,
    CriterionOperator,
    CriterionStatus,
    mark_criteria_written,
    touch_trial,
)
from screening.models.question import UNIT_CHOICES, ConfirmedBy, Question
from screening.models.shared_result import SharedResult

__all__ = [
    "UNIT_CHOICES",
    "ConfirmedBy",
    "Coverage",
    "CriteriaReview",
    "Criterion",
    "CriterionKind",
    "CriterionOperator",
    "CriterionStatus",
    "Question",
    "SharedResult",
    "mark_criteria_written",
    "touch_trial",
]
