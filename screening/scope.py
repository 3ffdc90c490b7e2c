"""Which open trials a clinician's link or condition covers: all, one condition, or a short list."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from screening.criteria import ConditionTree, TrialCriteria
from trials.models import Trial
from trials.page_sharing import read_shortlist_ids

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


# A clinician's link to the questionnaire sets its scope with one of these.
LINK_PARAMETERS = ("condition", "trials", "scope")


def is_link(query: Mapping[str, str]) -> bool:
    """Whether the address is a clinician's link that sets the questionnaire's scope."""
    return any(name in query for name in LINK_PARAMETERS)


def requested_scope(
    query: Mapping[str, str], conditions: ConditionTree
) -> tuple[Scope, list[tuple[int, str]]]:
    """The scope a clinician's link asks for, with notes ((messages level, text)) on what we
    could not use: it is said, not hidden. One query for a short list, none otherwise."""
    if "condition" in query:
        slug = query["condition"].strip().lower()
        if slug in conditions.parents:
            return Scope(condition=slug), []
        unknown_condition = _(
            "We do not know the condition “%(value)s”, so we will check all open studies."
        ) % {"value": query["condition"].strip()[:60]}
        return Scope(), [(messages.WARNING, unknown_condition)]
    if "trials" in query:
        wanted = requested_trial_ids(query["trials"])
        found = set(
            Trial.objects.published()
            .open_to_enrolment()
            .filter(registry_id__in=wanted)
            .values_list("registry_id", flat=True)
        )
        known = [registry_id for registry_id in wanted if registry_id in found]
        unknown = [registry_id for registry_id in wanted if registry_id not in found]
        if not known:
            none_open = _(
                "None of these study numbers match an open study we list, so we will "
                "check all open studies."
            )
            return Scope(), [(messages.WARNING, none_open)]
        notes = []
        if unknown:
            not_found = ngettext(
                "We could not find an open study with the number %(ids)s. It may have "
                "closed, or the number may be wrong.",
                "We could not find open studies with the numbers %(ids)s. They may have "
                "closed, or the numbers may be wrong.",
                len(unknown),
            ) % {"ids": ", ".join(item[:20] for item in unknown)}
            notes.append((messages.INFO, not_found))
        return Scope(trials=tuple(known)), notes
    return Scope(), []


def scope_words(scope: Scope, conditions: ConditionTree) -> str:
    """The line that tells the patient a link limits what they check."""
    if scope.condition:
        return _("You are checking studies for %(condition)s.") % {
            "condition": conditions.name(scope.condition)
        }
    if scope.trials:
        return ngettext(
            "You are checking %(count)s study your doctor chose: %(ids)s.",
            "You are checking %(count)s studies your doctor chose: %(ids)s.",
            len(scope.trials),
        ) % {"count": len(scope.trials), "ids": ", ".join(scope.trials)}
    return ""
