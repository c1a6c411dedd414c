"""Every third-party module the project's own code imports is declared where it runs.

deptry compares the imports of each part with the requirement file of the nox session that runs it:

* ``conf.py`` and ``docs/_ext/`` with ``requirements/docs.txt`` (``nox -s docs``);
* ``tests/`` and ``bench/`` with ``requirements/tests.txt`` (``nox -s tests``, ``nox -s bench``);
* ``noxfile.py`` with ``requirements/nox.txt`` (the runner that .ci/run installs).

A module that only arrives as a dependency of something else (bs4 through nothing we name, torch
through the package) is a finding (DEP003), as is one missing entirely (DEP001). The versions stay in
``requirements/constraints.txt``. The check is first shown failing on planted omissions.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bookbuild import ROOT

#: First-party modules: the package, the project's Sphinx extensions and bench/ (the tests import
#: them: docs/_ext and the root are on pytest's pythonpath).
FIRST_PARTY = [
    "actfn",
    "bench",
    *sorted(p.stem for p in (ROOT / "docs" / "_ext").glob("*.py")),
    *sorted(p.stem for p in (ROOT / "tools").glob("*.py")),
]

#: Requirements of the docs session that nothing imports, with why they are there. conf.py loads
#: extensions and the theme by name (its `extensions` list, `html_theme`), Jupyter starts ipykernel
#: as the notebooks' kernel, book_downloads builds the package's wheel with hatchling, and the
#: chapters' code cells (which deptry does not read) import matplotlib.
LOADED_BY_NAME = [
    "matplotlib",
    "myst-parser",
    "ipykernel",
    "sphinxcontrib-bibtex",
    "sphinx-copybutton",
    "sphinx-exercise",
    "sphinx-togglebutton",
    "sphinx-notfound-page",
    "sphinxext-opengraph",
    "hatchling",
]

#: (what is scanned, its requirement file, rules ignored and why)
CHECKS = {
    "docs": (
        ["conf.py", "docs/_ext"],
        "requirements/docs.txt",
        ["DEP002=" + "|".join(LOADED_BY_NAME)],
    ),
    # tests.txt includes docs.txt (-r): the build's packages are not the tests' unused ones.
    "tests": (["tests", "bench", "tools"], "requirements/tests.txt", ["DEP002"]),
    "nox": (["noxfile.py"], "requirements/nox.txt", []),
}


def deptry(root: Path, paths: list[str], requirements: str, ignores: list[str]) -> list[str]:
    """deptry's findings ("DEP003 'bs4' in tests/x.py") for a copy of the project that holds only
    `paths` and requirements/ (see _copy), checked against one requirement file and its -r files."""
    # An empty configuration file: given pyproject.toml, deptry would read the package's own
    # [project] dependencies instead of the session's requirement file.
    config = root / "deptry.toml"
    config.write_text("[tool.deptry]\n")
    report = root / "deptry.json"
    # Directories as roots make their modules local (tests/ imports bookbuild, bench/ pageweight).
    roots = [p for p in paths if (root / p).is_dir() and "/" not in p] or ["."]
    command = [
        sys.executable, "-m", "deptry", *roots,
        "--config", str(config),
        "--requirements-files", requirements,
        "--requirements-files-dev", requirements,
        "--exclude", r"requirements/",
        "--json-output", str(report),
    ]  # fmt: skip
    for module in FIRST_PARTY:
        command += ["--known-first-party", module]
    for ignore in ignores:
        command += ["--per-rule-ignores", ignore] if "=" in ignore else ["--ignore", ignore]
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    if not report.is_file():
        pytest.fail(f"deptry did not run:\n{result.stdout}\n{result.stderr}")
    return sorted(
        f"{f['error']['code']} {f['module']!r} in {f['location']['file']}"
        for f in json.loads(report.read_text())
    )


def _copy(tmp_path: Path, paths: list[str]) -> Path:
    """A folder with only `paths` and requirements/ from the project (the tests import nothing else
    that deptry should see)."""
    root = tmp_path / "project"
    for name in [*paths, "requirements"]:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, root / name)
    return root


# -- the check catches planted omissions ---------------------------------------------------------
def test_check_catches_a_module_that_arrives_only_as_a_dependency(tmp_path: Path) -> None:
    paths, requirements, ignores = CHECKS["tests"]
    root = _copy(tmp_path, paths)
    listed = root / requirements
    listed.write_text(listed.read_text().replace("\nbeautifulsoup4\n", "\n"))
    assert "DEP003 'bs4' in tests/test_seed_outputs.py" in deptry(
        root, paths, requirements, ignores
    )


def test_check_catches_an_undeclared_import_in_an_extension(tmp_path: Path) -> None:
    paths, requirements, ignores = CHECKS["docs"]
    root = _copy(tmp_path, paths)
    (root / "docs" / "_ext" / "planted.py").write_text("import yaml\nimport bs4\n")
    found = deptry(root, paths, requirements, ignores)
    assert "DEP003 'yaml' in docs/_ext/planted.py" in found, found
    assert "DEP003 'bs4' in docs/_ext/planted.py" in found, found


def test_check_catches_a_requirement_nothing_uses(tmp_path: Path) -> None:
    paths, requirements, ignores = CHECKS["docs"]
    root = _copy(tmp_path, paths)
    (root / requirements).write_text((root / requirements).read_text() + "tabulate\n")
    assert "DEP002 'tabulate' in requirements/docs.txt" in deptry(
        root, paths, requirements, ignores
    )


# -- the project ----------------------------------------------------------------------------------
@pytest.mark.parametrize("session", CHECKS)
def test_every_import_is_declared_in_its_sessions_requirements(
    session: str, tmp_path: Path
) -> None:
    paths, requirements, ignores = CHECKS[session]
    root = _copy(tmp_path, paths)
    assert deptry(root, paths, requirements, ignores) == []
