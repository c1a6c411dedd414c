"""The seed lesson's printed outputs appear, with the seed's values, in the executed chapters.

The expected values are parsed out of the seed lesson itself (``tests/data/seed-lesson.ko.md``, an
unchanged copy of the original lesson), not typed into this test. The seed's tensors are hand-spaced (``tensor([[ -1.,``) while
torch prints ``tensor([[-1.,``, so values are compared as numbers, together with the label printed on
the same line (``Softmax Output:``) or on the line before (``입력 텐서:``).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import torch
from bookbuild import SEED_LESSON as SEED
from bs4 import BeautifulSoup

pytestmark = pytest.mark.build

# `tensor(` as printed by torch, not `torch.tensor(` in source code.
TENSOR_START = re.compile(r"(?<![\w.])tensor\(")


@dataclass(frozen=True)
class Printed:
    """One printed tensor: the label printed with it and its values as nested float lists."""

    label: str
    values: tuple

    def __str__(self) -> str:
        return f"{self.label!r} {self.values}"


def _freeze(value):
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return float(value)  # also turns the strings 'nan', '-inf' back into floats


def _normalize_label(text: str) -> str:
    return " ".join(text.split())


def _closing_bracket(text: str, start: int) -> int:
    """Index just past the bracket expression that starts at ``text[start] == '['``."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "[":
            depth += 1
        elif text[i] == "]":
            depth -= 1
            if depth == 0:
                return i + 1
    raise ValueError(f"unbalanced brackets in {text[start : start + 80]!r}")


def printed_tensors(text: str) -> list[Printed]:
    """Every printed ``tensor([...])`` in ``text`` with its label.

    The label is what precedes the tensor on its line, or, when the tensor starts the line, the
    nearest non-blank line above it (skipping Markdown code fences).
    """
    found = []
    for match in TENSOR_START.finditer(text):
        body_start = match.end()
        if body_start >= len(text) or text[body_start] != "[":
            continue  # a scalar such as tensor(0.3069): the seed prints none
        body_end = _closing_bracket(text, body_start)
        # "1." and "-0.7616" are Python float literals; hand-made spacing and newlines do not matter.
        literal = re.sub(r"(?<![\w.])(-?)(nan|inf)(?![\w.])", r"'\1\2'", text[body_start:body_end])
        values = _freeze(ast.literal_eval(literal))
        line_start = text.rfind("\n", 0, match.start()) + 1
        label = text[line_start : match.start()].strip()
        if not label:
            for line in reversed(text[:line_start].splitlines()):
                stripped = line.strip()
                if stripped and not stripped.startswith("```"):
                    label = stripped
                    break
        found.append(Printed(_normalize_label(label), values))
    return found


def seed_expected_outputs() -> list[Printed]:
    return printed_tensors(SEED.read_text(encoding="utf-8"))


def executed_outputs(html_dir: Path, pattern: str = "[0-9][0-9]-*.html") -> dict[str, list[str]]:
    """Text of every code-cell output block, per chapter page."""
    pages = {}
    for page in sorted(html_dir.glob(pattern)):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        pages[page.name] = [block.get_text() for block in soup.select("div.cell_output pre")]
    return pages


# -- the parser itself --------------------------------------------------------------------------


def test_parser_ignores_spacing_but_not_values():
    seed_style = "입력 텐서:\n\n```\ntensor([[ -1.,  2., -3.],  \n        [ 4., -5.,  6.]])\n```"
    torch_style = "입력 텐서:\ntensor([[-1.,  2., -3.],\n        [ 4., -5.,  6.]])"
    other_value = "입력 텐서:\ntensor([[-1.,  2., -3.],\n        [ 4., -5.,  7.]])"
    assert printed_tensors(seed_style) == printed_tensors(torch_style)
    assert printed_tensors(seed_style) != printed_tensors(other_value)
    assert printed_tensors("x = torch.tensor([1.0, 2.0])") == []  # source code, not output
    assert printed_tensors("y: tensor([nan, -inf, 1.0000e+00])")[0].values[1:] == (
        float("-inf"),
        1.0,
    )


def test_seed_outputs_are_found():
    """The seed is where the expectations come from: make sure the parser really reads them."""
    assert SEED.is_file(), f"seed lesson not found at {SEED}"
    expected = seed_expected_outputs()
    labels = {p.label for p in expected}
    assert len(expected) >= 9, [str(p) for p in expected]
    assert {
        "입력 텐서:",
        "ReLU 활성화 함수 적용 후 출력 텐서:",
        "ReLU 함수 적용 후 결과:",
        "Sigmoid 함수 적용 후 결과:",
        "tanh 함수 적용 후 결과:",
        "Softmax Output:",
    } <= labels
    assert Printed("Sigmoid 함수 적용 후 결과:", (0.2689, 0.5, 0.7311)) in expected
    assert Printed("입력 텐서:", ((-1.0, 2.0, -3.0), (4.0, -5.0, 6.0))) in expected


# -- the built book -----------------------------------------------------------------------------


def test_every_seed_output_appears_in_the_book(book_html):
    pages = executed_outputs(book_html)
    assert pages, f"no chapter pages in {book_html}"
    actual = {
        printed
        for blocks in pages.values()
        for block in blocks
        for printed in printed_tensors(block)
    }
    missing = [str(p) for p in seed_expected_outputs() if p not in actual]
    assert not missing, "seed outputs missing from the executed chapters:\n" + "\n".join(missing)


def test_seed_output_lines_appear_verbatim_modulo_spacing(book_html):
    """Each seed output line (label + tensor) is printed by some cell, spaces aside."""
    text = "\n".join(block for blocks in executed_outputs(book_html).values() for block in blocks)

    def squash(s: str) -> str:
        return re.sub(r"\s+", "", s)

    book = squash(text)
    seed_lines = [
        line.strip()
        for line in SEED.read_text(encoding="utf-8").splitlines()
        if re.match(r"^\s*[^\s`].*:\s*tensor\(\[[^\n]*\]\)\s*$", line)
    ]
    assert len(seed_lines) >= 7, seed_lines
    assert [line for line in seed_lines if squash(line) not in book] == []


def test_printed_torch_version_is_the_installed_one(book_html):
    outputs = [block.strip() for blocks in executed_outputs(book_html).values() for block in blocks]
    assert torch.__version__ in outputs, "print(torch.__version__) should show the build's torch"
    # The seed printed the version it was written with; the book must not copy that line.
    seed_version = re.search(r"^(\d+\.\d+\.\d+\+\w+)\s*$", SEED.read_text(encoding="utf-8"), re.M)
    assert seed_version is not None
    if seed_version.group(1) != torch.__version__:
        assert seed_version.group(1) not in outputs
