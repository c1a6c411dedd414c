"""The built book as a reader gets it: every page in headless Chromium, checked end to end.

tests/sitecheck.py visits every page of the site over http://127.0.0.1 (served under its published
path, /actfn/) once on a desktop screen and once on a 360 px phone, and runs the checks listed in
its docstring: clean loads, images, MathML, cell outputs and errors, links and fragments, phone
overflow, lang="ko", dark mode with legible figures, axe-core, and the Nu Html Checker. Each test
below reports one check for all pages. tests/test_site_checks_fail.py shows that each check fails
when its defect is planted in a small fixture site.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import require
from sitecheck import CHECKS, KNOWN_AXE_VIOLATIONS, KNOWN_VNU_ERRORS, Report, check_site, site_pages

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def report(book_html: Path, browser: object) -> Report:
    require("playwright", "chromium", "axe-core", "java", "vnu-jar")
    return check_site(book_html, browser)


def test_every_page_is_visited(report: Report, book_html: Path) -> None:
    assert report.pages == site_pages(book_html)
    chapters = {p.with_suffix(".html").name for p in (ROOT / "docs").glob("*.md")}
    assert chapters <= set(report.pages), (
        f"pages missing from the site: {chapters - set(report.pages)}"
    )
    assert {"index.html", "search.html", "genindex.html", "404.html"} <= set(report.pages)


@pytest.mark.parametrize("check", CHECKS)
def test_site(report: Report, check: str) -> None:
    if check == "links" and report.external_links:
        # Listed, never fetched (no network here); `pytest -rP` shows them.
        print(f"{len(report.external_links)} external link(s), not fetched:")
        for url, pages in sorted(report.external_links.items()):
            print(f"  {url}  ({', '.join(sorted(pages))})")
    assert not report.of(check), report.summary(check)


def test_every_allow_list_entry_is_still_needed(report: Report) -> None:
    """A known theme/upstream issue that no longer occurs comes off the allow-list."""
    entries = [why for *_, why in KNOWN_VNU_ERRORS + KNOWN_AXE_VIOLATIONS]
    stale = [why for why in entries if not report.tolerated.get(why)]
    assert not stale, "allow-list entries that matched nothing (remove them):\n" + "\n".join(stale)
