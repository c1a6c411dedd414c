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
    r'[{,](?:"([a-z0-9-]+)"|([a-z][a-z0-9]*)):\[(\d+),(\d+),\[([^\]]*)\],"[0-9a-f]*",'
    r'("[^"]*"|\[[^\]]*\])\]'
)


def solid_icons(source: str) -> dict[str, tuple[int, int, str]]:
    """Name (and alias) -> (width, height, SVG path) for the solid style in ``fontawesome.js``.

    The bundle defines each style as an object literal followed by ``p("fas",<object>)``; the solid
    object is the text between the regular style's registration and the solid one's.
    """
    start = source.index('("far",')
    end = source.index('("fas",', start)
    icons: dict[str, tuple[int, int, str]] = {}
    for match in _ICON.finditer(source, start, end):
        quoted, bare, width, height, aliases, path = match.groups()
        name = quoted or bare
        paths = json.loads(path)
        path = paths if isinstance(paths, str) else " ".join(paths)
        entry = (int(width), int(height), path)
        icons.setdefault(name, entry)
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
        ':is(.fas,.far,.fab,.fa-solid,.fa-regular,.fa-brands)::before{content:""!important;'
        "display:inline-block;width:var(--actfn-icon-w,1em);height:1em;vertical-align:-.125em;"
        "background-color:currentColor;"
        "-webkit-mask:var(--actfn-icon) center/contain no-repeat;"
        "mask:var(--actfn-icon) center/contain no-repeat}",
    ]
    for name in names:
        width, height, path = icons[name]
        svg = (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}">'
            f'<path d="{path}"/></svg>'
        )
        uri = "data:image/svg+xml," + quote(svg, safe=" /:=,.-")
        lines.append(
            f'.fa-{name}{{--actfn-icon:url("{uri}");--actfn-icon-w:{width / height:.4g}em}}'
        )
    return "\n".join(lines) + "\n"


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
    (static / "icons.css").write_text(icons_css(names, icons), encoding="utf-8")


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
