"""The reader's controls work without the theme's bootstrap.js and pydata-sphinx-theme.js (issue 14).

docs/_static/book-ui.js replaces those two scripts' start-up work. Each check below uses a control
as a reader does, in headless Chromium, on a chapter page of the built book: the colour-mode menu,
the highlight of the section being read in the in-page contents, the sidebars and their toggles on
a phone and on a wide screen, the search button and Ctrl+K. Then the same checks run on a copy of
the site with book-ui.js emptied (the theme's scripts dropped with nothing in their place): every
check must report a problem there, so none of them passes vacuously.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from browser import serve, watch

pytestmark = pytest.mark.browser

PAGE = "02-relu-sigmoid.html"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


def _open(browser: Any, url: str, viewport: dict[str, int]) -> tuple[Any, Any, Any]:
    context = browser.new_context(viewport=viewport, locale="ko-KR", reduced_motion="reduce")
    events = watch(context)
    page = context.new_page()
    page.goto(url + PAGE, wait_until="load")
    return context, page, events


def _dialog_open(page: Any, dialog_id: str) -> bool:
    return page.evaluate(f"document.getElementById('{dialog_id}').open")


def check_colour_mode(page: Any) -> list[str]:
    problems = []
    if page.evaluate("document.documentElement.dataset.theme") not in ("light", "dark"):
        problems.append("data-theme is not resolved to light/dark on load")
    switch = page.locator(".theme-switch-button:visible")
    if not switch.count():
        return [*problems, "no visible colour-mode switch"]
    for mode in ("dark", "light"):
        switch.first.click()
        item = page.locator(f'.theme-change-button[data-mode="{mode}"]:visible')
        if not item.count():
            return [*problems, f"the colour-mode menu shows no {mode!r} item after a click"]
        item.first.click()
        state = page.evaluate(
            "[document.documentElement.dataset.theme, localStorage.getItem('mode')]"
        )
        if state != [mode, mode]:
            problems.append(f"after choosing {mode}: data-theme, saved mode = {state}")
        if page.locator(".dropdown-menu.show").count():
            problems.append("the colour-mode menu stays open after a choice")
    page.reload(wait_until="load")
    if page.evaluate("document.documentElement.dataset.theme") != "light":
        problems.append("the chosen mode does not survive a reload")
    return problems


def check_contents_highlight(page: Any) -> list[str]:
    links = page.locator("#pst-page-toc-nav a.nav-link")
    if links.count() < 3:
        return [f"the in-page contents has {links.count()} links"]
    problems = []
    for index in (2, 0):
        link = links.nth(index)
        target = link.get_attribute("href")[1:]
        # Put the heading a little below the sticky header, in the top third of the screen.
        page.evaluate(
            """id => { const h = document.getElementById(id).querySelector('h1,h2,h3') ||
                         document.getElementById(id);
                       window.scrollTo(0, h.getBoundingClientRect().top + scrollY - 120); }""",
            target,
        )
        try:
            page.wait_for_function(
                "id => { const a = document.querySelector('#pst-page-toc-nav a.active');"
                " return a && a.getAttribute('href') === '#' + id; }",
                arg=target,
                timeout=3000,
            )
        except Exception:  # Playwright's TimeoutError (imported lazily): reported below
            active = page.evaluate(
                "Array.from(document.querySelectorAll('#pst-page-toc-nav a.active'))"
                ".map(a => a.getAttribute('href'))"
            )
            problems.append(f"reading #{target}: highlighted contents entries {active}")
    return problems


def check_phone_sidebars(page: Any) -> list[str]:
    problems = []
    for toggle, dialog, inside in (
        (".primary-toggle", "pst-primary-sidebar-modal", ".bd-docs-nav"),
        (".secondary-toggle", "pst-secondary-sidebar-modal", "#pst-page-toc-nav"),
    ):
        button = page.locator(f"{toggle}:visible")
        if not button.count():
            problems.append(f"no visible {toggle} on a phone")
            continue
        button.first.click()
        if not _dialog_open(page, dialog):
            problems.append(f"{toggle} does not open #{dialog}")
            continue
        if not page.locator(f"#{dialog} {inside}").is_visible():
            problems.append(f"#{dialog} opened without {inside}")
        page.keyboard.press("Escape")
        if _dialog_open(page, dialog):
            problems.append(f"Escape does not close #{dialog}")
        elif page.locator(f"#{dialog} {inside}").count():
            problems.append(f"{inside} did not move back out of #{dialog}")
    return problems


def check_wide_sidebar(page: Any) -> list[str]:
    sidebar = page.locator("#pst-primary-sidebar")
    if not sidebar.is_visible():
        return ["the primary sidebar is not shown on a wide screen"]
    visibility = "getComputedStyle(document.getElementById('pst-primary-sidebar')).visibility"
    # The theme's CSS hides the sidebar with a transition: wait for it to end (up to 2 s).
    for expected, problem in (
        ("hidden", "☰ does not hide the primary sidebar on a wide screen"),
        ("visible", "☰ does not show the primary sidebar again"),
    ):
        page.locator(".primary-toggle:visible").first.click()
        try:
            page.wait_for_function(f"{visibility} === {expected!r}", timeout=2000)
        except Exception:  # Playwright's TimeoutError (imported lazily): reported here
            return [problem]
    return []


def check_search_button(page: Any) -> list[str]:
    problems = []
    page.locator(".search-button__button:visible").first.click()
    if not _dialog_open(page, "pst-search-dialog"):
        return ["the search button does not open the search dialog"]
    if not page.evaluate("document.activeElement.matches('#pst-search-dialog input[name=q]')"):
        problems.append("the search field is not focused in the dialog")
    page.keyboard.press("Escape")
    if _dialog_open(page, "pst-search-dialog"):
        problems.append("Escape does not close the search dialog")
    page.keyboard.press("Control+k")
    if not _dialog_open(page, "pst-search-dialog"):
        problems.append("Ctrl+K does not open the search dialog")
    page.keyboard.press("Control+k")
    if _dialog_open(page, "pst-search-dialog"):
        problems.append("Ctrl+K again does not close the search dialog")
    return problems


CHECKS: dict[str, tuple[dict[str, int], Callable[[Any], list[str]]]] = {
    "colour mode": (DESKTOP, check_colour_mode),
    "contents highlight": (DESKTOP, check_contents_highlight),
    "sidebars on a phone": (PHONE, check_phone_sidebars),
    "sidebar on a wide screen": (DESKTOP, check_wide_sidebar),
    "search button": (PHONE, check_search_button),
}


def run_checks(browser: Any, url: str) -> dict[str, tuple[list[str], list[str]]]:
    """Every check on a fresh page: what the check found, and console/page/request errors."""
    results = {}
    for name, (viewport, check) in CHECKS.items():
        context, page, events = _open(browser, url, viewport)
        try:
            problems = check(page)
        finally:
            context.close()
        results[name] = (problems, events.problems())
    return results


@pytest.fixture(scope="module")
def book_results(browser: Any, book_html: Path) -> dict[str, tuple[list[str], list[str]]]:
    with serve(book_html, "/actfn/") as url:
        return run_checks(browser, url)


@pytest.mark.parametrize("check", CHECKS)
def test_reader_control(book_results: dict[str, tuple[list[str], list[str]]], check: str) -> None:
    problems, errors = book_results[check]
    assert problems + errors == []


def test_theme_start_up_scripts_are_not_loaded(book_html: Path) -> None:
    page = (book_html / PAGE).read_text(encoding="utf-8")
    assert "scripts/bootstrap.js" not in page
    assert "scripts/pydata-sphinx-theme.js" not in page
    assert "_static/book-ui.js" in page


def test_every_check_fails_without_the_replacement(
    browser: Any, book_html: Path, tmp_path: Path
) -> None:
    planted = tmp_path / "html"
    shutil.copytree(book_html, planted)
    (planted / "_static" / "book-ui.js").write_text("/* planted: no replacement */\n")
    with serve(planted, "/actfn/") as url:
        results = run_checks(browser, url)
    passed = [name for name, (problems, _) in results.items() if not problems]
    assert not passed, f"checks that did not notice the missing controls: {passed}"
    # The planted site is otherwise sound: the checks fail on the controls, not on a broken copy.
    assert all(errors == [] for _, errors in results.values()), results
