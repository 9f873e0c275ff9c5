"""axe-core in the browser tests: every page state a journey visits must show 0 violations.

``check(page, name)`` runs axe-core (PyPI ``axe-playwright-python``, which ships axe.min.js) on the page as it is
now, fails with axe's report on any violation, and counts the page states checked (``CHECKED``) so a run can
report how many were looked at. Shared by every browser test; keep one copy.
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

_AXE = Axe()
CHECKED: list[str] = []
"""Every page state checked in this run ("name url"), in order."""


def check(page: Page, name: str) -> None:
    """Fail unless axe-core finds 0 violations on ``page`` as it is now."""
    results = _AXE.run(page)
    CHECKED.append(f"{name} {page.url}")
    assert results.violations_count == 0, f"{name}: {results.generate_report()}"
