"""tools/drift.py: two builds of the book compared output by output.

The end-to-end tests build three small books with the real conf.py: "old" and a cold rebuild of it
in another folder ("same"), and "new", whose kernel imports a changed module (as when torch
changes): a different printed value, a different glued number, a number that moved within the
tolerance, and a new warning. drift must report exactly the planted differences, and none between
old and same. The unit tests below them pin each rule on hand-made notebooks.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import drift
import pytest
from bookbuild import ROOT, FixtureBook, make_project_copy

CHAPTER = """
```{code-cell} ipython3
import probe
from myst_nb import glue
print(probe.describe())
```

```{code-cell} ipython3
glue("ratio", probe.RATIO, display=False)
glue("third", probe.THIRD, display=False)
```

비율은 {glue:text}`ratio:.4f`이고 삼분의 일은 {glue:text}`third:.4f`입니다.

```{code-cell} ipython3
probe.check()
```

```{code-cell} ipython3
from actfn.plotting import plot_with_derivative
plot_with_derivative(actfn.sigmoid, actfn.sigmoid_derivative, label="시그모이드")
```

```{code-cell} ipython3
print(torch.tensor([0.25, 0.5]) * 2)
```
"""

PROBE_OLD = """
RATIO = 0.25
THIRD = 1 / 3
def describe():
    return "기울기의 최댓값: 0.25"
def check():
    pass
"""

#: The planted changes: a printed value, a glued number, a glued number that moves by 1e-12
#: (within the tolerance: not a difference) and a new warning on stderr.
PROBE_NEW = """
import warnings
RATIO = 0.26
THIRD = 1 / 3 * (1 + 1e-12)
def describe():
    return "기울기의 최댓값: 0.26"
def check():
    warnings.warn("probe: this default will change", FutureWarning, stacklevel=1)
"""


def _build(book: FixtureBook, *, strict: bool) -> tuple[Path, Path]:
    """Build like `nox -s docs` (strict) or like `nox -s drift` (not strict, failing cells shown);
    returns the HTML folder and the warning file."""
    out, warnings = book.root / "_build" / "html", book.root / "_build" / "warnings.txt"
    flags = ["-W"] if strict else ["-D", "nb_execution_raise_on_error=0"]
    cmd = [sys.executable, "-m", "sphinx", "-n", "--keep-going", *flags, "-w", str(warnings)]
    result = subprocess.run(
        [*cmd, "-b", "html", "-c", str(book.root), str(book.docs), str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(book.root / "src")},
        timeout=900,
    )
    assert result.returncode == 0, f"{result.stdout[-3000:]}\n{result.stderr[-6000:]}"
    return out, warnings


def _book(root: Path, probe: str) -> FixtureBook:
    book = make_project_copy(root)
    (book.root / "src" / "probe.py").write_text(textwrap.dedent(probe))
    book.chapter("drifting", CHAPTER)
    return book


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    tmp = tmp_path_factory.mktemp("drift")
    return {
        "old": _build(_book(tmp / "old", PROBE_OLD), strict=True),
        "same": _build(_book(tmp / "same", PROBE_OLD), strict=True),
        "new": _build(_book(tmp / "new", PROBE_NEW), strict=False),
    }


def _run(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "tools" / "drift.py"), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_identical_builds_report_nothing(builds, tmp_path: Path) -> None:
    (old, old_log), (same, same_log) = builds["old"], builds["same"]
    assert old_log.read_text() == ""  # a strict build that passed
    result = drift.compare(old, same, old_warnings=old_log, new_warnings=same_log)
    assert result.differences == []
    assert result.counts["notebooks"] == 1
    assert result.counts["glued values"] == 2
    assert result.counts["figures"] == 1
    run = _run(old, same, "--old-warnings", old_log, "--new-warnings", same_log)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "**0 differences**" in run.stdout


def test_the_planted_changes_and_nothing_else(builds) -> None:
    (old, old_log), (new, new_log) = builds["old"], builds["new"]
    result = drift.compare(old, new, old_warnings=old_log, new_warnings=new_log)
    found = sorted((d.chapter, d.cell.split(" (")[0], d.what) for d in result.differences)
    assert found == [
        ("build log", "", "new warning"),  # myst-nb's stderr warning, in the build log
        ("drifting", "code cell 2", "stdout"),  # the printed value
        ("drifting", "code cell 3", "glue `ratio`"),  # `third` moved within the tolerance
        ("drifting", "code cell 4", "stderr"),  # the warning's text, where it was printed
    ], result.differences
    by_what = {d.what: d for d in result.differences}
    assert (by_what["stdout"].old, by_what["stdout"].new) == (
        "기울기의 최댓값: 0.25\n",
        "기울기의 최댓값: 0.26\n",
    )
    assert by_what["stdout"].cell == "code cell 2 (`import probe`)"
    assert (by_what["glue `ratio`"].old, by_what["glue `ratio`"].new) == ("0.25", "0.26")
    assert "FutureWarning: probe: this default will change" in by_what["stderr"].new
    assert by_what["stderr"].old == "(none)"
    assert "drifting.md" in by_what["new warning"].new
    assert "WARNING" in by_what["new warning"].new


def test_the_report_names_chapter_cell_and_old_and_new(builds, tmp_path: Path) -> None:
    (old, _), (new, new_log) = builds["old"], builds["new"]
    report = tmp_path / "out" / "report.md"
    run = _run(old, new, "--new-warnings", new_log, "--report", report, "--new-label", "torch X")
    assert run.returncode == 1, run.stdout + run.stderr
    text = report.read_text()
    assert text == run.stdout
    assert "**4 differences**" in text
    assert "## drifting" in text
    assert "### code cell 2 (`import probe`)" in text
    assert "-기울기의 최댓값: 0.25\n+기울기의 최댓값: 0.26" in text
    assert "**glue `ratio`**: relative change 3.8e-02 > 0.0001" in text
    assert "`0.25` → `0.26`" in text
    assert "**stderr**: new output\n\n```\n" in text
    assert "## Build log: new warnings" in text
    assert "torch X" in text


# -- the rules, on hand-made notebooks --------------------------------------------------------------


def _site(root: Path, chapters: dict[str, list[dict]]) -> Path:
    for name, cells in chapters.items():
        path = root / "_sources" / f"{name}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
        path.write_text(json.dumps(notebook))
    return root


def _cell(source: str, *outputs: dict) -> dict:
    return {"cell_type": "code", "source": source, "outputs": list(outputs), "metadata": {}}


def _stdout(text: str) -> dict:
    return {"output_type": "stream", "name": "stdout", "text": text}


def _glue(name: str, value: str) -> dict:
    """As myst-nb's glue(..., display=False) stores a value (a scrapbook record)."""
    prefix = "application/papermill.record/"
    return {
        "output_type": "display_data",
        "data": {f"{prefix}text/plain": value},
        "metadata": {"scrapbook": {"name": name, "mime_prefix": prefix}},
    }


def _figure(svg: str) -> dict:
    return {"output_type": "display_data", "data": {"image/svg+xml": svg}, "metadata": {}}


def _pair(tmp_path: Path, old: list[dict], new: list[dict], **kwargs) -> drift.Result:
    a = _site(tmp_path / "a", {"ch": old})
    b = _site(tmp_path / "b", {"ch": new})
    return drift.compare(a, b, **kwargs)


def test_text_is_compared_exactly(tmp_path: Path) -> None:
    old = [_cell("print(x)", _stdout("tensor([0.2500, 0.5000])\n"))]
    same = [_cell("print(x)", _stdout("tensor([0.2500, "), _stdout("0.5000])\n"))]
    assert _pair(tmp_path / "1", old, same).differences == []  # split streams are joined
    new = [_cell("print(x)", _stdout("tensor([0.2500, 0.5001])\n"))]
    (difference,) = _pair(tmp_path / "2", old, new).differences
    assert (difference.what, difference.detail) == ("stdout", "changed")


def test_glued_numbers_within_a_relative_tolerance(tmp_path: Path) -> None:
    old = [_cell("glue", _glue("g", "np.float64(0.8807970779778823)"))]
    close = [_cell("glue", _glue("g", "np.float64(0.8807970779778824)"))]
    assert _pair(tmp_path / "1", old, close).differences == []
    far = [_cell("glue", _glue("g", "np.float64(0.8809)"))]
    assert len(_pair(tmp_path / "2", old, far).differences) == 1
    assert _pair(tmp_path / "3", old, far, rtol=1e-3).differences == []
    # The text around the number is compared exactly: float64 → float32 is a difference.
    other = [_cell("glue", _glue("g", "np.float32(0.8807970779778823)"))]
    (difference,) = _pair(tmp_path / "4", old, other).differences
    assert difference.detail == "text changed"


SVG = """<svg xmlns:xlink="http://www.w3.org/1999/xlink">
 <defs><path id="m{h}" d="M 0 0 L 0 3.5"/></defs>
 <g id="line2d_1"><path d="M 57.6 {y} L 102.3 80.25" clip-path="url(#p{h})" style="stroke: #1f77b4"/></g>
 <g id="text_1"><!-- {label} --><use xlink:href="#m{h}" x="57.6" y="307.584"/></g>
 <clipPath id="p{h}"><rect x="57.6" y="41.472" width="357.12" height="266.112"/></clipPath>
</svg>"""


def test_figures_by_their_drawing_data(tmp_path: Path) -> None:
    old = [_cell("plot", _figure(SVG.format(h="1a2b3c", y="240.1", label="0.25")))]
    # Content-hashed ids change with any coordinate; a move of 0.04 pt is invisible.
    same = [_cell("plot", _figure(SVG.format(h="9f8e7d", y="240.14", label="0.25")))]
    assert _pair(tmp_path / "1", old, same).differences == []
    moved = [_cell("plot", _figure(SVG.format(h="9f8e7d", y="242.5", label="0.25")))]
    (difference,) = _pair(tmp_path / "2", old, moved).differences
    assert difference.detail == "1 of 15 coordinates moved, by up to 2.4 pt"
    relabelled = [_cell("plot", _figure(SVG.format(h="1a2b3c", y="240.1", label="0.26")))]
    (difference,) = _pair(tmp_path / "3", old, relabelled).differences
    assert difference.detail == "labels changed: '0.25' → '0.26'"
    recoloured = [
        _cell("plot", _figure(SVG.format(h="1a2b3c", y="240.1", label="0.25").replace("1f77b4", "1f77b5")))
    ]  # fmt: skip
    (difference,) = _pair(tmp_path / "4", old, recoloured).differences
    assert difference.detail.startswith("drawing changed")


def test_allowed_differences_are_listed_not_failed(tmp_path: Path) -> None:
    version = "import torch\nprint(torch.__version__)"
    old = [_cell(version, _stdout("2.13.0+cpu\n")), _cell("print(1)", _stdout("1\n"))]
    new = [_cell(version, _stdout("2.14.0+cpu\n")), _cell("print(1)", _stdout("1\n"))]
    rules = drift.load_rules(drift.ALLOW_FILE)
    result = _pair(tmp_path, old, new, rules=rules)
    assert result.differences == []
    (allowed,) = result.allowed
    assert allowed.cell == "code cell 1 (`import torch`)"
    assert "torch version" in allowed.reason
    assert len(_pair(tmp_path / "strict", old, new).differences) == 1  # without the allow-list


def test_an_allow_list_entry_needs_a_reason(tmp_path: Path) -> None:
    bad = tmp_path / "allow.toml"
    bad.write_text('[[allow]]\nchapters = "*"\nsource = "x"\n')
    with pytest.raises(ValueError, match=r"--allow: .* entry 1 needs .* reason"):
        drift.load_rules(bad)
    site = _site(tmp_path / "site", {"ch": []})
    run = _run(site, site, "--allow", bad)
    assert run.returncode == 2
    assert "--allow" in run.stderr


def test_new_warnings_only_with_locations_reduced_to_file_names(tmp_path: Path) -> None:
    old_log, new_log = tmp_path / "old.txt", tmp_path / "new.txt"
    old_log.write_text("/a/docs/ch.md:3: WARNING: known [x]\n")
    new_log.write_text(
        "/b/docs/ch.md:3: WARNING: known [x]\n"
        "\x1b[91m/b/docs/ch.md:9: WARNING: stderr was found in the cell outputs\x1b[39;49;00m\n"
        "  more about it\n"
    )
    site = _site(tmp_path / "site", {"ch": []})
    result = drift.compare(site, site, old_warnings=old_log, new_warnings=new_log)
    (difference,) = result.differences
    assert (
        difference.new == "ch.md:9: WARNING: stderr was found in the cell outputs\n  more about it"
    )


def test_a_chapter_or_cell_present_in_one_build_only(tmp_path: Path) -> None:
    a = _site(tmp_path / "a", {"ch": [_cell("1")], "gone": []})
    b = _site(tmp_path / "b", {"ch": [_cell("1"), _cell("2")]})
    found = {(d.chapter, d.what) for d in drift.compare(a, b).differences}
    assert found == {("ch", "code cells"), ("gone", "notebook")}


def test_bad_arguments_are_named(tmp_path: Path) -> None:
    run = _run(tmp_path, tmp_path)
    assert run.returncode == 2
    assert "argument old" in run.stderr
    assert "holds no executed notebooks" in run.stderr
    site = _site(tmp_path / "site", {"ch": []})
    run = _run(site, site, "--rtol", "-1")
    assert run.returncode == 2
    assert "argument --rtol" in run.stderr
