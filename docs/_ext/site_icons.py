"""The theme's icons without Font Awesome's 1.5 MB script or its web fonts.

pydata-sphinx-theme marks icons up as ``<i class="fa-solid fa-bars">`` and loads ``fontawesome.js``
(1.56 MB, 538 KB gzipped) on every page to swap them for SVG. The site's layout template
(``docs/_templates/layout.html``) does not load that script; instead this extension writes
``_static/icons.css``, a few KB, that draws each icon the site uses as a CSS mask filled with
``currentColor``. The drawings are Font Awesome Free's own path data (CC BY 4.0), read at build time
from the ``fontawesome.js`` of the installed theme, so nothing is vendored and icons follow the
theme's version.

``site_icons`` lists the icon names (without ``fa-``). Build-finished checks every built page: an
icon class with no drawing is a warning (``-W`` fails the build), so a theme upgrade that adds an
icon cannot silently show an empty box.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

import pydata_sphinx_theme
import sphinx_book_theme
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

FONTAWESOME_JS = (
    Path(pydata_sphinx_theme.__file__).parent
    / "theme"
    / "pydata_sphinx_theme"
    / "static"
    / "scripts"
    / "fontawesome.js"
)

#: Classes that are not icon names.
_MODIFIERS = {
    "fa-solid", "fa-regular", "fa-brands", "fa-classic", "fa-fw", "fa-lg", "fa-sm", "fa-xs",
    "fa-2x", "fa-width-fixed", "fa-spin", "fa-pulse", "fa-stack",
}  # fmt: skip

_ICON = re.compile(
    r'[{,](?:"([a-z0-9-]+)"|([a-z][a-z0-9]*)):\[(\d+),(\d+),\[([^\]]*)\],"([0-9a-f]*)",'
    r'("[^"]*"|\[[^\]]*\])\]'
)


def solid_icons(source: str) -> dict[str, tuple[int, int, str]]:
    """Name, alias and ``U+<hex>`` -> (width, height, SVG path) for the solid style.

    The bundle defines each style as an object literal followed by ``p("fas",<object>)``; the solid
    object is the text between the regular style's registration and the solid one's.
    """
    start = source.index('("far",')
    end = source.index('("fas",', start)
    icons: dict[str, tuple[int, int, str]] = {}
    for match in _ICON.finditer(source, start, end):
        quoted, bare, width, height, aliases, code, path = match.groups()
        name = quoted or bare
        paths = json.loads(path)
        path = paths if isinstance(paths, str) else " ".join(paths)
        entry = (int(width), int(height), path)
        icons.setdefault(name, entry)
        if code:
            icons.setdefault(f"U+{code}", entry)
        for alias in json.loads(f"[{aliases}]"):
            if isinstance(alias, str):
                icons.setdefault(alias, entry)
    if not icons:
        raise RuntimeError(f"no solid icons found in {FONTAWESOME_JS}")
    return icons


def icons_css(names: list[str], icons: dict[str, tuple[int, int, str]]) -> str:
    """CSS drawing each named icon as a ``currentColor`` mask (no font, no script)."""
    lines = [
        "/* Icons: Font Awesome Free (https://fontawesome.com), CC BY 4.0, path data read at build",
        "   time from the installed pydata-sphinx-theme. Drawn as CSS masks: no font, no script. */",
        # Chromium fetches an element's first font for line metrics even when it draws no glyph.
        ":is(.fa,.fas,.far,.fab,.fa-solid,.fa-regular,.fa-brands){font-family:inherit!important}",
        ':is(.fas,.far,.fab,.fa-solid,.fa-regular,.fa-brands)::before{content:""!important;'
        "display:inline-block;width:var(--actfn-icon-w,1em);height:1em;vertical-align:-.125em;"
        "background-color:currentColor;"
        "-webkit-mask:var(--actfn-icon) center/contain no-repeat;"
        "mask:var(--actfn-icon) center/contain no-repeat}",
    ]
    for name in names:
        width, height, path = icons[name]
        uri = _svg_uri(width, height, path)
        lines.append(f".fa-{name}{{--actfn-icon:{uri};--actfn-icon-w:{width / height:.4g}em}}")
    return "\n".join(lines) + "\n"


THEME_CSS = [
    FONTAWESOME_JS.parents[1] / "styles" / "pydata-sphinx-theme.css",
    Path(sphinx_book_theme.__file__).parent
    / "theme"
    / "sphinx_book_theme"
    / "static"
    / "styles"
    / "sphinx-book-theme.css",
]

_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_VAR = re.compile(r"(--pst-(?:icon-[a-z0-9-]+|breadcrumb-divider)):([^;}]+)")
_FA_FONT = re.compile(r"font:var\(--fa-font-solid\)|font-family:\s*Font Awesome")


def _char_code(value: str) -> str | None:
    """The ``U+<hex>`` of a CSS string holding one private-use character (or ``\\fxxx``)."""
    value = value.strip().strip('"').strip("'")
    if value.startswith("\\"):
        return f"U+{value[1:].lower()}"
    if len(value) == 1 and 0xE000 <= ord(value) <= 0xF8FF:
        return f"U+{ord(value):x}"
    return None


def theme_pseudo_icons_css(icons: dict[str, tuple[int, int, str]], css_texts: list[str]) -> str:
    """Redraw the theme's CSS-font icons (admonition titles, external links, ...) as masks.

    The theme's stylesheets draw these with ``font: var(--fa-font-solid)`` and a private-use
    character in ``content``; without this, the browser would fetch the 115 KB Font Awesome font.
    Each such rule is repeated with an empty ``content`` and the matching icon as a mask.
    """
    variables: dict[str, str] = {}
    for text in css_texts:
        for name, value in _VAR.findall(text):
            variables.setdefault(name, value.strip())

    def resolve(value: str) -> str | None:
        for _ in range(5):
            ref = re.fullmatch(r"var\((--[a-z0-9-]+)\)", value.strip())
            if not ref:
                break
            value = variables.get(ref.group(1), "")
        return _char_code(value)

    out = []
    for text in css_texts:
        for selector, body in _RULE.findall(text):
            selector = selector.strip()
            if not re.search(r"::?(before|after)\b", selector) or selector.startswith("@"):
                continue
            declarations = []
            if _FA_FONT.search(body):
                declarations.append(
                    'font-family:inherit!important;content:""!important;display:inline-block;'
                    "background-color:currentColor;vertical-align:-.125em;"
                    "-webkit-mask:var(--actfn-mask) center/contain no-repeat;"
                    "mask:var(--actfn-mask) center/contain no-repeat"
                )
                if "width:" not in body:
                    declarations.append("width:1em;height:1em")
            content = re.search(r"content:([^;}]+)", body)
            code = resolve(content.group(1)) if content else None
            if code and code in icons:
                width, height, path = icons[code]
                declarations.append(f"--actfn-mask:{_svg_uri(width, height, path)}")
                if not _FA_FONT.search(body):
                    declarations.append('content:""!important')
            if declarations:
                out.append(f"{selector}{{{';'.join(declarations)}}}")
    return "\n".join(out) + "\n"


def _svg_uri(width: int, height: int, path: str) -> str:
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}">'
        f'<path d="{path}"/></svg>'
    )
    return 'url("data:image/svg+xml,' + quote(svg, safe=" /:=,.-") + '")'


def _write_css(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    icons = solid_icons(FONTAWESOME_JS.read_text(encoding="utf-8"))
    missing = [name for name in app.config.site_icons if name not in icons]
    if missing:
        logger.warning("site_icons: no Font Awesome solid icon named %s", ", ".join(missing))
    names = [name for name in app.config.site_icons if name in icons]
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    theme_css = [path.read_text(encoding="utf-8") for path in THEME_CSS if path.is_file()]
    css = icons_css(names, icons) + theme_pseudo_icons_css(icons, theme_css)
    (static / "icons.css").write_text(css, encoding="utf-8")


_CLASS_ATTR = re.compile(
    r'class="([^"]*\bfa[srb]?\b[^"]*|[^"]*\bfa-(?:solid|regular|brands)\b[^"]*)"'
)


def _check_pages(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    known = set(app.config.site_icons)
    for page in sorted(Path(app.outdir).rglob("*.html")):
        used = set()
        for classes in _CLASS_ATTR.findall(page.read_text(encoding="utf-8")):
            used.update(c[3:] for c in classes.split() if c.startswith("fa-"))
        used -= {m[3:] for m in _MODIFIERS}
        for name in sorted(used - known):
            logger.warning(
                "%s uses the icon fa-%s, which site_icons does not draw: add it to site_icons",
                page.relative_to(app.outdir),
                name,
            )


def setup(app: Sphinx) -> dict[str, object]:
    app.add_config_value("site_icons", [], "html", types=[list])
    app.connect("builder-inited", _write_css)
    app.connect("build-finished", _check_pages)
    app.add_css_file("icons.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
