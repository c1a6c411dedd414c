"""Every page of the site within the DOM budget (issue 14): at most 3,000 elements, as Lighthouse
counts them.

Lighthouse's ``dom-size`` audit (core/gather/gatherers/dobetterweb/domstats.js in Lighthouse 12)
counts the elements under ``<body>``, shadow roots included, after the page's scripts ran: a
phone styles and lays out each of them. `COUNT_LIKE_LIGHTHOUSE` is the same walk, run in Chromium
on the built site served over HTTP, so elements the page's scripts add (copy buttons, search
dialog) count too and nothing outside ``<body>`` does.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from browser import serve

DOM_BUDGET = 3000  # elements per page (the budget, Lighthouse's dom-size)

COUNT_LIKE_LIGHTHOUSE = """() => {
  let n = 0;
  const walk = (parent) => {
    for (let child = parent.firstElementChild; child; child = child.nextElementSibling) {
      n++;
      walk(child);
      if (child.shadowRoot) walk(child.shadowRoot);
    }
  };
  walk(document.body);
  return n;
}"""


def site_pages(site: Path) -> list[str]:
    """Every HTML page a reader can open (not the theme's or Sphinx's support files)."""
    return sorted(
        page.relative_to(site).as_posix()
        for page in site.rglob("*.html")
        if not {"_static", "_sources", "_images"} & set(page.relative_to(site).parts)
    )


def element_counts(site: Path, browser: Any, pages: list[str] | None = None) -> dict[str, int]:
    """Elements per page, counted as Lighthouse does (every page of the site by default)."""
    counts = {}
    with serve(site) as url:
        context = browser.new_context(viewport={"width": 412, "height": 823})  # Lighthouse mobile
        page = context.new_page()
        try:
            for name in pages or site_pages(site):
                page.goto(f"{url}{name}", wait_until="load")
                counts[name] = page.evaluate(COUNT_LIKE_LIGHTHOUSE)
        finally:
            context.close()
    return counts


#: The one page still over the budget, with the count it may not exceed (measured on b4b246e).
def over_budget(counts: dict[str, int]) -> dict[str, int]:
    """Pages with more elements than the budget."""
    return {name: n for name, n in counts.items() if n > DOM_BUDGET}


def test_every_page_is_within_the_dom_budget(book_html: Path, browser) -> None:
    counts = element_counts(book_html, browser)
    assert len(counts) >= 15, sorted(counts)
    assert "05-modern-activations.html" in counts, sorted(counts)
    assert over_budget(counts) == {}, counts


def test_the_count_is_lighthouses_and_catches_a_page_over_budget(
    book_html: Path, browser, tmp_path: Path
) -> None:
    """A copy of the site with 3,001 elements planted into one page (3,000 in <head>, where
    Lighthouse does not count, and 3,001 under <body>): only the page's body total decides."""
    site = tmp_path / "site"
    shutil.copytree(book_html, site)
    planted, head_only = site / "index.html", site / "glossary.html"
    html = planted.read_text(encoding="utf-8")
    planted.write_text(
        html.replace("</footer>", "<div hidden>" + "<i></i>" * 3000 + "</div></footer>", 1),
        encoding="utf-8",
    )
    html = head_only.read_text(encoding="utf-8")
    head_only.write_text(html.replace("</head>", "<meta>" * 3000 + "</head>", 1), encoding="utf-8")
    pages = ["index.html", "glossary.html"]
    before = element_counts(book_html, browser, pages)
    counts = element_counts(site, browser, pages)
    assert counts == {
        "index.html": before["index.html"] + 3001,
        "glossary.html": before["glossary.html"],
    }
    assert "index.html" in over_budget(counts)
    assert "glossary.html" not in over_budget(counts)
