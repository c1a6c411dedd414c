"""Shared fixtures: the built book, and small fixture books built with the real conf.py."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bookbuild import ROOT, FixtureBook, make_project_copy, sphinx_build
from browser import chromium


@pytest.fixture(scope="session")
def book_html() -> Path:
    """The built site's HTML directory.

    `nox -s tests` builds the site first and passes it in ACTFN_BOOK_HTML; run directly, pytest
    builds it here (cached execution makes a no-change rebuild take seconds).
    """
    given = os.environ.get("ACTFN_BOOK_HTML")
    if given:
        html = Path(given)
        assert (html / "index.html").is_file(), f"ACTFN_BOOK_HTML={given} holds no built site"
        return html
    html = ROOT / "_build" / "html"
    result = sphinx_build(ROOT, ROOT / "docs", html)
    assert result.returncode == 0, (
        f"the book does not build:\n{result.stdout[-3000:]}\n{result.stderr[-6000:]}"
    )
    return html


@pytest.fixture
def fixture_book(tmp_path: Path) -> FixtureBook:
    """A minimal book using the project's real conf.py, docs/_* support files and a copy of src/."""
    return make_project_copy(tmp_path / "book")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session (tests/browser.py's launcher). Tests open their
    own contexts on it (browser.new_context()), which share nothing: cookies, storage and routes
    stay with the context."""
    with chromium() as launched:
        yield launched


# -- In CI a skipped test is a failure: a missing browser or tool must not pass silently. ----------
_skipped: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if os.environ.get("CI") and _skipped and exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        print(f"\nCI=true: {len(_skipped)} skipped test(s) count as failures: {_skipped}")
