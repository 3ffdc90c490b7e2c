"""Delete shared results past their 30 days. Safe to run as often as you like; run it daily."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from screening import shared_results


class Command(BaseCommand):
    help = "Delete shared results that have expired, and say how many were deleted."

    def handle(self, *args, **options) -> None:
        deleted = shared_results.purge_expired()
        noun = "shared result" if deleted == 1 else "shared results"
        self.stdout.write(f"Deleted {deleted} expired {noun}.")
