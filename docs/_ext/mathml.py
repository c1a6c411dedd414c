"""Math as MathML, converted from LaTeX at build time: no JavaScript, nothing to download.

Registers the HTML math renderer ``mathml`` (select it with ``html_math_renderer = "mathml"``).
Every ``$...$``, ``$$...$$``, ``:math:`` and ``.. math::`` becomes a ``<math>`` element written
into the page by `latex2mathml <https://pypi.org/project/latex2mathml/>`_ (pure Python). Browsers
render MathML Core natively (Chromium 109+, Firefox, Safari), so the math is there offline, on
the first paint, with no layout shift, and screen readers read it as math.

Why not a vendored MathJax: bench/pageweight.py measures both; MathJax adds hundreds of KB of
JavaScript and fonts to every page with math and typesets after load.

A formula that latex2mathml cannot convert is a build warning (``-W`` makes it an error) and the
page shows its LaTeX source instead.

Light markup (issue 14: a phone lays out every element; chapter 5 had 1,929 MathML elements):

* ``<mrow>`` groups that change nothing are left out (`unwrap_mrows`): an ``<mrow>`` with one
  child, and an ``<mrow>`` that is the only child of an element whose children already form one
  row (MathML Core's inferred mrow: ``<math>``, ``<mtd>``, ``<msqrt>``, ``<mstyle>``…). In MathML
  Core an ``<mrow>`` with one child lays out as that child, and an operator's form (prefix, infix,
  postfix) depends only on its place in the row, which neither rewrite changes. An ``<mrow>`` with
  several children inside a row is kept: it decides the form of an operator at its edge.
* A short inline formula (`SHORT_INLINE` characters of text or fewer) is written as a bare
  ``<math class="math notranslate">``. A longer one keeps Sphinx's ``<span class="math">``
  wrapper, which the theme and book.css make a scroll box, so that a formula wider than a phone's
  column scrolls instead of running off the page; a formula of 12 characters measured at most
  160 CSS px wide in Chromium (every inline formula of the book, 360 px viewport).

A sign right after an opening bracket or another operator is marked unary (`mark_unary_signs`):
``[-6, 6]`` read "[ − 6, 6]" before (seen on a phone screenshot, issue 14).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import unescape
from itertools import pairwise

from docutils import nodes
from latex2mathml.converter import convert
from sphinx.application import Sphinx
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number

logger = logging.getLogger(__name__)

_XMLNS = ' xmlns="http://www.w3.org/1998/Math/MathML"'

#: ``f'``: latex2mathml writes the prime (U+2032, already a raised glyph) as a superscript, which
#: browsers raise a second time; write it after the base instead, as it reads in text: f′(x).
_PRIME = re.compile(
    r"<msup>(<mi[^>]*>[^<]*</mi>|<mtext>[^<]*</mtext>|<mrow><mi[^>]*>[^<]*</mi></mrow>)"
    r"<mi>(&#x0203[234];)</mi></msup>"
)

#: ``\mathrm{ReLU}`` comes out one ``<mi>`` per letter: one word reads (and is spoken) better.
_UPRIGHT_RUN = re.compile(r'(?:<mi mathvariant="normal">[^<]</mi>){2,}')

#: ``\max_j`` / ``\min_j`` / ``\lim_x`` in display math: TeX puts the subscript underneath.
_LIMITS = re.compile(r"<msub><mo>(max|min|lim|sup|inf|arg\s?max|arg\s?min)</mo>")


#: Elements whose children form one row (MathML Core's inferred mrow): a lone ``<mrow>`` child
#: of one of these adds nothing.
_ROW_CONTAINERS = frozenset(
    {"math", "mrow", "mtd", "msqrt", "mstyle", "mpadded", "mphantom", "menclose", "merror"}
)

#: Inline formulas with at most this many characters of text need no scroll box on a phone.
SHORT_INLINE = 12


def unwrap_mrows(element: ET.Element) -> None:
    """Replace, below `element`, every ``<mrow>`` (without attributes) that has a single child,
    or that is the only child of a row container, by its children."""
    for child in list(element):
        unwrap_mrows(child)
    if element.tag not in _ROW_CONTAINERS and len(element) == 0:
        return
    changed = True
    while changed:
        changed = False
        for index, child in enumerate(list(element)):
            lone = len(element) == 1 and element.tag in _ROW_CONTAINERS
            if child.tag == "mrow" and not child.attrib and (len(child) == 1 or lone):
                if (child.text or "").strip() or (child.tail or "").strip():
                    continue  # latex2mathml writes no text between elements; keep it if it did
                element.remove(child)
                for offset, grandchild in enumerate(list(child)):
                    element.insert(index + offset, grandchild)
                changed = True
                break


#: Operators after which a sign is unary: opening brackets, separators, relations, binary signs.
_BEFORE_UNARY = frozenset("([{,;:=<>≤≥≈≠∈→±+−·×/")


def mark_unary_signs(root: ET.Element) -> None:
    """``form="prefix"`` on a ``+``/``−`` that follows an opening bracket or another operator.

    latex2mathml writes ``(-x)`` as one row ``( − x )``; MathML Core then takes the minus for a
    binary operator (it is not first in its row) and spaces it on both sides, "( − x)". TeX sets
    it tight, and so does the browser with the prefix form (the same layout as ``(`` followed by
    the group ``{-x}``).
    """
    for row in root.iter():
        if row.tag not in _ROW_CONTAINERS:
            continue
        for before, sign in pairwise(row):
            if (
                sign.tag == "mo"
                and (sign.text or "") in {"-", "+", "\u2212"}
                and "form" not in sign.attrib
                and before.tag == "mo"
                and (before.text or "") in _BEFORE_UNARY
            ):
                sign.set("form", "prefix")


#: Names latex2mathml writes as a multi-letter ``<mi>`` (``\\tanh`` → ``<mi>tanh</mi>``): TeX sets
#: them as operators, with a thin space after an ordinary symbol or a closing bracket.
_FUNCTION_NAMES = frozenset(
    {"exp", "log", "ln", "tanh", "sinh", "cosh", "sin", "cos", "tan", "max", "min"}
)
THIN_SPACE = "0.167em"  # \, — the width latex2mathml itself writes for \,


def space_like_tex(root: ET.Element) -> None:
    """Spacings MathML Core does not infer from latex2mathml's markup, set as TeX sets them.

    * ``\\infty`` is an ordinary symbol in TeX; latex2mathml writes it as an operator ``<mo>``,
      which the browser spaces like a binary operator: "[0, ∞ )". It becomes an ``<mi>``.
    * ``\\max(0, x)``: latex2mathml writes ``max``/``min`` as an operator too, "max (0, x)"; in a row
      they become names like ``tanh`` (below).
    * ``x \\tanh(z)``, ``\\log x``: a function name gets a thin space after an ordinary symbol or a
      closing bracket, and before an ordinary symbol, "x tanh(z)", "log x" (latex2mathml writes
      them all as ``<mi>`` and the browser sets them touching).
    """
    for element in root.iter("mo"):
        if element.text == "\u221e":
            element.tag = "mi"
    for row in list(root.iter()):
        if row.tag not in _ROW_CONTAINERS:
            continue
        for child in row:  # \\max(0, x) in a row (not \\max_j, whose limit needs the <mo>)
            if child.tag == "mo" and child.text in _FUNCTION_NAMES:
                child.tag = "mi"
        for index in range(len(row) - 1, -1, -1):  # backwards: inserting keeps what is left
            name = row[index]
            if name.tag != "mi" or name.text not in _FUNCTION_NAMES:
                continue
            before = row[index - 1] if index > 0 else None
            after = row[index + 1] if index + 1 < len(row) else None
            if after is not None and after.tag not in {"mo", "mspace"}:
                row.insert(index + 1, ET.Element("mspace", width=THIN_SPACE))
            # After an ordinary symbol or a closing bracket; not after an operator, an opening
            # bracket or an explicit space (TeX adds none there either).
            if (
                before is not None
                and before.tag != "mspace"
                and (before.tag != "mo" or before.text in {")", "]", "}"})
            ):
                row.insert(index, ET.Element("mspace", width=THIN_SPACE))


def _lighten(mathml: str) -> str:
    root = ET.fromstring(mathml)
    unwrap_mrows(root)
    mark_unary_signs(root)
    space_like_tex(root)
    return ET.tostring(root, encoding="unicode")


def text_length(mathml: str) -> int:
    """Characters of text in a ``<math>`` element (what a reader sees, without spaces)."""
    return len(unescape(re.sub(r"<[^>]*>|\s+", "", mathml)))


def latex_to_mathml(latex: str, *, display: bool) -> str:
    """Convert one LaTeX formula to a ``<math>`` element (HTML syntax, no namespace attribute)."""
    return _lighten(converted_mathml(latex, display=display))


def converted_mathml(latex: str, *, display: bool) -> str:
    """latex2mathml's ``<math>`` with this module's rewrites, before `unwrap_mrows`."""
    mathml = convert(latex.strip(), display="block" if display else "inline")
    mathml = mathml.replace(_XMLNS, "", 1)
    mathml = _UPRIGHT_RUN.sub(
        lambda m: '<mi mathvariant="normal">' + "".join(re.findall(r">([^<])<", m[0])) + "</mi>",
        mathml,
    )
    mathml = _PRIME.sub(r'\1<mo lspace="0" rspace="0">\2</mo>', mathml)
    if display:
        # latex2mathml writes \max_j as msub; in display style TeX sets the limit below.
        mathml = _LIMITS.sub(r'<munder><mo movablelimits="true">\1</mo>', mathml)
        mathml = _close_munder(mathml)
    return mathml


def _close_munder(mathml: str) -> str:
    """Turn the ``</msub>`` that closes each rewritten ``<munder>`` into ``</munder>``."""
    out, stack, i = [], [], 0
    tag = re.compile(r"<(/?)(msub|munder)\b[^>]*>")
    for match in tag.finditer(mathml):
        out.append(mathml[i : match.start()])
        closing, name = match.group(1), match.group(2)
        text = match.group(0)
        if not closing:
            stack.append(name)
        else:
            opened = stack.pop()
            text = f"</{opened}>"
        out.append(text)
        i = match.end()
    out.append(mathml[i:])
    return "".join(out)


def _convert_or_warn(self, node: nodes.Element, latex: str, *, display: bool) -> str:
    try:
        return latex_to_mathml(latex, display=display)
    except Exception as exc:  # latex2mathml raises many exception types
        logger.warning(
            "cannot convert this formula to MathML (%s): %r",
            exc,
            latex,
            location=node,
            type="mathml",
        )
        return f"<code>{self.encode(latex)}</code>"


def visit_math(self, node: nodes.math) -> None:
    mathml = _convert_or_warn(self, node, node.astext(), display=False)
    if mathml.startswith("<math ") and not node["ids"] and text_length(mathml) <= SHORT_INLINE:
        self.body.append(mathml.replace("<math ", '<math class="math notranslate" ', 1))
        raise nodes.SkipNode
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate"))
    self.body.append(mathml)
    self.body.append("</span>")
    raise nodes.SkipNode


def visit_displaymath(self, node: nodes.math_block) -> None:
    # tabindex: a formula wider than the column scrolls, and a scrollable region must be reachable
    # by keyboard (axe: scrollable-region-focusable); narrow screens make most displays scroll.
    self.body.append(self.starttag(node, "div", CLASS="math notranslate", tabindex="0"))
    if node["number"]:
        number = get_node_equation_number(self, node)
        self.body.append(f'<span class="eqno">({number})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    latex = node.astext()
    if node.get("no-wrap", node.get("nowrap", False)):
        parts = [latex]
    else:
        # Sphinx semantics: blank lines separate equations; a part with \\ is one aligned block.
        parts = [part for part in latex.split("\n\n") if part.strip()]
        parts = [
            rf"\begin{{split}}{part}\end{{split}}"
            if r"\\" in part and r"\begin" not in part
            else part
            for part in parts
        ]
    for part in parts:
        self.body.append(_convert_or_warn(self, node, part, display=True))
    self.body.append("</div>\n")
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict[str, object]:
    app.add_html_math_renderer("mathml", (visit_math, None), (visit_displaymath, None))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
