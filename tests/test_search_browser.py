"""Korean search in a real browser: headless Chromium on the built book's search page.

The site is served over HTTP (as a reader gets it). A query is typed into the page's own search
box; the results shown must be the pages the independent text scan expects
(tests/search/expected.py), the same pages the node harness finds, and the summary line must be a
Korean sentence with the number of results. The stems of the query words (시그모이드 for
시그모이드를) are handed to sphinx_highlight.js, which highlights them on the page a result opens.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from search.expected import expected_pages, run_harness, site_texts

pytestmark = [pytest.mark.build, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# (typed query, base words every result must contain)
TYPED = [
    ("시그모이드를", ("시그모이드",)),
    ("기울기가 소실", ("기울기", "소실")),
    ("ReLU는", ("relu",)),
    ("함수", ("함수",)),
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(book_html: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(book_html))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="module")
def browser_page(site_url: str) -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        yield page
        browser.close()


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
