"""The package's structure: layers without an import cycle, private autograd, one record each.

Layers (each imports only the ones above it, and only their public names):
_validation, _formulas → _derivatives → _autograd → functions, derivatives → activations, modules.
"""

from __future__ import annotations

import ast
import inspect
import itertools
from pathlib import Path

import pytest
import torch
from bookbuild import ROOT

import actfn
from actfn import activations, derivatives, functions

PACKAGE = ROOT / "src" / "actfn"
CORE = ["_validation", "_formulas", "_derivatives", "_autograd", "functions", "derivatives"]


def actfn_imports(path: Path) -> list[tuple[str, str | None]]:
    """(module, imported name or None) for every ``actfn`` import in a source file."""
    found: list[tuple[str, str | None]] = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("actfn"):
            for alias in node.names:
                if node.module == "actfn":  # from actfn import _formulas (a module)
                    found.append((alias.name, None))
                else:
                    found.append((node.module.removeprefix("actfn."), alias.name))
        elif isinstance(node, ast.Import):
            found += [
                (a.name.removeprefix("actfn."), None)
                for a in node.names
                if a.name.startswith("actfn.")
            ]
    return found


def import_graph(package: Path) -> dict[str, set[str]]:
    return {
        path.stem: {module for module, _ in actfn_imports(path)}
        for path in package.glob("*.py")
        if path.stem != "__init__"
    }


def cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """An import cycle as a list of modules, or None."""
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*trail, node, nxt]
            if nxt not in state and (found := visit(nxt, [*trail, node])):
                return found
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node, [])):
            return found
    return None


def private_reaches(package: Path) -> list[str]:
    """``from actfn.x import _name`` and ``module._name`` uses of another module's private names."""
    bad = [
        f"{path.stem} imports {module}.{name}"
        for path in package.glob("*.py")
        for module, name in actfn_imports(path)
        if name is not None and name.startswith("_")
    ]
    for path in package.glob("*.py"):
        tree = ast.parse(path.read_text())
        imported = {
            (a.asname or a.name)
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "actfn"
            for a in node.names
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in imported
                and node.attr.startswith("_")
            ):
                bad.append(f"{path.stem} uses {node.value.id}.{node.attr}")
    return bad


def test_no_import_cycle_in_the_package() -> None:
    graph = import_graph(PACKAGE)
    assert set(CORE) <= set(graph)
    assert cycle(graph) is None


def test_the_cycle_finder_finds_a_planted_cycle(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("from actfn import b\n")
    (tmp_path / "b.py").write_text("from actfn import c\n")
    (tmp_path / "c.py").write_text("from actfn import a\n")
    assert cycle(import_graph(tmp_path)) == ["a", "b", "c", "a"]


def test_the_layers_import_only_downwards() -> None:
    graph = import_graph(PACKAGE)
    for lower, upper in itertools.pairwise(CORE):
        assert upper not in graph[lower], f"{lower} imports {upper}"
    assert graph["_formulas"] <= set()
    assert graph["_derivatives"] <= {"_formulas"}
    assert graph["_autograd"] <= {"_formulas", "_derivatives"}


def test_no_module_reaches_for_another_modules_private_names() -> None:
    assert private_reaches(PACKAGE) == []


def test_the_private_name_finder_finds_a_planted_reach(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("from actfn import b\nb._hidden(1)\n")
    (tmp_path / "c.py").write_text("from actfn.b import _secret\n")
    assert sorted(private_reaches(tmp_path)) == ["a uses b._hidden", "c imports b._secret"]


def test_no_autograd_function_is_public() -> None:
    for module in (actfn, functions, derivatives, activations):
        for name in module.__all__:
            obj = getattr(module, name)
            assert not (inspect.isclass(obj) and issubclass(obj, torch.autograd.Function)), name


@pytest.mark.parametrize("name", list(activations.ACTIVATIONS))
def test_every_record_names_public_functions_with_the_records_defaults(name: str) -> None:
    record = activations.ACTIVATIONS[name]
    assert getattr(actfn, name) is record.function
    if record.derivative is not None:
        assert getattr(actfn, record.derivative.__name__) is record.derivative
        assert record.derivative.__name__ == f"{name}_derivative"
    params = inspect.signature(record.function).parameters
    assert list(params)[1:] == list(record.parameters)
    for arg, default in record.parameters.items():
        expected = inspect.Parameter.empty if default is None else default
        assert params[arg].default == expected, arg
    assert record.formula
    assert record.derivative_formula
    assert record.torch_reference.startswith("torch.") or record.kind == "gated"


def test_every_public_activation_has_a_record() -> None:
    derivative_names = {
        r.derivative.__name__ for r in activations.ACTIVATIONS.values() if r.derivative
    }
    for name in functions.__all__:
        assert name in activations.ACTIVATIONS
    for name in derivatives.__all__:
        assert name in derivative_names or name.startswith("softmax_")
