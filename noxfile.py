"""Sessions for building and checking 「활성화 함수」.

    nox -s docs      build the HTML site into _build/html (strict: -n -W --keep-going)
    nox -s doctest   run the package's docstring examples and the book's {doctest} blocks
    nox -s tests     build the site, then run every test (pytest, including doctests)
    nox -s lint      ruff
    nox -s serve     live preview at http://127.0.0.1:8000 (sphinx-autobuild)
    nox -s bench     build-time, page-weight, function-speed, search and Lighthouse benchmarks (bench/; slow)
    nox -s drift     build with the newest torch and compare with _build/html (tools/drift.py)
    nox -s pdf       the whole book as one PDF, _build/pdf/actfn-book.pdf (tools/print_pdf.py),
                     then the site into _build/html with that PDF in its download menu

Every install goes through requirements/constraints.txt. Sessions reuse their virtualenvs, and a stamp
file skips `pip install` entirely while the requirement files are unchanged. To force a reinstall,
delete .nox/<name>.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tomllib
from pathlib import Path

import nox

ROOT = Path(__file__).resolve().parent
CONSTRAINTS = "requirements/constraints.txt"
BUILD = ROOT / "_build"
HTML = BUILD / "html"
PDF = BUILD / "pdf" / "actfn-book.pdf"  # docs/_ext/book_downloads.py publishes it with the site
#: -n -W --keep-going, defined once in pyproject.toml for every build.
STRICT = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["actfn"]["sphinx-strict"]

nox.options.default_venv_backend = "virtualenv"  # never uv: it ignores the machine's pip setup
nox.options.reuse_venv = "yes"
nox.options.sessions = ["lint", "tests"]  # bench is never a default


def _install(session: nox.Session, *requirement_files: str, package: bool = True) -> None:
    """Install the requirement files (and the package, editable) unless already installed.

    The stamp records a hash of everything that decides what gets installed; an editable install
    means later edits to src/ need no reinstall.
    """
    inputs = [CONSTRAINTS, "pyproject.toml", *requirement_files]
    for name in requirement_files:  # follow one level of -r includes
        for line in (ROOT / name).read_text().splitlines():
            if line.startswith("-r "):
                inputs.append(str(Path(name).parent / line[3:].strip()))
    digest = hashlib.sha256()
    for name in sorted(set(inputs)):
        digest.update(name.encode() + b"\0" + (ROOT / name).read_bytes())
    key = f"{digest.hexdigest()} package={package}"
    stamp = Path(session.virtualenv.location) / ".actfn-installed"
    if stamp.exists() and stamp.read_text() == key:
        session.log("dependencies up to date (delete %s to force a reinstall)", stamp)
        return
    args = [a for name in requirement_files for a in ("-r", name)]
    session.install("-c", CONSTRAINTS, *args)
    if package:
        session.install("-c", CONSTRAINTS, "-e", ".")
    stamp.write_text(key)


def _build_html(session: nox.Session, *extra: str) -> None:
    session.run("sphinx-build", *STRICT, "-b", "html", "-c", ".", "docs", str(HTML), *extra)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the site into _build/html. Extra arguments go to sphinx-build (e.g. -E, -j 2)."""
    _install(session, "requirements/docs.txt")
    _build_html(session, *session.posargs)
    session.log("site: %s", HTML / "index.html")


@nox.session
def doctest(session: nox.Session) -> None:
    """Docstring examples of the package, and {doctest} blocks in the book."""
    _install(session, "requirements/tests.txt")
    session.run("pytest", "--doctest-modules", "src/actfn", "-p", "no:cacheprovider", "-q")
    session.run("sphinx-build", *STRICT, "-b", "doctest", "-c", ".", "docs", str(BUILD / "doctest"))


@nox.session
def tests(session: nox.Session) -> None:
    """Build the site (strict), then run every test against it. Extra arguments go to pytest."""
    _install(session, "requirements/tests.txt")
    _build_html(session)
    env = {"ACTFN_BOOK_HTML": str(HTML)}
    if os.environ.get("CI"):
        env["CI"] = os.environ["CI"]
    session.run("pytest", *session.posargs, env=env)


@nox.session(default=False)
def pdf(session: nox.Session) -> None:
    """The whole book as one PDF: the one-page build (-b singlehtml, strict, same execution cache
    as the site: nothing re-executes) printed by Chromium, then the site, which links the PDF in
    every page's download menu and carries a copy. Extra arguments go to both sphinx-builds."""
    _install(session, "requirements/tests.txt")  # the docs set and Playwright
    single = BUILD / "singlehtml"
    session.run(
        "sphinx-build", *STRICT, "-b", "singlehtml", "-c", ".", "docs", str(single),
        *session.posargs,
    )  # fmt: skip
    session.run("python", "tools/print_pdf.py", str(single / "index.html"), str(PDF))
    _build_html(session, *session.posargs)
    session.log("PDF: %s; site: %s", PDF, HTML / "index.html")


@nox.session
def lint(session: nox.Session) -> None:
    """ruff: lint and formatting."""
    _install(session, "requirements/dev.txt", package=False)
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def serve(session: nox.Session) -> None:
    """Live preview: rebuilds on every change and reloads the browser."""
    _install(session, "requirements/docs.txt", "requirements/dev.txt")
    session.run(
        "sphinx-autobuild",
        *STRICT,
        "-b",
        "html",
        "-c",
        ".",
        "docs",
        str(HTML),
        "--watch",
        "src",
        "--host",
        "127.0.0.1",
        "--port",
        "8000",
        *session.posargs,
    )


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Benchmarks: actfn vs torch, build time, page weight, search recall, Lighthouse.

    Results: bench/functions.md, bench/results.md, bench/lighthouse.md (page weight and search
    recall print theirs).

    Lighthouse (bench/lighthouse.md) needs `npm ci` and measures _build/html: run it on an
    otherwise idle machine (a busy one lowers the scores).
    """
    _install(session, "requirements/tests.txt")
    env = {"PYTHONPATH": "tests"}  # the tests' project copy, builds and browser launcher
    session.run("python", "bench/functions.py", "--output", "bench/functions.md")
    session.run(
        "python", "bench/build.py", "--output", "bench/results.md", *session.posargs, env=env
    )
    session.run("python", "bench/pageweight.py", env=env)
    session.run("python", "bench/search_recall.py", env=env)
    # Lighthouse (mobile) on every page of the site built above: bench/lighthouse.md.
    session.run("python", "bench/lighthouse.py", env=env)


@nox.session(default=False)
def drift(session: nox.Session) -> None:
    """Build the book with the newest torch release and compare it with the pinned build.

    Run `nox -s docs` first (the pinned build in _build/html). This session installs the same
    dependencies with torch upgraded to its newest release, builds into _build/drift/html without
    -W (a new warning is reported, not fatal; a failing cell shows its error instead of stopping
    the build) and runs tools/drift.py: report in _build/drift/report.md, non-zero exit status on
    any difference. Extra arguments go to tools/drift.py (e.g. --rtol 1e-3).
    """
    if not (HTML / "index.html").is_file():
        session.error(f"no pinned build in {HTML}: run `nox -s docs` first")
    _install(session, "requirements/docs.txt")
    session.install("--upgrade", "torch")  # no constraints: the newest release, not the pin
    out = BUILD / "drift"
    warnings = out / "warnings.txt"
    shutil.rmtree(out, ignore_errors=True)  # no pages or warnings left from an earlier run
    out.mkdir(parents=True, exist_ok=True)
    session.run(
        "sphinx-build", "-n", "--keep-going", "-w", str(warnings),
        "-D", "nb_execution_raise_on_error=0",
        "-b", "html", "-c", ".", "docs", str(out / "html"),
    )  # fmt: skip
    torch = "import importlib.metadata as m; print('torch', m.version('torch'))"
    new_label = session.run("python", "-c", torch, silent=True).strip()
    pinned = next(
        line.split("==", 1)[1].strip()
        for line in (ROOT / CONSTRAINTS).read_text().splitlines()
        if line.startswith("torch==")
    )
    session.run(
        "python", "tools/drift.py", str(HTML), str(out / "html"),
        "--new-warnings", str(warnings), "--report", str(out / "report.md"),
        "--old-label", f"torch {pinned} (pinned)", "--new-label", f"{new_label} (newest)",
        *session.posargs,
    )  # fmt: skip
