"""The checker behind tests/test_site_browser.py: what a reader of the built site would see.

`check_site(site, browser)` visits every page of a built site (or the pages given) over
http://127.0.0.1 in headless Chromium and returns a `Report`: findings per check, each naming the
page and what is wrong. The same function runs on the real book (test_site_browser.py) and on small
fixture sites with one defect planted on purpose (test_site_checks_fail.py), which proves that each
check can fail.

Checks (`CHECKS`):

load        no console error, no uncaught exception, no failed request, nothing fetched from
            anywhere but 127.0.0.1 (such requests are blocked and reported)
images      every <img> loaded (naturalWidth > 0) and has a non-empty alt
math        every math container holds a <math> element that Chromium lays out as MathML; a page
            whose source has math has MathML; no raw TeX ($$, \\(, \\[, \\begin{…}) and no control
            characters (a LaTeX string typed as a non-raw Python/JS string: \\a, \\f, \\b) in the text
cells       every output the executed notebook (_sources/<page>.ipynb) has is shown on the page,
            readable once the reader opens hidden parts, with the notebook's text
cell_errors no cell shows a traceback or stderr, except cells tagged raises-exception, which show
            the exception the text before them names, with its message
links       every internal href/src/srcset (and URLs under the site's own base URL: canonical, Open
            Graph, sitemap, CSS url()) resolves to a file, every #fragment to an id in the target;
            external links are listed, never fetched
overflow    on a 360 px phone (as loaded, then with hidden parts opened) the page is no wider than
            the screen and nothing is cut off: what is wider must scroll inside its own box
lang        <html lang="ko">
dark_mode   the theme's colour-mode switch sets data-theme="dark", the page turns dark with readable
            text, and every figure keeps its legible marks (screenshots, light vs dark)
axe         axe-core: no serious or critical violation (all rules in light mode; colour contrast
            again in dark mode)
html_valid  the Nu Html Checker (vnu.jar): no error in any page or stylesheet

Errors owned by the theme or upstream extensions are tolerated only through the explicit
allow-lists `KNOWN_VNU_ERRORS` and `KNOWN_AXE_VIOLATIONS`, each entry with its reason; a run over
the whole book counts which entries matched (`Report.tolerated`), so one that no longer matches
anything is noticed and removed.

Layout: report.py (findings, allow-lists), site.py (pages, parsed HTML, sources, executed
notebooks), links.py (static checks), page.py (one function per browser check; `browse` runs them
on one page), cells.py (cells, cell_errors), colors.py (WCAG arithmetic), vnu.py (Nu Html Checker),
js/*.js (the functions evaluated inside the pages, loaded by scripts.py).
"""

from __future__ import annotations

from collections.abc import Collection
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from browser import serve

from .cells import check_cells, check_errors, check_intended_exception, check_output
from .colors import DARK_LEGIBLE_SHARE, MARK_CONTRAST, contrast, legible_share, luminance
from .links import check_lang_static, check_links
from .page import (
    browse,
    check_axe,
    check_dark_mode,
    check_images,
    check_lang,
    check_load,
    check_math,
    check_overflow,
    figure_shares,
    switch_to_dark,
)
from .report import (
    BROWSER_CHECKS,
    CHECKS,
    DESKTOP,
    KNOWN_AXE_VIOLATIONS,
    KNOWN_VNU_ERRORS,
    PHONE_WIDTH,
    Finding,
    Report,
    known_axe,
    known_vnu,
    tolerate,
)
from .scripts import script
from .site import (
    ExpectedCell,
    ParsedPage,
    executed_notebook,
    expected_cells,
    mount_path,
    normalize,
    parse_html,
    site_base_url,
    site_pages,
    source_has_math,
)
from .vnu import vnu_check, vnu_findings

__all__ = [
    "BROWSER_CHECKS",
    "CHECKS",
    "DARK_LEGIBLE_SHARE",
    "DESKTOP",
    "KNOWN_AXE_VIOLATIONS",
    "KNOWN_VNU_ERRORS",
    "MARK_CONTRAST",
    "PHONE_WIDTH",
    "ExpectedCell",
    "Finding",
    "ParsedPage",
    "Report",
    "browse",
    "check_axe",
    "check_cells",
    "check_dark_mode",
    "check_errors",
    "check_images",
    "check_intended_exception",
    "check_lang",
    "check_lang_static",
    "check_links",
    "check_load",
    "check_math",
    "check_output",
    "check_overflow",
    "check_site",
    "contrast",
    "executed_notebook",
    "expected_cells",
    "figure_shares",
    "known_axe",
    "known_vnu",
    "legible_share",
    "luminance",
    "mount_path",
    "normalize",
    "parse_html",
    "script",
    "site_base_url",
    "site_pages",
    "source_has_math",
    "switch_to_dark",
    "tolerate",
    "vnu_check",
    "vnu_findings",
]


def check_site(
    site: Path,
    browser: Any | None = None,
    *,
    pages: Collection[str] | None = None,
    checks: Collection[str] = CHECKS,
) -> Report:
    """Run `checks` on `pages` (default: every page) of the built site in `site`."""
    unknown = set(checks) - set(CHECKS)
    assert not unknown, f"unknown checks {unknown}"
    chosen = set(checks)
    all_pages = site_pages(site)
    pages = list(pages) if pages is not None else all_pages
    report = Report(pages=pages)
    with ExitStack() as stack:
        finish_vnu = stack.enter_context(vnu_check(site, pages)) if "html_valid" in chosen else None
        if "links" in chosen:
            check_links(site, pages, report)
        if "lang" in chosen:
            check_lang_static(site, pages, report)
        if chosen & BROWSER_CHECKS:
            assert browser is not None, "these checks need a browser: " + ", ".join(
                sorted(chosen & BROWSER_CHECKS)
            )
            with serve(site, mount_path(site)) as base:
                for name in pages:
                    browse(browser, urljoin(base, name), site, name, report, chosen)
        if finish_vnu is not None:
            finish_vnu(report)
    return report
