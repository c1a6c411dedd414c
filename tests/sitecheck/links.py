"""Static checks of the HTML files: links (every internal reference resolves) and the page language."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .report import Report
from .site import ParsedPage, parse_html, site_base_url

_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


def check_links(site: Path, pages: Iterable[str], report: Report) -> None:
    """Every internal reference resolves to a file, every fragment to an id in its target."""
    base = site_base_url(site)
    parsed: dict[str, ParsedPage] = {}

    def page_of(rel: str) -> ParsedPage:
        if rel not in parsed:
            parsed[rel] = parse_html((site / rel).read_text(encoding="utf-8", errors="replace"))
        return parsed[rel]

    def resolve(page: str, url: str, what: str, *, html_context: bool = True) -> None:
        parts = urlsplit(url)
        if not url or parts.scheme in ("data", "javascript", "blob", "about"):
            return
        if parts.scheme or url.startswith("//"):
            if base and url.startswith(base):
                url = "/" + url[len(base) :]  # the site's own URL: check it against the files
                parts = urlsplit(url)
                target = parts.path.lstrip("/")
            else:
                report.external_links.setdefault(url, set()).add(page)
                return
        elif parts.path.startswith("/"):
            mount = urlsplit(base).path if base else "/"
            if not parts.path.startswith(mount):
                report.add("links", page, f"{what} {url!r} is outside the site ({mount})")
                return
            target = parts.path[len(mount) :]
        elif parts.path:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path))
        else:
            target = page  # "#fragment" or "?query" on the same page
        target = unquote(target)
        if target.startswith("../") or target == "..":
            report.add("links", page, f"{what} {url!r} points outside the site")
            return
        path = site / target if target not in ("", ".") else site
        if path.is_dir():
            path = path / "index.html"
            target = (
                posixpath.join(target, "index.html") if target not in ("", ".") else "index.html"
            )
        if not path.is_file():
            report.add("links", page, f"{what} {url!r}: {target} does not exist")
            return
        fragment = unquote(parts.fragment)
        if (
            fragment
            and html_context
            and path.suffix == ".html"
            and (fragment not in page_of(target).ids)
        ):
            report.add("links", page, f"{what} {url!r}: no id {fragment!r} in {target}")

    stylesheets: set[str] = set()
    for page in pages:
        doc = page_of(page)
        for tag, attr, url in doc.urls:
            if tag == "form" and not url:
                continue
            resolve(page, url, f"<{tag} {attr}>")
            if tag == "link" and not urlsplit(url).scheme and urlsplit(url).path.endswith(".css"):
                stylesheets.add(
                    posixpath.normpath(posixpath.join(posixpath.dirname(page), urlsplit(url).path))
                )
    for sheet in sorted(stylesheets):
        path = site / sheet
        if not path.is_file():
            continue  # already reported by the page that links it
        for match in _CSS_URL.finditer(path.read_text(encoding="utf-8", errors="replace")):
            resolve(sheet, match.group(2), "CSS url()", html_context=False)
    sitemap = site / "sitemap.xml"
    if sitemap.is_file():
        for loc in re.findall(r"<loc>\s*([^<\s]+)\s*</loc>", sitemap.read_text(encoding="utf-8")):
            resolve("sitemap.xml", loc, "sitemap <loc>")


def check_lang_static(site: Path, pages: Iterable[str], report: Report) -> None:
    for page in pages:
        lang = parse_html((site / page).read_text(encoding="utf-8", errors="replace")).lang
        if lang != "ko":
            report.add("lang", page, f'<html lang="{lang}"> in the HTML file, expected "ko"')
