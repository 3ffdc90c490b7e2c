"""System checks for the site as a whole: its compiled translation catalogues."""

from pathlib import Path

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.translation)
def catalogues_compiled(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Warn when a committed .po has no .mo, or an older one.

    Without it, Spanish pages fall back to English, and criteria drafted meanwhile keep no
    Spanish reason until `draft_criteria --all` runs again.
    """
    found = []
    for folder in settings.LOCALE_PATHS:
        for po in sorted(Path(folder).glob("*/LC_MESSAGES/*.po")):
            mo = po.with_suffix(".mo")
            if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
                continue
            found.append(
                checks.Warning(
                    f"{po} is not compiled, or changed since it was: pages in its language "
                    "read English.",
                    hint="Run `make install` (or `pybabel compile -d locale -D django`).",
                    id="findatrial.W001",
                )
            )
    return found
