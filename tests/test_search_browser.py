"""Korean search in a real browser: headless Chromium on the built book's search page.

The site is served over HTTP (as a reader gets it). A query is typed into the page's own search
box; the results shown must be the pages the independent text scan expects
(tests/search/expected.py), the same pages the node harness finds, and the summary line must be a
Korean sentence with the number of results. The stems of the query words (시그모이드 for
시그모이드를) are handed to sphinx_highlight.js, which highlights them on the page a result opens.
Spacing is forgiven: a compound typed without its space (활성화함수) and a loanword typed in two
(소프트 맥스) find the pages of the standard spelling, and what is highlighted is what matched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browser import serve
from search.expected import expected_pages, run_harness, site_texts

pytestmark = [pytest.mark.build, pytest.mark.browser]

# (typed query, base words every result must contain)
TYPED = [
    ("시그모이드를", ("시그모이드",)),
    ("기울기가 소실", ("기울기", "소실")),
    ("ReLU는", ("relu",)),
    ("함수", ("함수",)),
    ("활성화함수", ("활성화", "함수")),  # a compound typed without its space
    ("소프트 맥스", ("소프트맥스",)),  # a loanword typed in two
]


@pytest.fixture(scope="module")
def site_url(book_html: Path) -> Iterator[str]:
    with serve(book_html) as url:
        yield url.rstrip("/")


@pytest.fixture(scope="module")
def browser_page(browser, site_url: str) -> Iterator[object]:
    context = browser.new_context()
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def _docname(href: str, base: str) -> str:
    path = urlsplit(href).path
    return re.sub(r"\.html$", "", path.removeprefix(urlsplit(base).path).lstrip("/"))


@pytest.mark.parametrize(("query", "words"), TYPED)
def test_typed_korean_query(
    browser_page, site_url: str, book_html: Path, query: str, words: tuple[str, ...]
) -> None:
    page = browser_page
    page.goto(f"{site_url}/search.html")
    box = page.locator('input[name="q"]:visible')  # the search page's own box
    box.fill(query)
    box.press("Enter")
    page.wait_for_url(lambda url: parse_qs(urlsplit(url).query).get("q") == [query])
    summary = page.locator("#search-results p.search-summary")
    summary.wait_for()
    page.wait_for_function(
        "document.querySelector('#search-results p.search-summary').innerText.trim() !== ''"
    )
    line = summary.inner_text()
    hrefs = page.locator("#search-results ul.search li > a").evaluate_all(
        "links => links.map(a => a.href)"
    )
    shown = {_docname(href, site_url) for href in hrefs}

    must, may = expected_pages(site_texts(book_html), words)
    assert must, f"the book has no page with {words}: the query list no longer fits the book"
    assert must <= shown <= may, f"{query!r}: shown {sorted(shown)}, must {sorted(must)}"
    assert shown == set(run_harness(book_html, [query])["results"][query]["docs"])
    assert re.search("[가-힣]", line), line
    assert str(len(hrefs)) in line, line
    highlighted = page.evaluate("localStorage.getItem('sphinx_highlight_terms')").split()
    assert {w for w in words if re.fullmatch("[가-힣]+", w)} <= set(highlighted)  # stems too
    assert page.errors == []


@pytest.mark.parametrize(
    ("query", "marked"), [("소프트 맥스", {"소프트맥스"}), ("활성화함수", {"활성화", "함수"})]
)
def test_spacing_variant_highlights_what_matched(
    browser_page, site_url: str, query: str, marked: set[str]
) -> None:
    """The result summaries mark the joined or split terms that matched, not the words as typed."""
    page = browser_page
    page.goto(f"{site_url}/search.html?q={query}")
    page.locator("#search-results ul.search li span.highlighted").first.wait_for()
    texts = page.locator("#search-results span.highlighted").all_inner_texts()
    assert {text.strip() for text in texts} == marked, texts
    stored = page.evaluate("localStorage.getItem('sphinx_highlight_terms')").split()
    assert set(stored) == marked
    assert page.errors == []
