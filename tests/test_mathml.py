"""docs/_ext/mathml.py: LaTeX to MathML at build time (what the browser gets instead of MathJax)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from mathml import latex_to_mathml


def _tree(latex: str, *, display: bool = False) -> ET.Element:
    return ET.fromstring(latex_to_mathml(latex, display=display))


def test_fraction_is_mathml_layout() -> None:
    root = _tree(r"\sigma(x) = \frac{1}{1 + e^{-x}}")
    assert root.tag == "math"
    assert root.get("display") == "inline"
    assert root.find(".//mfrac") is not None
    assert root.find(".//msup") is not None


def test_prime_follows_its_base_instead_of_a_double_raised_superscript() -> None:
    for latex in (r"f'(x)", r"\sigma'(x)", r"\mathrm{ReLU}'(x)", r"\text{ReLU}'(x)"):
        root = _tree(latex)
        assert root.find(".//msup") is None, latex
        assert any(mo.text == "\u2032" for mo in root.iter("mo")), latex


def test_upright_words_are_one_identifier() -> None:
    root = _tree(r"\mathrm{softmax}(\mathbf{z})_i")
    assert next(mi.text for mi in root.iter("mi")) == "softmax"


def test_display_limits_go_underneath() -> None:
    root = _tree(r"m = \max_j x_j", display=True)
    assert root.get("display") == "block"
    under = root.find(".//munder")
    assert under is not None
    assert under[0].text == "max"
    inline = _tree(r"m = \max_j x_j")
    assert inline.find(".//munder") is None


def test_cases_become_a_table() -> None:
    root = _tree(r"h(x) = \begin{cases} 1 & (x > 0) \\ 0 & (x \le 0) \end{cases}", display=True)
    assert len(root.findall(".//mtr")) == 2


def test_broken_latex_raises() -> None:
    with pytest.raises(Exception):  # noqa: B017, PT011 - latex2mathml raises various types
        latex_to_mathml(r"\frac{1}{", display=False)
