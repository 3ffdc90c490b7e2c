"""Staff check of a profile: screen one set of answers against every open published trial."""

from __future__ import annotations

import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from screening import engine, loading
from screening.criteria import TrialResult
from screening.questions import AnswersError, parse_answers

USAGE_ERROR = 2


class Command(BaseCommand):
    help = (
        "Screen answers against every open published trial. Example: "
        'screen --answers \'{"age": 34, "sex": "female", "conditions": ["sle"]}\' --json'
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--answers",
            required=True,
            help='Answers as a JSON object keyed by question key; "not_sure" for I\'m not sure.',
        )
        parser.add_argument("--today", help="Screen as of this date (YYYY-MM-DD).")
        parser.add_argument("--json", action="store_true", help="Print a JSON list.")

    def handle(self, *args, **options):
        today = _today(options["today"])
        try:
            raw = json.loads(options["answers"])
        except json.JSONDecodeError as error:
            raise CommandError(
                f"--answers is not valid JSON: {error}", returncode=USAGE_ERROR
            ) from error
        if not isinstance(raw, dict):
            raise CommandError(
                '--answers must be a JSON object, such as {"age": 34}.', returncode=USAGE_ERROR
            )
        questions = {spec.key: spec for spec in loading.question_specs()}
        try:
            answers = parse_answers(raw, questions, today=today)
        except AnswersError as error:
            lines = "\n".join(f"  {e.key}: {e.message}" for e in error.errors)
            raise CommandError(
                f"These answers cannot be used:\n{lines}", returncode=USAGE_ERROR
            ) from error
        results = engine.evaluate(
            answers, loading.open_trials(today), today=today, conditions=loading.condition_tree()
        )
        if options["json"]:
            self.stdout.write(json.dumps([result.as_dict() for result in results], indent=2))
            return
        self._table(results)

    def _table(self, results: list[TrialResult]) -> None:
        if not results:
            self.stdout.write("No open published trials.")
            return
        width = max(len(result.trial_id) for result in results)
        for result in results:
            self.stdout.write(f"{result.trial_id:<{width}}  {result.verdict}")
            for reason in result.reasons:
                self.stdout.write(f"{'':<{width}}    - {reason}")
            for item in result.checklist:
                self.stdout.write(f"{'':<{width}}    ? ask: {item}")
        still = engine.still_possible(results)
        self.stdout.write(f"\n{still} of {len(results)} trials still possible.")


def _today(value: str | None) -> datetime.date:
    if not value:
        return timezone.localdate()
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(
            f"--today must be a date like 2025-06-30, not {value!r}.", returncode=USAGE_ERROR
        ) from error
