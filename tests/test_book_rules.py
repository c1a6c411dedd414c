"""The book cannot quietly opt out of strictness.

Greps the chapters and the configuration for the escapes that would defeat a strict build: silenced
warnings, per-cell stderr overrides, tolerated errors, unexpected cell tags. Each rule is first shown
to catch a planted violation, then applied to the real book.
"""

from __future__ import annotations

import re
import runpy
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
    noxfile = (ROOT / "noxfile.py").read_text()
    assert '["-n", "-W", "--keep-going"]' in noxfile


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
