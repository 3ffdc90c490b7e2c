"""Registry import: one reader per registry format, condition mapping, and the upsert service.

Use ``trials.importers.service.import_file`` / ``import_paths`` and
``trials.importers.refresh.refresh_from_ctgov``; each returns an ``ImportResult``.
"""
