"""The in-page explorer computes what the package computes.

The explorer's formulas (docs/_static/actfn-explorer.js) run under node on a grid of points; the
package (actfn, float64) and torch.nn.functional / torch autograd (the independent reference) give
the expected values.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
import torch
import torch.nn.functional as F
from bookbuild import ROOT

import actfn

EXPLORER_JS = ROOT / "docs" / "_static" / "actfn-explorer.js"

XS = sorted(
    {round(-12 + 0.05 * i, 10) for i in range(481)}
    | {0.0, -0.0, 1e-9, -1e-9, 1e-4, -1e-4, 30.0, -30.0, 80.0, -80.0, 700.0, -700.0}
)
ALPHAS = [0.0, 0.01, 0.1, 0.25, 0.5]
LOGITS = [[2.0, 1.0, 0.1], [0.0, 0.0, 0.0], [-5.0, 5.0, 0.3, 1.1], [1000.0, 1001.0, 1002.0]]
TEMPERATURES = [0.1, 0.5, 1.0, 2.0, 5.0]

NODE_SCRIPT = """
const f = require(process.argv[1]);
const q = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = {
  relu: q.xs.map(f.relu), reluSlope: q.xs.map(f.reluSlope),
  sigmoid: q.xs.map(f.sigmoid), sigmoidSlope: q.xs.map(f.sigmoidSlope),
  tanh: q.xs.map(f.tanh), tanhSlope: q.xs.map(f.tanhSlope),
  leakyRelu: q.alphas.map(a => q.xs.map(x => f.leakyRelu(x, a))),
  leakyReluSlope: q.alphas.map(a => q.xs.map(x => f.leakyReluSlope(x, a))),
  softmax: q.logits.map(z => q.temperatures.map(t => f.softmax(z, t))),
};
process.stdout.write(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def js() -> dict:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (.ci/run installs nodejs)")
    query = {"xs": XS, "alphas": ALPHAS, "logits": LOGITS, "temperatures": TEMPERATURES}
    result = subprocess.run(
        [node, "-e", NODE_SCRIPT, str(EXPLORER_JS)],
        input=json.dumps(query),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(result.stdout)


def _x() -> torch.Tensor:
    return torch.tensor(XS, dtype=torch.float64)


def _close(actual: list, expected: torch.Tensor) -> None:
    torch.testing.assert_close(
        torch.tensor(actual, dtype=torch.float64), expected, rtol=1e-12, atol=1e-15
    )


@pytest.mark.parametrize(
    ("name", "package", "reference"),
    [
        ("relu", actfn.relu, F.relu),
        ("sigmoid", actfn.sigmoid, torch.sigmoid),
        ("tanh", actfn.tanh, torch.tanh),
    ],
)
def test_values(js: dict, name: str, package, reference) -> None:
    x = _x()
    _close(js[name], package(x))
    _close(js[name], reference(x))


def _autograd(fn, x: torch.Tensor) -> torch.Tensor:
    x = x.clone().requires_grad_(True)
    fn(x).sum().backward()
    return x.grad


@pytest.mark.parametrize(
    ("name", "package", "reference"),
    [
        ("reluSlope", actfn.relu_derivative, F.relu),
        ("sigmoidSlope", actfn.sigmoid_derivative, torch.sigmoid),
        ("tanhSlope", actfn.tanh_derivative, torch.tanh),
    ],
)
def test_slopes(js: dict, name: str, package, reference) -> None:
    x = _x()
    _close(js[name], package(x))
    _close(js[name], _autograd(reference, x))


@pytest.mark.parametrize("index", range(len(ALPHAS)))
def test_leaky_relu(js: dict, index: int) -> None:
    x, alpha = _x(), ALPHAS[index]
    _close(js["leakyRelu"][index], actfn.leaky_relu(x, negative_slope=alpha))
    _close(js["leakyRelu"][index], F.leaky_relu(x, negative_slope=alpha))
    _close(js["leakyReluSlope"][index], actfn.leaky_relu_derivative(x, negative_slope=alpha))
    _close(
        js["leakyReluSlope"][index],
        _autograd(lambda t: F.leaky_relu(t, negative_slope=alpha), x),
    )


@pytest.mark.parametrize("index", range(len(LOGITS)))
def test_softmax_with_temperature(js: dict, index: int) -> None:
    z = torch.tensor(LOGITS[index], dtype=torch.float64)
    for j, t in enumerate(TEMPERATURES):
        _close(js["softmax"][index][j], actfn.softmax(z / t, dim=0))
        _close(js["softmax"][index][j], F.softmax(z / t, dim=0))


def test_the_comparison_catches_a_wrong_formula(js: dict) -> None:
    """The tolerance is tight enough to see a plausible mistake (the naive sigmoid, off by 1 ulp...)."""
    x = _x()
    wrong = (1 / (1 + torch.exp(-x)) + 1e-9).tolist()
    with pytest.raises(AssertionError):
        _close(wrong, actfn.sigmoid(x))


def test_the_explorer_list_comes_from_the_records_and_each_has_a_browser_formula() -> None:
    """The directive's list is read from the records marked ``explorer`` at build time (not a
    literal list in the extension), and the page script has a formula for each of them."""
    import ast
    import re

    from actfn.activations import ACTIVATIONS

    source = (ROOT / "docs" / "_ext" / "activation_explorer.py").read_text()
    assignments = [
        node
        for node in ast.parse(source).body
        if isinstance(node, ast.Assign)
        and any(getattr(t, "id", "") == "FUNCTIONS" for t in node.targets)
    ]
    assert len(assignments) == 1
    assert isinstance(assignments[0].value, ast.Call)  # computed, not a literal tuple
    assert "ACTIVATIONS" in source
    names = [n for n, r in ACTIVATIONS.items() if r.explorer]
    assert names
    table = EXPLORER_JS.read_text().split("var FUNCTIONS = {", 1)[1].split("};", 1)[0]
    in_js = set(re.findall(r"^\s*(\w+):\s*\{", table, flags=re.MULTILINE))
    assert set(names) <= in_js
