"""Signals other apps listen to, so `trials` never has to import them."""

import django.dispatch

# Sent by trials.importers.service once for every record it imports (created, updated or
# unchanged alike), inside the file's transaction, after the trial, its conditions, sites and
# contacts are written. Keyword arguments: trial (Trial), created (bool) and
# eligibility_changed (bool: the registered eligibility text differs from what we had).
# screening connects screening.drafts.draft_imported_trial to it (screening/apps.py) to draft
# criteria from the text. A receiver that raises fails the whole file: the import report
# names the record and the receiver's message, and nothing of that file is written.
trial_imported = django.dispatch.Signal()
