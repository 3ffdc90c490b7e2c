"""python manage.py import_trials PATH… [--publish]: import registry files and folders."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from trials.importers.service import import_paths


class Command(BaseCommand):
    help = (
        "Import trials from registry files (ClinicalTrials.gov API v2 or classic JSON, "
        "clinical_study XML, NIH RePORTER JSON) and folders of them. Each file is imported "
        "whole or not at all; new trials stay unpublished unless --publish is given."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="A file or a folder.")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish every trial this run imports (for bulk loads and demos).",
        )
        parser.add_argument(
            "--warnings", action="store_true", help="Also list values that were not understood."
        )

    def handle(self, *args, paths: list[str], publish: bool, warnings: bool, **options) -> None:
        result = import_paths(paths, publish=publish)
        for report in result.files:
            if report.error:
                self.stderr.write(self.style.ERROR(report.summary()))
            else:
                self.stdout.write(report.summary())
                if warnings:
                    for warning in report.warnings:
                        self.stdout.write(self.style.WARNING(f"  {warning}"))
        totals = f"Imported {result.summary()}."
        if result.ok:
            self.stdout.write(self.style.SUCCESS(totals))
            return
        self.stdout.write(totals)
        failures = "\n".join(f"  {line}" for line in result.errors)
        raise CommandError(f"{len(result.failed)} file(s) could not be imported:\n{failures}")
