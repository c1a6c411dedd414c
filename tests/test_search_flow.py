"""A reader's search, end to end: type a query, open a result, see the term highlighted (issue 14).

On a 360 px phone, in headless Chromium: open the book's first page, press the search button, type
시그모이드를 (with a particle) in the dialog and press Enter; the results page lists pages; open
each result as a reader would (a click on the link). Every opened page must highlight the searched
term in its text (Sphinx's sphinx_highlight.js marks it with span.highlighted) and throw no error.

The flow once failed on the chapter with the activation explorer: Sphinx's highlighter walked into
the explorer's SVG <title> and called getBBox(), which a <title> lacks ("parent.getBBox is not a
function"), and highlighting stopped there. The explorer now marks its <title> "nohighlight"; the
second test plants the old explorer script in a copy of the site and shows that the flow fails.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from browser import serve, watch

pytestmark = pytest.mark.browser

QUERY = "시그모이드를"
TERM = "시그모이드"
PHONE = {"width": 360, "height": 740}


def search_flow(browser: Any, url: str, query: str = QUERY, term: str = TERM) -> list[str]:
    """Search from the first page, open every result; returns what went wrong (empty: nothing)."""
    problems: list[str] = []
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="ko-KR")
    events = watch(context)
    try:
        page = context.new_page()
        page.goto(url + "index.html", wait_until="load")
        page.locator(".search-button__button:visible").first.click()
        field = page.locator("#pst-search-dialog input[name=q]")
        field.fill(query)
        field.press("Enter")
        page.wait_for_url(re.compile(r"/search\.html\?"), wait_until="load")
        page.wait_for_selector("#search-results li a", timeout=20000)
        # Sphinx's search page fetches every result page for its excerpt; a click before those
        # fetches end aborts them, and the aborted requests would be charged to the next page.
        page.wait_for_load_state("networkidle")
        results = page.locator("#search-results li > a").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
        if not results:
            return [f"no result for {query!r}"]
        for index, href in enumerate(results):
            if index:
                page.go_back(wait_until="load")
                page.wait_for_selector("#search-results li a", timeout=20000)
                page.wait_for_load_state("networkidle")
            events.clear()
            page.locator("#search-results li > a").nth(index).click()
            page.wait_for_load_state("load")
            page.wait_for_function("document.readyState === 'complete'")
            marked = page.locator("span.highlighted").evaluate_all(
                "spans => spans.map(s => s.textContent)"
            )
            if not any(term in text for text in marked):
                problems.append(f"{href}: {term!r} is not highlighted (marked: {marked[:5]})")
            problems += [f"{href}: {problem}" for problem in events.problems()]
    finally:
        context.close()
    return problems


def test_search_open_result_term_highlighted(browser: Any, book_html: Path) -> None:
    with serve(book_html, "/actfn/") as url:
        assert search_flow(browser, url) == []


def test_search_flow_fails_on_the_explorer_title_defect(
    browser: Any, book_html: Path, tmp_path: Path
) -> None:
    planted = tmp_path / "html"
    shutil.copytree(book_html, planted)
    script = planted / "_static" / "actfn-explorer.js"
    source = script.read_text(encoding="utf-8")
    fixed = 'svgEl("title", { class: "nohighlight" })'
    assert fixed in source, "the explorer's <title> fix is gone: update this planted defect"
    script.write_text(source.replace(fixed, 'svgEl("title")'), encoding="utf-8")
    with serve(planted, "/actfn/") as url:
        problems = search_flow(browser, url)
    assert any("getBBox is not a function" in problem for problem in problems), problems
