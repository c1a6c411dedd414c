"""Lighter code blocks: fewer ``<span>`` elements for the same colours (issue 14).

Pygments wraps every token of a code block in ``<span class="…">``; on a chapter page those spans
were the largest group of elements a phone lays out and styles. Three things reduce them, all
computed from the code styles in use (pydata-sphinx-theme's ``pygments_light_style`` and
``pygments_dark_style``), never listed by hand, so a different code style keeps every colour it has:

* **Plain tokens get no span.** Token types that every style draws exactly like ``Token.Text``
  (names, punctuation, whitespace with the theme's styles) get no CSS class, so Pygments writes
  them as text and joins neighbouring plain tokens into one run.
* **Operators are drawn in the plain colour, on purpose** (`DRAWN_PLAIN`). The a11y styles draw
  ``.``, ``=``, ``+`` and ``*`` in the string colour; in ``torch.nn.functional.gelu(x)`` every dot
  was a green span (461 spans on chapter 5). Plain text has the highest contrast either style
  offers (light #080808 on #fefefe, dark #f8f8f2 on #2b2b2b), and word operators (``in``,
  ``not``, ``and``) keep their keyword colour.
* **Tokens that look alike share one class.** Types that every style draws identically (e.g. a
  string, its ``f`` prefix and its ``{``/``}`` interpolation marks; integers, floats and
  built-ins) get the class of the first such type, so Pygments joins neighbours into one span.
  Generic and error tokens keep their own classes (sphinx-copybutton skips ``.gp``/``.go``).

The formatter also leaves out the empty ``<span></span>`` Pygments writes after every ``<pre>``
(it keeps a leading blank line from being eaten by the HTML parser; a leading newline is written
twice instead, which the parser reads the same way).

Inline code (````x.shape````) is written without Sphinx's ``<span class="pre">`` around each word
(`visit_literal`). Those spans only kept words from wrapping, and book.css lets inline code wrap
anywhere in the text (``white-space: normal``), so they changed nothing but the element count. A
literal with a run of spaces keeps Sphinx's markup, which protects the run with ``&#160;``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from docutils import nodes
from pygments.formatters.html import HtmlFormatter
from pygments.styles import get_style_by_name
from pygments.token import STANDARD_TYPES, Error, Generic, Operator, Text, _TokenType
from sphinx.application import Sphinx

#: Token types drawn in the plain text colour whatever the style says (see the module docstring);
#: exact types: ``Operator.Word`` keeps its colour.
DRAWN_PLAIN = frozenset({Operator})

#: Token families whose classes carry meaning beyond their colour: never merged with others.
_OWN_CLASS = (Generic, Error)


def _look(styles: list[Any], ttype: _TokenType) -> tuple[tuple[tuple[str, Any], ...], ...]:
    return tuple(tuple(sorted(style.style_for_token(ttype).items())) for style in styles)


def plain_token_types(style_names: list[str]) -> frozenset[_TokenType]:
    """Token types that every named style draws exactly like ``Token.Text``."""
    styles = [get_style_by_name(name) for name in style_names]
    text = _look(styles, Text)
    return frozenset(
        ttype for ttype in STANDARD_TYPES if ttype is not Text and _look(styles, ttype) == text
    )


def token_classes(style_names: list[str]) -> dict[_TokenType, str]:
    """The CSS class each standard token type is written with ('' = no span).

    Plain and `DRAWN_PLAIN` types get ''; every other type gets the class of the first type (in
    Pygments' token order) that every style draws the same way, outside `_OWN_CLASS` families
    (``Token`` itself has no class and is nobody's representative).
    """
    styles = [get_style_by_name(name) for name in style_names]
    plain = plain_token_types(style_names)
    first_of_look: dict[object, str] = {}
    classes: dict[_TokenType, str] = {}
    for ttype in sorted(STANDARD_TYPES):
        own = STANDARD_TYPES[ttype]
        if ttype in plain or ttype in DRAWN_PLAIN:
            classes[ttype] = ""
        elif not own or any(ttype in family for family in _OWN_CLASS):
            classes[ttype] = own
        else:
            classes[ttype] = first_of_look.setdefault(_look(styles, ttype), own)
    return classes


def formatter_for(classes: dict[_TokenType, str]) -> type[HtmlFormatter]:
    class LightHtmlFormatter(HtmlFormatter):
        """HtmlFormatter writing standard token types with the given classes ('' = unwrapped)."""

        def _get_css_classes(self, ttype: _TokenType) -> str:
            if ttype in classes:
                return self.classprefix + classes[ttype] if classes[ttype] else ""
            return super()._get_css_classes(ttype)

        def _wrap_pre(self, inner: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str]]:
            pieces = iter(super()._wrap_pre(inner))
            for kind, text in pieces:
                if text.startswith("<pre") and text.endswith("<span></span>"):
                    opener = text[: -len("<span></span>")]
                    following = next(pieces, None)
                    newline = following is not None and following[1].startswith("\n")
                    yield kind, opener + ("\n" if newline else "")
                    if following is not None:
                        yield following
                else:
                    yield kind, text

    return LightHtmlFormatter


def visit_literal(self: Any, node: nodes.literal) -> None:
    """Sphinx's visit_literal, minus the per-word ``<span class="pre">`` (see the docstring)."""
    before = self.protect_literal_text
    type(self).visit_literal(self, node)  # the translator's own method; may raise SkipNode
    light = self.protect_literal_text > before and "  " not in node.astext()
    if light:
        self.protect_literal_text -= 1
    self.__dict__.setdefault("_light_literals", []).append(light)


def depart_literal(self: Any, node: nodes.literal) -> None:
    if self._light_literals.pop():
        self.protect_literal_text += 1  # Sphinx's depart_literal takes it back
    type(self).depart_literal(self, node)


def _styles_in_use(app: Sphinx) -> list[str]:
    theme = getattr(app.builder, "theme", None)
    options: dict[str, Any] = theme.get_options(app.config.html_theme_options) if theme else {}
    names = [options.get("pygments_light_style"), options.get("pygments_dark_style")]
    if app.config.pygments_style:
        names.append(app.config.pygments_style)
    return [name for name in names if name]


def _builder_inited(app: Sphinx) -> None:
    highlighter = getattr(app.builder, "highlighter", None)
    if highlighter is None or app.builder.format != "html":
        return
    styles = _styles_in_use(app)
    formatter = formatter_for(token_classes(styles) if styles else {})
    highlighter.formatter = formatter
    dark = getattr(app.builder, "dark_highlighter", None)
    if dark is not None:
        dark.formatter = formatter


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("builder-inited", _builder_inited)
    app.add_node(nodes.literal, override=True, html=(visit_literal, depart_literal))
    return {"version": "1.1", "parallel_read_safe": True, "parallel_write_safe": True}
