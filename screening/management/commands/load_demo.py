"""`manage.py load_demo`: write our demo trials and their criteria, the same rows however often."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from screening.demo import add_demo_criteria
from trials.demo import demo_trials, load_demo_trials


class Command(BaseCommand):
    help = "Load the demo trials (idempotent: upserts by registry id, touches no other trial)."

    def handle(self, *args: Any, **options: Any) -> None:
        entries, reviewed = demo_trials()
        with transaction.atomic():
            trials, outcome = load_demo_trials(entries, reviewed=reviewed)
            add_demo_criteria(trials)
        self.stdout.write(
            f"Demo content: {len(trials)} trials "
            f"({outcome['created']} new, {outcome['updated']} updated, "
            f"{outcome['unchanged']} unchanged), "
            f"{sum(trial.sites.count() for trial in trials)} sites, "
            f"{sum(trial.contacts.count() for trial in trials)} contacts, "
            f"{sum(trial.researchers.count() for trial in trials)} researchers."
        )
