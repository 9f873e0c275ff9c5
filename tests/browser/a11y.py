"""axe-core (through the PyPI package ``axe-playwright-python``) over every page a browser journey visits.

``check(page)`` runs axe on the page as it is now and fails with axe's report on any violation; every page
checked is counted in ``CHECKED`` so a journey (and the report) can say how many pages were checked.
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

_AXE = Axe()
CHECKED: list[str] = []


def check(page: Page, name: str = "") -> None:
    """Fail unless axe-core finds 0 violations on ``page`` as it is now (``name``: what the page shows, for the
    report)."""
    results = _AXE.run(page)
    CHECKED.append(f"{name} {page.url}".strip())
    assert results.violations_count == 0, f"{name} {page.url}\n{results.generate_report()}"


def no_sideways_scroll(page: Page) -> None:
    """The page itself never scrolls sideways (wide diagrams and tables scroll inside their own frame)."""
    width, viewport = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width <= viewport, f"{page.url}: page is {width}px wide in a {viewport}px viewport"
