"""Scripts stop blocking the first paint: every external script in ``<head>`` loads with ``defer``.

Sphinx and its extensions add their scripts (doctools, copy buttons, toggle buttons, the book
theme, translations) as plain ``<script src>`` in ``<head>``, each of which stops the page from
rendering until it has downloaded and run. They all wait for the DOM before doing anything, so
``defer`` changes nothing for them but the wait; deferred scripts still run in document order, so
``translations.js`` still runs after ``doctools.js`` and copy buttons after clipboard.js.

``documentation_options.js`` stays as it is: inline scripts (``DOCUMENTATION_OPTIONS.pagename =
...``) use it as soon as they are parsed. The search page is left alone: its inline script calls
doctools.js's ``_ready`` while the page is parsed. Scripts that already say async, defer or type="module",
and inline scripts, are left alone.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.html._assets import _JavaScript

KEEP_BLOCKING = {"_static/documentation_options.js"}


def defer_scripts(scripts: list[Any]) -> list[Any]:
    out = []
    for js in scripts:
        if (
            isinstance(js, _JavaScript)
            and js.filename
            and str(js.filename) not in KEEP_BLOCKING
            and not {"async", "defer", "type", "body"} & set(js.attributes)
        ):
            js = _JavaScript(js.filename, priority=js.priority, **js.attributes, defer="defer")
        out.append(js)
    return out


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if "script_files" in context and pagename != "search":
        context["script_files"] = defer_scripts(list(context["script_files"]))


def setup(app: Sphinx) -> dict[str, object]:
    # Last, after every extension has added its scripts for this page.
    app.connect("html-page-context", _page_context, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
