"""Shared fixtures: the built book, and small fixture books built with the real conf.py."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from bookbuild import ROOT, FixtureBook, sphinx_build


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
    """A minimal book using the project's real conf.py, docs/_ext and a copy of src/."""
    root = tmp_path / "book"
    root.mkdir()
    shutil.copy(ROOT / "conf.py", root / "conf.py")
    for name in ("pyproject.toml", "README.md", "LICENSE", "NOTICE"):  # the wheel build needs them
        shutil.copy(ROOT / name, root / name)
    (root / "requirements").mkdir()
    shutil.copy(
        ROOT / "requirements" / "constraints.txt", root / "requirements" / "constraints.txt"
    )
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "src", root / "src", ignore=ignore)
    shutil.copytree(ROOT / "docs" / "_ext", root / "docs" / "_ext", ignore=ignore)
    if (ROOT / "docs" / "_static").is_dir():
        shutil.copytree(ROOT / "docs" / "_static", root / "docs" / "_static")
    (root / "docs" / "references.bib").write_text("")  # conf.py names docs/references.bib
    (root / "docs" / "index.md").write_text("# 시험용 책\n\n```{toctree}\n:glob:\n\n*\n```\n")
    return FixtureBook(root)


# -- In CI a skipped test is a failure: a missing browser or tool must not pass silently. ----------
_skipped: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if os.environ.get("CI") and _skipped and exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        print(f"\nCI=true: {len(_skipped)} skipped test(s) count as failures: {_skipped}")
