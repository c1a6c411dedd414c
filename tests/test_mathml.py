"""docs/_ext/mathml.py: LaTeX to MathML at build time (what the browser gets instead of MathJax)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from mathml import converted_mathml, latex_to_mathml, unwrap_mrows


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


# -- light markup (issue 14) -----------------------------------------------------------------------
#: Formulas of the kinds the book has: fences that stretch, fractions, scripts, roots, primes,
#: cases, upright words, \tfrac, unary minus at the start of a group.
BOOK_FORMULAS = [
    (r"x", False),
    (r"\alpha(e^{0} - 1) = 0", False),
    (r"\tfrac{1}{2}\operatorname{erfc}(-x/\sqrt{2})", False),
    (r"\mathrm{Softplus}(x) = \frac{1}{\beta}\log\left(1 + e^{\beta x}\right)", True),
    (
        r"\mathrm{GELU}(x) = x\,\Phi(x) = \frac{x}{2}\left(1 + \mathrm{erf}\left(\frac{x}{\sqrt{2}}\right)\right)",
        True,
    ),
    (r"\sigma'(x) = \sigma(x)\bigl(1 - \sigma(x)\bigr)", True),
    (r"h(x) = \begin{cases} x & (x > 0) \\ \alpha (e^{x} - 1) & (x \le 0) \end{cases}", True),
    (r"\mathrm{softmax}(\mathbf{z})_i = \frac{e^{z_i}}{\sum_{j} e^{z_j}}", True),
    (r"m = \max_j x_j", True),
    (r"-x^{-2}", False),
    (r"a \cdot {-x}", False),
    (r"\mathrm{SwiGLU}(x) = (x W) \odot \mathrm{SiLU}(x V)", False),
]


def _mrows(root: ET.Element) -> list[tuple[ET.Element, ET.Element]]:
    return [(parent, child) for parent in root.iter() for child in parent if child.tag == "mrow"]


@pytest.mark.parametrize(("latex", "display"), BOOK_FORMULAS)
def test_no_mrow_that_changes_nothing(latex: str, display: bool) -> None:
    root = _tree(latex, display=display)
    rows = {"math", "mrow", "mtd", "msqrt", "mstyle"}
    for parent, mrow in _mrows(root):
        assert len(mrow) > 1, ET.tostring(root, encoding="unicode")
        assert not (parent.tag in rows and len(parent) == 1), ET.tostring(root, encoding="unicode")


def test_a_group_that_decides_an_operator_form_is_kept() -> None:
    # (-x) inside a larger row: the minus is prefix because it opens its own group.
    root = _tree(r"a \cdot {-x}")
    group = [mrow for _, mrow in _mrows(root)]
    assert [[child.tag for child in mrow] for mrow in group] == [["mo", "mi"]]
    # The stretchy fence pair stays one group: it stretches to that group's height.
    root = _tree(r"\left(\frac{1}{2}\right) + 1")
    assert any(mrow[0].get("fence") == "true" for _, mrow in _mrows(root))


def test_unwrap_mrows_removes_the_redundant_groups() -> None:
    root = ET.fromstring(
        "<math><mrow><msup><mi>e</mi><mrow><mn>0</mn></mrow></msup><mo>+</mo>"
        "<msqrt><mrow><mi>a</mi><mi>b</mi></mrow></msqrt><mrow><mi>x</mi><mi>y</mi></mrow></mrow></math>"
    )
    unwrap_mrows(root)
    assert ET.tostring(root, encoding="unicode") == (
        "<math><msup><mi>e</mi><mn>0</mn></msup><mo>+</mo><msqrt><mi>a</mi><mi>b</mi></msqrt>"
        "<mrow><mi>x</mi><mi>y</mi></mrow></math>"
    )
    attributed = ET.fromstring('<math><mrow class="keep"><mi>x</mi></mrow></math>')
    unwrap_mrows(attributed)
    assert attributed.find("mrow") is not None


def test_fewer_elements_for_the_book_formulas() -> None:
    before = sum(
        len(list(ET.fromstring(converted_mathml(latex, display=d)).iter()))
        for latex, d in BOOK_FORMULAS
    )
    after = sum(len(list(_tree(latex, display=d).iter())) for latex, d in BOOK_FORMULAS)
    # at least the <mrow> every formula had around its whole content
    assert after <= before - len(BOOK_FORMULAS), (before, after)


def _unwrapped(mathml: str) -> str:
    root = ET.fromstring(mathml)
    unwrap_mrows(root)
    return ET.tostring(root, encoding="unicode")


def test_the_light_markup_renders_pixel_for_pixel_the_same(browser) -> None:
    """Chromium draws each formula identically with and without the removed groups (each one
    alone on the same page at the same place, so no sub-pixel offset differs)."""
    page = browser.new_page(viewport={"width": 900, "height": 300})

    def shot(mathml: str) -> bytes:
        page.set_content(
            "<!doctype html><html><head><meta charset=utf-8><style>body{margin:0;font-size:20px}"
            "#cell{width:860px;padding:4px;background:#fff}</style></head>"
            f'<body><div id="cell">{mathml}</div></body></html>'
        )
        return page.locator("#cell").screenshot()

    try:
        different = [
            latex
            for latex, display in BOOK_FORMULAS
            if shot(converted_mathml(latex, display=display))
            != shot(_unwrapped(converted_mathml(latex, display=display)))
        ]
    finally:
        page.close()
    assert different == []


@pytest.mark.parametrize("latex", [r"\mathrm{Softplus}(-x)", r"x \in [-6, 6]", r"f(x) = -x"])
def test_a_sign_after_a_bracket_or_operator_is_unary(latex: str) -> None:
    root = _tree(latex)
    signs = [mo for mo in root.iter("mo") if mo.text in {"\u2212", "-"}]
    assert [mo.get("form") for mo in signs] == ["prefix"]
    binary = _tree(r"a - b")
    assert [mo.get("form") for mo in binary.iter("mo")] == [None]


def test_a_unary_sign_is_set_tight_as_tex_does(browser) -> None:
    """'(−x)' with the marked sign lays out exactly like '(' followed by the group {−x}, whose
    sign MathML Core takes for prefix (first in its row): no space between − and x."""
    page = browser.new_page()
    try:
        page.set_content(
            "<!doctype html><meta charset=utf-8><body style='font-size:20px'>"
            f"<p id=marked>{latex_to_mathml('(-x)', display=False)}</p>"
            f"<p id=grouped>{converted_mathml('({-x})', display=False)}</p>"
        )
        widths = page.evaluate(
            "() => ['marked', 'grouped'].map(id => "
            "document.querySelector(`#${id} math`).getBoundingClientRect().width)"
        )
    finally:
        page.close()
    assert widths[0] == widths[1]


def test_infinity_is_an_ordinary_symbol() -> None:
    root = _tree(r"[0, \infty)")
    assert [mi.text for mi in root.iter("mi")] == ["\u221e"]
    assert "\u221e" not in [mo.text for mo in root.iter("mo")]


@pytest.mark.parametrize(
    ("latex", "tags"),
    [
        (r"x \tanh(z)", ["mi", "mspace", "mi", "mo", "mi", "mo"]),  # x tanh(z)
        (r"\log x", ["mi", "mspace", "mi"]),  # log x
        (r"f(x)\log x", ["mi", "mo", "mi", "mo", "mspace", "mi", "mspace", "mi"]),
        (r"\tanh(z)", ["mi", "mo", "mi", "mo"]),  # nothing before, a bracket after
        (r"a + \log(b)", ["mi", "mo", "mi", "mo", "mi", "mo"]),  # after an operator: none
        (r"x\,\tanh(z)", ["mi", "mspace", "mi", "mo", "mi", "mo"]),  # the author's \, only once
        (r"\min(0, x)", ["mi", "mo", "mn", "mo", "mi", "mo"]),  # a name, not an operator
    ],
)
def test_function_names_are_spaced_as_tex_spaces_them(latex: str, tags: list[str]) -> None:
    assert [child.tag for child in _tree(latex)] == tags


def test_infinity_and_function_names_render_with_tex_spacing(browser) -> None:
    """At 20 px: no gap between ∞ and the closing bracket (a binary operator's spacing was about
    5 px) nor between min and its bracket, and a thin space (0.167em ≈ 3.3 px) between x and tanh
    (they touched)."""
    infinity = latex_to_mathml(r"[0, \infty)", display=False)
    function = latex_to_mathml(r"x \tanh(z)", display=False)
    minimum = latex_to_mathml(r"\min(0, x)", display=False)
    page = browser.new_page()
    try:
        page.set_content(
            "<!doctype html><meta charset=utf-8><body style='font-size:20px'>"
            f"<p id=inf>{infinity}</p><p id=fn>{function}</p><p id=min>{minimum}</p>"
        )
        gaps = page.evaluate(
            """() => {
              const rect = (sel) => document.querySelector(sel).getBoundingClientRect();
              const mis = document.querySelectorAll('#fn mi');  // x, tanh, z
              return {
                infinity: rect('#inf math > :last-child').left
                  - [...document.querySelectorAll('#inf math > *')]
                      .find((e) => e.textContent === '\u221e').getBoundingClientRect().right,
                tanh: mis[1].getBoundingClientRect().left - mis[0].getBoundingClientRect().right,
                min: rect('#min math > :nth-child(2)').left - rect('#min math > :first-child').right,
              };
            }"""
        )
    finally:
        page.close()
    assert abs(gaps["infinity"]) < 1, gaps
    assert 2.5 < gaps["tanh"] < 4.5, gaps
    assert abs(gaps["min"]) < 1, gaps
