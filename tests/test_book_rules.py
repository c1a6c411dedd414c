"""The book cannot quietly opt out of strictness.

Greps the chapters and the configuration for the escapes that would defeat a strict build: silenced
warnings, per-cell stderr overrides, tolerated errors, unexpected cell tags. Each rule is first shown
to catch a planted violation, then applied to the real book.
"""

from __future__ import annotations

import importlib
import re
import runpy
import sys
import tomllib
import types
from pathlib import Path

import pytest
from bookbuild import ROOT
from myst_nb.core.read import read_myst_markdown_notebook

ALLOWED_TAGS = {
    "hide-input",
    "hide-output",
    "hide-cell",
    "remove-cell",
    "raises-exception",
    "skip-execution",
}
FORBIDDEN = {
    "silenced warnings": re.compile(r"(filterwarnings|simplefilter)\(\s*['\"]ignore"),
    "stderr override": re.compile(r"output_stderr|remove-stderr|nb_output_stderr"),
    "redirected stderr": re.compile(r"redirect_stderr|sys\.stderr\s*=|%%capture"),
    "errors allowed": re.compile(r"allow_errors|execution_allow_errors"),
    # e.g. "\a" typed into a Python string once turned "\approx" into BEL + "pprox" on the page
    "control character": re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"),
}


def chapters() -> list[Path]:
    return sorted((ROOT / "docs").glob("*.md"))


def violations(text: str) -> list[str]:
    """Every rule the page breaks, as human-readable strings."""
    found = [f"{name}: {m.group(0)!r}" for name, rx in FORBIDDEN.items() for m in rx.finditer(text)]
    if "```{code-cell}" not in text:
        return found
    notebook = read_myst_markdown_notebook(text)
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        tags = set(cell.metadata.get("tags", []))
        found += [f"cell {index}: tag {t!r} is not allowed" for t in sorted(tags - ALLOWED_TAGS)]
        if "skip-execution" in tags and "pip install" not in cell.source:
            found.append(f"cell {index}: skip-execution is only for install cells")
        if "raises-exception" in tags and not re.search(
            r"\b(raise|actfn\.|torch\.|nn\.)", cell.source
        ):
            found.append(f"cell {index}: raises-exception on a cell that demonstrates no error")
    return found


PLANTED = [
    "```{code-cell} ipython3\nimport warnings\nwarnings.filterwarnings('ignore')\n```\n",
    "```{code-cell} ipython3\n---\nmystnb:\n  output_stderr: remove\n---\nprint(1)\n```\n",
    "```{code-cell} ipython3\n:tags: [remove-stderr]\nprint(1)\n```\n",
    "```{code-cell} ipython3\n:tags: [skip-execution]\nimport torch\n```\n",
    "```{code-cell} ipython3\n:tags: [raises-exception]\nx = 1\n```\n",
    "근사적으로 $|x| \x07pprox 1.66$입니다.\n",
]


@pytest.mark.parametrize("text", PLANTED)
def test_rules_catch_a_planted_violation(text: str) -> None:
    page = "---\nkernelspec: {name: python3, display_name: Python 3}\n---\n# t\n\n" + text
    assert violations(page)


def test_chapters_have_no_escapes() -> None:
    assert chapters(), "docs/ has no pages"
    problems = {p.name: v for p in chapters() if (v := violations(p.read_text()))}
    assert not problems, problems


def test_configuration_is_strict() -> None:
    conf = runpy.run_path(str(ROOT / "conf.py"))
    assert conf["nb_execution_raise_on_error"] is True
    assert conf["nb_output_stderr"] in {"warn", "error"}
    assert not conf.get("nb_execution_allow_errors", False)
    assert not conf.get("suppress_warnings"), "warnings must not be suppressed"
    assert conf["nb_execution_mode"] == "cache"


# -- every build uses the one definition of the strict flags (pyproject.toml [tool.actfn]) ----------
def _strict() -> list[str]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["actfn"]["sphinx-strict"]


def _uses_strict(command: list[str]) -> bool:
    """The strict flags appear together, in order, in the command line."""
    flags = _strict()
    return any(command[i : i + len(flags)] == flags for i in range(len(command)))


def test_the_strict_flags_are_strict() -> None:
    assert set(_strict()) == {"-n", "-W", "--keep-going"}


class _Session:
    """Records what a nox session would run, instead of running it."""

    def __init__(self, location: Path) -> None:
        self.commands: list[list[str]] = []
        self.posargs: list[str] = []
        location.mkdir(parents=True, exist_ok=True)
        self.virtualenv = types.SimpleNamespace(location=str(location))

    def run(self, *args: str, **kwargs: object) -> None:
        self.commands.append([str(a) for a in args])

    def install(self, *args: str, **kwargs: object) -> None:
        pass

    def log(self, *args: object) -> None:
        pass


@pytest.fixture
def noxfile(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """noxfile.py imported with a stand-in for nox (the runner is not installed in the test venv)."""
    nox = types.ModuleType("nox")
    nox.options = types.SimpleNamespace()
    nox.Session = _Session
    nox.session = lambda f=None, **kw: f if f is not None else (lambda g: g)
    monkeypatch.setitem(sys.modules, "nox", nox)
    monkeypatch.delitem(sys.modules, "noxfile", raising=False)
    return importlib.import_module("noxfile")


def _noxfile_builds(noxfile: types.ModuleType, tmp_path: Path, strict: bool) -> dict[str, list]:
    """{session: its sphinx-build / sphinx-autobuild command lines} for every nox session."""
    builds = {}
    for name in ("docs", "doctest", "tests", "serve", "lint", "bench"):
        session = _Session(tmp_path / name)
        if not strict:
            noxfile.STRICT = []
        getattr(noxfile, name)(session)
        builds[name] = [c for c in session.commands if c[0].startswith("sphinx-")]
    return builds


def test_every_nox_build_uses_the_strict_flags(noxfile: types.ModuleType, tmp_path: Path) -> None:
    builds = _noxfile_builds(noxfile, tmp_path, strict=True)
    assert all(builds[name] for name in ("docs", "doctest", "tests", "serve")), builds
    loose = [
        command for commands in builds.values() for command in commands if not _uses_strict(command)
    ]
    assert not loose, loose


def test_nox_check_catches_a_build_without_the_flags(
    noxfile: types.ModuleType, tmp_path: Path
) -> None:
    builds = _noxfile_builds(noxfile, tmp_path, strict=False)
    assert not any(_uses_strict(command) for command in builds["docs"])


def test_the_tests_and_bench_builds_use_the_strict_flags(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """tests/bookbuild.py builds every fixture book and the book; bench/build.py builds through it."""
    import bookbuild

    import bench.build

    commands: list[list[str]] = []
    monkeypatch.setattr(bookbuild.subprocess, "run", lambda command, **kw: commands.append(command))
    bookbuild.sphinx_build(tmp_path, tmp_path / "docs", tmp_path / "html")
    bookbuild.FixtureBook(tmp_path).build()
    bench.build.Workspace.run(types.SimpleNamespace(book=bookbuild.FixtureBook(tmp_path)), jobs=2)
    assert len(commands) == 3
    assert all(_uses_strict(command) for command in commands), commands


def test_raises_exception_cells_really_raise(book_html: Path) -> None:
    """A cell tagged raises-exception must show the exception it demonstrates; no other cell may."""
    for page in sorted(book_html.glob("*.html")):
        html = page.read_text()
        cells = re.split(r'<div class="cell (?=[^"]*docutils container")', html)[1:]
        for cell in cells:
            tagged = (
                cell.startswith("tag_raises-exception") or " tag_raises-exception" in cell[:200]
            )
            traceback = "output traceback" in cell.split('<div class="cell ', 1)[0]
            assert tagged == traceback, f"{page.name}: tagged={tagged} traceback={traceback}"
