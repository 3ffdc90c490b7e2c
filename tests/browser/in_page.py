"""What every browser test shares: the screen sizes pages are shown at, and the axe-core check."""

from __future__ import annotations

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def assert_accessible(page) -> None:
    """axe-core, run in the page, finds no violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
