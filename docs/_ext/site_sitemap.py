"""``sitemap.xml`` listing every page of the book under ``html_baseurl``.

sphinx-sitemap lists only the pages written by the current build, so an incremental build publishes
a sitemap with a handful of pages (jdillard/sphinx-sitemap#13, open since 2018). This writes the
sitemap from the environment's full list of documents at the end of every HTML build instead.

Configuration: ``html_baseurl`` (required for a sitemap) and ``site_sitemap_excludes``, a list of
page names (``"search"``) to leave out. Generated pages (index, search, 404) are never listed.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from sphinx.application import Sphinx


def _write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or not app.config.html_baseurl:
        return
    base = app.config.html_baseurl.rstrip("/") + "/"
    excluded = set(app.config.site_sitemap_excludes)
    urls = [
        base + app.builder.get_target_uri(docname)
        for docname in sorted(app.env.found_docs)
        if docname not in excluded
    ]
    lines = ['<?xml version="1.0" encoding="utf-8"?>']
    lines.append('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
    lines += [f"  <url><loc>{escape(url)}</loc></url>" for url in urls]
    lines.append("</urlset>")
    Path(app.outdir, "sitemap.xml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def setup(app: Sphinx) -> dict[str, object]:
    app.add_config_value("site_sitemap_excludes", [], "html", types=[list])
    app.connect("build-finished", _write_sitemap)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
