"""python manage.py sync_trials [--only ctgov|reporter]: refresh the catalogue from registries."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from trials.importers.registry_client import RegistryClient, RegistryError
from trials.importers.sync import SyncError, sync_ctgov, sync_reporter

SOURCES = {"ctgov": sync_ctgov, "reporter": sync_reporter}


class Command(BaseCommand):
    help = (
        "Fetch every ClinicalTrials.gov study and NIH RePORTER project for our conditions "
        "(one search per condition, paged, politely) and upsert them with the import rules. "
        "Trials no longer found are marked, not deleted. Nothing is written for a registry "
        "whose pages could not all be read."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--only", choices=sorted(SOURCES), help="Sync one registry instead of both."
        )

    def handle(self, *args, only: str | None, **options) -> None:
        client = RegistryClient()
        failures = []
        for name, sync in SOURCES.items():
            if only and name != only:
                continue
            try:
                report = sync(client)
            except (RegistryError, SyncError) as error:
                failures.append(f"{name}: {error}. Nothing was changed for it.")
                self.stderr.write(self.style.ERROR(failures[-1]))
                continue
            self.stdout.write(self.style.SUCCESS(report.summary()))
            for registry_id in report.left:
                self.stdout.write(f"  {registry_id} is no longer found by our searches")
        if failures:
            raise CommandError("sync_trials could not finish:\n  " + "\n  ".join(failures))
