"""Lighter code blocks: tokens drawn in the plain text colour get no ``<span>`` (issue 14).

Pygments wraps every token of a code block in ``<span class="…">``. With the theme's code colours
(pydata-sphinx-theme's ``pygments_light_style`` and ``pygments_dark_style``) names, punctuation and
whitespace look exactly like plain text in both colour modes, yet they are half of all the elements
on a chapter page (1,449 of 5,573 on chapter 5): a phone lays out and styles each of them. Here the
HTML formatter gives those token types no CSS class, so Pygments writes them as plain text and joins
neighbouring plain tokens into one run; the page looks the same, with far fewer elements.

Which token types are plain is computed from the styles themselves (same colour, weight, slant,
underline, background and border as ``Token.Text`` in every style in use), never listed by hand, so
a different code style keeps every colour it has.
"""

from __future__ import annotations

from typing import Any

from pygments.formatters.html import HtmlFormatter
from pygments.styles import get_style_by_name
from pygments.token import STANDARD_TYPES, Text, _TokenType
from sphinx.application import Sphinx


def plain_token_types(style_names: list[str]) -> frozenset[_TokenType]:
    """Token types that every named style draws exactly like ``Token.Text``."""
    styles = [get_style_by_name(name) for name in style_names]
    return frozenset(
        ttype
        for ttype in STANDARD_TYPES
        if ttype is not Text
        and all(style.style_for_token(ttype) == style.style_for_token(Text) for style in styles)
    )


def formatter_for(plain: frozenset[_TokenType]) -> type[HtmlFormatter]:
    class PlainTokensHtmlFormatter(HtmlFormatter):
        """HtmlFormatter that writes the given token types as unwrapped text."""

        def _get_css_classes(self, ttype: _TokenType) -> str:
            return "" if ttype in plain else super()._get_css_classes(ttype)

    return PlainTokensHtmlFormatter


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
    plain = plain_token_types(styles) if styles else frozenset()
    formatter = formatter_for(plain)
    highlighter.formatter = formatter
    dark = getattr(app.builder, "dark_highlighter", None)
    if dark is not None:
        dark.formatter = formatter


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("builder-inited", _builder_inited)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
