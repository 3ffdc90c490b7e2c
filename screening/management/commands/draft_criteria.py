"""python manage.py draft_criteria [ID …] [--all] [--json]: (re)draft criteria from the text."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models.functions import Upper

from screening.drafts import DraftingError, draft_trials
from screening.models import Criterion, CriterionStatus
from trials.models import Trial

USAGE_ERROR = 2


class Command(BaseCommand):
    help = (
        "Draft criteria from the registered eligibility text of the trials named by registry "
        "id, or of every trial with --all. Only drafts are replaced: reviewed criteria are "
        "never touched, and a trial whose criteria staff marked reviewed is left alone until "
        "its text changes. --json prints each trial's drafts."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("ids", nargs="*", metavar="ID", help="A registry id, such as NCT…")
        parser.add_argument("--all", action="store_true", help="Every trial.")
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="Print the drafts as JSON."
        )

    def handle(self, *args, ids: list[str], all: bool, as_json: bool, **options) -> None:
        trials = _chosen(ids, every=all)
        try:
            with transaction.atomic():
                outcomes = draft_trials(trials)
        except DraftingError as error:
            raise CommandError(f"Nothing was drafted: {error}") from error
        if as_json:
            self.stdout.write(_as_json(trials))
            return
        for outcome in outcomes:
            if outcome.skipped:
                state = "criteria reviewed against this text; left alone"
            else:
                state = "drafts replaced" if outcome.changed else "drafts unchanged"
            self.stdout.write(f"{outcome.registry_id}: {state}")
        drafts = Criterion.objects.filter(trial__in=trials, status=CriterionStatus.DRAFT).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(trials)} trials, {drafts} drafted criteria waiting for review."
            )
        )


def _chosen(ids: list[str], *, every: bool) -> list[Trial]:
    if every and ids:
        raise CommandError("Name trials or give --all, not both.", returncode=USAGE_ERROR)
    if every:
        return list(Trial.objects.order_by("registry_id"))
    if not ids:
        raise CommandError(
            "Name the trials to draft (registry ids, such as NCT06737380) or give --all.",
            returncode=USAGE_ERROR,
        )
    wanted = [registry_id.upper() for registry_id in ids]
    found = {
        trial.registry_id.upper(): trial
        for trial in Trial.objects.annotate(upper_id=Upper("registry_id")).filter(
            upper_id__in=wanted
        )
    }
    unknown = [registry_id for registry_id in ids if registry_id.upper() not in found]
    if unknown:
        raise CommandError(
            f"No trial with the registry id {', '.join(unknown)}.", returncode=USAGE_ERROR
        )
    return [found[registry_id] for registry_id in dict.fromkeys(wanted)]


def _as_json(trials: list[Trial]) -> str:
    """The DESIGN.md contract: each trial with its drafts, value in the canonical unit."""
    return json.dumps(
        [
            {
                "trial": trial.registry_id,
                "criteria": [
                    {
                        "question": key,
                        "kind": kind,
                        "operator": operator,
                        "value": value,
                        "source": source,
                    }
                    for key, kind, operator, value, source in trial.criteria.filter(
                        status=CriterionStatus.DRAFT
                    )
                    .order_by("position", "id")
                    .values_list("question__key", "kind", "operator", "value", "source")
                ],
            }
            for trial in trials
        ],
        indent=2,
        ensure_ascii=False,
    )
