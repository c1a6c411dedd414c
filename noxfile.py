"""Sessions for building and checking 「활성화 함수」.

    nox -s docs      build the HTML site into _build/html (strict: -n -W --keep-going)
    nox -s doctest   run the package's docstring examples and the book's {doctest} blocks
    nox -s tests     build the site, then run every test (pytest, including doctests)
    nox -s lint      ruff
    nox -s serve     live preview at http://127.0.0.1:8000 (sphinx-autobuild)
    nox -s bench     build-time, page-weight and function-speed benchmarks (bench/; slow, asserts nothing)

Every install goes through requirements/constraints.txt. Sessions reuse their virtualenvs, and a stamp
file skips `pip install` entirely while the requirement files are unchanged. To force a reinstall,
delete .nox/<name>.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import nox

ROOT = Path(__file__).resolve().parent
CONSTRAINTS = "requirements/constraints.txt"
BUILD = ROOT / "_build"
HTML = BUILD / "html"
STRICT = ["-n", "-W", "--keep-going"]

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
    """Build-time scenarios (bench/results.md), page weight, and actfn vs torch (bench/functions.md)."""
    _install(session, "requirements/tests.txt")
    session.run("python", "bench/functions.py", "--output", "bench/functions.md")
    session.run("python", "bench/build.py", "--output", "bench/results.md", *session.posargs)
    session.run("python", "bench/pageweight.py")
