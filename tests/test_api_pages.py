"""The package reference, split into light pages (issue 14): every public name documented once.

The API page had 14,831 elements, five times the phone budget of 3,000 (bench/lighthouse.py). It is
now api.html (the functions of chapters 1-3) and one page per group under api/. These tests read
the built HTML: each module of the package that the site documents has every public name of it
documented exactly once across those pages, no public module is left out, and the autograd
Function classes (an implementation detail) are not documented. tests/test_dom_budget.py keeps every page
of the site, these included, within the budget.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import torch

import actfn


def _api_pages(site: Path) -> list[Path]:
    return [site / "api.html", *sorted((site / "api").glob("*.html"))]


def _documented_ids(site: Path) -> list[str]:
    ids: list[str] = []
    for page in _api_pages(site):
        ids += re.findall(
            r'<dt class="sig sig-object py"[^>]*\bid="(actfn\.[^"]+)"', page.read_text()
        )
    return ids


def _autograd_function(value: object) -> bool:
    return inspect.isclass(value) and issubclass(value, torch.autograd.Function)


def _public_names(module: object) -> list[str]:
    """The module's public functions and classes (constants are described in prose, not here)."""
    names = getattr(module, "__all__", None)
    if names is None:
        names = [name for name in vars(module) if not name.startswith("_")]
    return [
        name
        for name in names
        if (inspect.isfunction(value := getattr(module, name)) or inspect.isclass(value))
        and value.__module__ == module.__name__
        and not _autograd_function(value)
    ]


def _public_modules() -> list[str]:
    return sorted(
        f"actfn.{info.name}"
        for info in pkgutil.iter_modules(actfn.__path__)
        if not info.name.startswith("_")
    )


def test_every_public_module_is_documented(book_html: Path) -> None:
    text = "".join(page.read_text() for page in _api_pages(book_html))
    documented = set(re.findall(r'id="module-(actfn\.[a-z_]+)"', text))
    assert set(_public_modules()) - documented == set()


def test_every_public_name_is_documented_exactly_once(book_html: Path) -> None:
    ids = _documented_ids(book_html)
    problems = []
    for module_name in _public_modules():
        module = importlib.import_module(module_name)
        for name in _public_names(module):
            count = ids.count(f"{module_name}.{name}")
            if count != 1:
                problems.append(f"{module_name}.{name}: documented {count} times")
    assert not problems, "\n".join(problems)


def test_autograd_function_classes_are_not_documented(book_html: Path) -> None:
    documented = []
    for object_id in _documented_ids(book_html):
        module_name, _, name = object_id.rpartition(".")
        try:
            value = getattr(importlib.import_module(module_name), name)
        except (ImportError, AttributeError):
            continue  # a method or attribute of a documented class
        if _autograd_function(value):
            documented.append(object_id)
    assert not documented
