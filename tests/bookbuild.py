"""Building books in tests: the real book, and small fixture books with the real conf.py."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: -n -W --keep-going, defined once in pyproject.toml for every build (noxfile.py reads it too).
STRICT = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["actfn"]["sphinx-strict"]

#: The original lesson the book is adapted from, kept unchanged in the repository (see NOTICE).
SEED_LESSON = ROOT / "tests" / "data" / "seed-lesson.ko.md"

#: The hidden setup cell every chapter starts with (figures as reproducible SVG).
SETUP_CELL = """\
```{code-cell} ipython3
:tags: [hide-input]
%matplotlib inline
%config InlineBackend.figure_formats = ["svg"]
%config InlineBackend.print_figure_kwargs = {"bbox_inches": "tight", "metadata": {"Date": None}}
import matplotlib as mpl
mpl.rcParams["svg.hashsalt"] = "actfn"
import torch
import actfn
```
"""

FRONT_MATTER = """\
---
jupytext:
  text_representation: {extension: .md, format_name: myst}
kernelspec: {display_name: Python 3, language: python, name: python3}
---
"""


def sphinx_build(
    confdir: Path,
    srcdir: Path,
    outdir: Path,
    *,
    builder: str = "html",
    env: dict | None = None,
    extra: Sequence[str] = (),
) -> subprocess.CompletedProcess[str]:
    """Run a strict sphinx-build in a subprocess (as `nox -s docs` does) and capture its output."""
    cmd = [sys.executable, "-m", "sphinx", *STRICT, "-b", builder, "-c", str(confdir), *extra]
    return subprocess.run(
        [*cmd, str(srcdir), str(outdir)],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=900,
    )


@dataclass
class FixtureBook:
    """A throwaway copy of the project (real conf.py, extensions, package sources) with its own docs."""

    root: Path

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    def chapter(self, name: str, body: str, *, setup: bool = True) -> Path:
        """Write docs/<name>.md as a notebook chapter (front matter + setup cell + body)."""
        text = FRONT_MATTER + f"# {name}\n\n" + (SETUP_CELL + "\n" if setup else "")
        path = self.docs / f"{name}.md"
        path.write_text(text + textwrap.dedent(body))
        return path

    def build(
        self,
        out: str = "html",
        *,
        builder: str = "html",
        extra: Sequence[str] = (),
        env: dict | None = None,
    ) -> subprocess.CompletedProcess[str]:
        """Build into _build/<out>; `extra` goes to sphinx-build, `env` to its environment."""
        # PYTHONPATH puts this copy's src/ ahead of the installed (editable) package in the kernel.
        env = {"PYTHONPATH": str(self.root / "src"), **(env or {})}
        return sphinx_build(
            self.root, self.docs, self.root / "_build" / out, builder=builder, env=env, extra=extra
        )

    def html(self, page: str, out: str = "html") -> str:
        return (self.root / "_build" / out / f"{page}.html").read_text()


#: Files a fixture book needs beside its pages: conf.py and what the wheel build (book_downloads) reads.
PROJECT_FILES = ("conf.py", "pyproject.toml", "README.md", "LICENSE", "NOTICE")
INDEX = "# 시험용 책\n\n```{toctree}\n:glob:\n\n*\n```\n"


def make_project_copy(root: Path, *, pages: bool = False) -> FixtureBook:
    """Copy the project's build machinery into root: conf.py and the top-level files, requirements/,
    src/ and docs/_* (extensions, static files, templates), with an empty bibliography and an index
    that globs every page. Add pages with FixtureBook.chapter (or copy them into root/docs).
    With ``pages=True``, all of docs/ is copied instead: the real book (bench/build.py)."""
    root.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "_build", ".jupyter_cache", "_notes*")
    for name in PROJECT_FILES:
        shutil.copy(ROOT / name, root / name)
    for tree in ("requirements", "src"):
        shutil.copytree(ROOT / tree, root / tree, ignore=ignore)
    if pages:
        shutil.copytree(ROOT / "docs", root / "docs", ignore=ignore)
        return FixtureBook(root)
    for support in sorted((ROOT / "docs").glob("_*")):
        if support.is_dir():
            shutil.copytree(support, root / "docs" / support.name, ignore=ignore)
    (root / "docs" / "references.bib").write_text("")  # conf.py names docs/references.bib
    (root / "docs" / "index.md").write_text(INDEX)
    return FixtureBook(root)
