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

Two more page-level fixes that Lighthouse's accessibility and SEO audits ask for (issue 14):

* Pages without text of their own (search, index, 404) get a ``<meta name="description">`` naming
  the book and the page; sphinxext-opengraph writes one from the text of every other page.
* docutils 0.22 marks each bibliography entry ``role="doc-biblioentry"`` inside a
  ``role="list"``: ARIA 1.3 deprecates that role, and a list must hold list items. The entries
  become ``role="listitem"`` (the list stays a list of entries for screen readers).
"""

from __future__ import annotations

from html import escape
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.html._assets import _JavaScript

KEEP_BLOCKING = {"_static/documentation_options.js"}
#: Titles of pages Sphinx writes from its templates alone (their context has no title).
GENERATED_PAGES = {"search": "검색", "genindex": "색인"}


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
    metatags = context.get("metatags", "")
    if 'name="description"' not in metatags:
        title = context.get("title") or GENERATED_PAGES.get(pagename, "")
        project = app.config.project
        text = f"「{project}」 {title}".strip() if title and title != project else f"「{project}」"
        context["metatags"] = f'{metatags}\n<meta name="description" content="{escape(text)}" />'
    if isinstance(context.get("body"), str):
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app: Sphinx) -> dict[str, object]:
    # Last, after every extension has added its scripts for this page.
    app.connect("html-page-context", _page_context, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
