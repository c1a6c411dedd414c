"""docs/_ext/light_code.py: fewer spans in code blocks, every character drawn as before.

The reference is Pygments' stock HtmlFormatter with the theme's two code styles: each character
of a highlighted snippet is drawn with the style of the CSS class around it (looked up in the
style itself, as the theme's pygments.css does). The light formatter must draw every character
the same way in both styles, except operators (drawn in the plain colour on purpose).
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from light_code import DRAWN_PLAIN, formatter_for, token_classes
from pygments import highlight
from pygments.formatters.html import HtmlFormatter
from pygments.lexers import PythonLexer
from pygments.styles import get_style_by_name
from pygments.token import STANDARD_TYPES, Operator, Text

STYLES = ["a11y-high-contrast-light", "a11y-high-contrast-dark"]  # pydata-sphinx-theme's defaults

SNIPPET = """\
import torch
from actfn import gelu  # the book's package

x = torch.linspace(-3.0, 3.0, steps=7)
for name in ("gelu", "silu"):
    if name not in {"relu"} and x.numel() > 0:
        print(f"{name}: {gelu(x).max():.3f}", 2 ** -1, None, True)
"""

_CLASS_TO_TYPE = {cls: ttype for ttype, cls in STANDARD_TYPES.items() if cls}


class _Drawn(HTMLParser):
    """Each character of the <pre> with the innermost span class around it ('' = none)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.chars: list[tuple[str, str]] = []
        self.spans = 0
        self.empty_spans = 0
        self._last_start = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "span":
            self.spans += 1
            self.stack.append(dict(attrs).get("class", ""))
        self._last_start = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == "span":
            if self._last_start == "span":
                self.empty_spans += 1
            self.stack.pop()
        self._last_start = ""

    def handle_data(self, data: str) -> None:
        self._last_start = ""
        self.chars += [(char, self.stack[-1] if self.stack else "") for char in data]


def _drawn(html: str) -> _Drawn:
    parser = _Drawn()
    parser.feed(html)
    return parser


def _look(style_name: str, css_class: str) -> dict:
    ttype = _CLASS_TO_TYPE.get(css_class.split()[-1], Text) if css_class else Text
    return get_style_by_name(style_name).style_for_token(ttype)


def _light_html(source: str = SNIPPET) -> str:
    return highlight(source, PythonLexer(), formatter_for(token_classes(STYLES))())


def _operator_positions(source: str) -> set[int]:
    positions, at = set(), 0
    for ttype, value in PythonLexer().get_tokens(source):
        if ttype in DRAWN_PLAIN:
            positions.update(range(at, at + len(value)))
        at += len(value)
    return positions


def test_every_character_keeps_its_look_except_operators() -> None:
    stock = _drawn(highlight(SNIPPET, PythonLexer(), HtmlFormatter()))
    light = _drawn(_light_html())
    assert [c for c, _ in light.chars] == [c for c, _ in stock.chars]
    operators = _operator_positions(SNIPPET)
    assert operators, "the snippet has operators"
    for style in STYLES:
        changed = {
            i
            for i, ((_, old), (_, new)) in enumerate(zip(stock.chars, light.chars, strict=True))
            if _look(style, old) != _look(style, new)
        }
        # Exactly the operators change (the a11y styles colour them), each to the plain look.
        assert changed == {
            i for i in operators if _look(style, stock.chars[i][1]) != _look(style, "")
        }
        assert changed, f"{style} draws operators in a colour of their own"
        assert all(_look(style, light.chars[i][1]) == _look(style, "") for i in operators)


def test_far_fewer_spans_and_no_empty_one() -> None:
    stock = _drawn(highlight(SNIPPET, PythonLexer(), HtmlFormatter()))
    light = _drawn(_light_html())
    assert stock.empty_spans == 1  # Pygments' <pre><span></span>
    assert light.empty_spans == 0
    assert light.spans < stock.spans / 2, (light.spans, stock.spans)


def test_alike_tokens_share_a_class_and_are_joined() -> None:
    classes = token_classes(STYLES)
    for style in STYLES:
        for ttype, css_class in classes.items():
            if css_class:
                assert get_style_by_name(style).style_for_token(
                    _CLASS_TO_TYPE[css_class]
                ) == get_style_by_name(style).style_for_token(ttype), (style, ttype)
    # f"{name}: …" is one string-coloured run up to the plain name inside the braces.
    assert '<span class="s">f"{</span>name<span class="s">}: {</span>' in _light_html()


def test_prompt_and_output_classes_are_kept() -> None:
    # sphinx-copybutton leaves out .gp (prompts) and .go (outputs) when copying.
    classes = token_classes(STYLES)
    assert {classes[t] for t in STANDARD_TYPES if STANDARD_TYPES[t] in {"gp", "go"}} == {"gp", "go"}


def test_word_operators_keep_their_colour() -> None:
    classes = token_classes(STYLES)
    assert classes[Operator] == ""
    assert classes[Operator.Word] != ""


@pytest.mark.parametrize("source", ["\nx = 1\n", "\n\n# two blank lines first\n"])
def test_a_leading_blank_line_survives_the_html_parser(source: str) -> None:
    lexer = PythonLexer(stripnl=False)
    html = highlight(source, lexer, formatter_for(token_classes(STYLES))())
    # An HTML parser drops one newline right after <pre>: the formatter writes one more.
    assert html.startswith('<div class="highlight"><pre>\n\n')


def test_inline_code_has_no_span_per_word(fixture_book) -> None:
    """``a b`` inline code is one <code> holding its text; a run of spaces keeps Sphinx's markup."""
    fixture_book.chapter("ch", "글 ``torch.nn.GELU(approximate='tanh') x`` 와 ``a  b`` 끝.\n")
    result = fixture_book.build()
    assert result.returncode == 0, result.stderr[-3000:]
    html = (fixture_book.root / "_build" / "html" / "ch.html").read_text(encoding="utf-8")
    assert (
        '<code class="docutils literal notranslate">'
        "torch.nn.GELU(approximate='tanh') x</code>" in html
    )
    assert '<span class="pre">a</span>&#160; <span class="pre">b</span>' in html
