"""Which open trials a clinician's link or condition covers: all, one condition, or a short list."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from screening.criteria import ConditionTree, TrialCriteria
from trials.sharing import read_shortlist_ids

# A short list a clinician sends stays short.
MOST_TRIALS_IN_A_LINK = 30


@dataclass(frozen=True)
class Scope:
    """Which open trials the questionnaire screens: all, one condition, or a short list."""

    condition: str = ""
    trials: tuple[str, ...] = ()

    @property
    def is_everything(self) -> bool:
        return not self.condition and not self.trials


def in_scope(
    trials: Iterable[TrialCriteria], scope: Scope, conditions: ConditionTree
) -> list[TrialCriteria]:
    """The open trials a clinician's link limits screening to (all of them without one)."""
    if scope.condition:
        family = condition_family(scope.condition, conditions)
        return [trial for trial in trials if trial.conditions & family]
    if scope.trials:
        wanted = set(scope.trials)
        return [trial for trial in trials if trial.trial_id in wanted]
    return list(trials)


def requested_trial_ids(raw: str) -> list[str]:
    """Registry ids from "NCT01,nct02 NCT03", upper-cased, each once, at most a short list.

    Read as the short list page reads its `ids`, so one link format serves both.
    """
    return read_shortlist_ids(raw, limit=MOST_TRIALS_IN_A_LINK).ids


def condition_family(slug: str, conditions: ConditionTree) -> set[str]:
    """A condition and every condition under it (lupus: lupus nephritis, skin lupus…)."""
    family = {slug}
    grew = True
    while grew:
        children = {child for child, parent in conditions.parents.items() if parent in family}
        grew = not children <= family
        family |= children
    return family
