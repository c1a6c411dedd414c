"""The checker behind tests/test_site_browser.py: what a reader of the built site would see.

`check_site(site, browser)` visits every page of a built site (or the pages given) over
http://127.0.0.1 in headless Chromium and returns a `Report`: findings per check, each naming the
page and what is wrong. The same function runs on the real book (test_site_browser.py) and on small
fixture sites with one defect planted on purpose (test_site_checks_fail.py), which proves that each
check can fail.

Checks (`CHECKS`):

load        no console error, no uncaught exception, no failed request, nothing fetched from
            anywhere but 127.0.0.1 (such requests are blocked and reported)
images      every <img> loaded (naturalWidth > 0) and has a non-empty alt
math        every math container holds a <math> element that Chromium lays out as MathML; a page
            whose source has math has MathML; no raw TeX ($$, \\(, \\[, \\begin{…}) and no control
            characters (a LaTeX string typed as a non-raw Python/JS string: \\a, \\f, \\b) in the text
cells       every output the executed notebook (_sources/<page>.ipynb) has is shown on the page,
            readable once the reader opens hidden parts, with the notebook's text
cell_errors no cell shows a traceback or stderr, except cells tagged raises-exception, which show
            the exception the text before them names, with its message
links       every internal href/src/srcset (and URLs under the site's own base URL: canonical, Open
            Graph, sitemap, CSS url()) resolves to a file, every #fragment to an id in the target;
            external links are listed, never fetched
overflow    on a 360 px phone (as loaded, then with hidden parts opened) the page is no wider than
            the screen and nothing is cut off: what is wider must scroll inside its own box
lang        <html lang="ko">
dark_mode   the theme's colour-mode switch sets data-theme="dark", the page turns dark with readable
            text, and every figure keeps its legible marks (screenshots, light vs dark)
axe         axe-core: no serious or critical violation (all rules in light mode; colour contrast
            again in dark mode)
html_valid  the Nu Html Checker (vnu.jar): no error in any page or stylesheet

Errors owned by the theme or upstream extensions are tolerated only through the explicit
allow-lists `KNOWN_VNU_ERRORS` and `KNOWN_AXE_VIOLATIONS`, each entry with its reason; a run over
the whole book counts which entries matched (`Report.tolerated`), so one that no longer matches
anything is noticed and removed.
"""

from __future__ import annotations

import io
import json
import posixpath
import re
import subprocess
import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from browser import VNU_JAR, axe_source, require, serve, watch

CHECKS = (
    "load",
    "images",
    "math",
    "cells",
    "cell_errors",
    "links",
    "overflow",
    "lang",
    "dark_mode",
    "axe",
    "html_valid",
)
BROWSER_CHECKS = frozenset(CHECKS) - {"links", "html_valid"}
PHONE_WIDTH = 360
DESKTOP = {"width": 1280, "height": 900}

# -- Known issues owned by the theme or third-party extensions (each with its reason) ---------------
#: (message regex, file regex, reason). Only errors matching both are tolerated.
KNOWN_VNU_ERRORS: list[tuple[str, str, str]] = [
    (
        r"^Element “p” not allowed as child of element “summary” in this context\.",
        r"\.html$",
        "myst-nb 1.4 renders hide-input/hide-output toggles as <details><summary><p "
        "class='collapsed admonition-title'>…; browsers render it fine (phrasing content only is "
        "allowed in <summary>). Upstream markup, not our templates.",
    ),
    (
        r"^Duplicate ID “(exercise|solution)-content”\.$",
        r"\.html$",
        "sphinx-exercise 1.x gives every exercise and solution body the same id "
        "(exercise-content / solution-content); nothing links to those ids.",
    ),
    (
        r"^CSS: “(transition|max-height)”",
        r"_static/styles/pydata-sphinx-theme\.css$",
        'pydata-sphinx-theme 0.20\'s compiled CSS (transition: … "0s"; max-height: 220 px); '
        "browsers drop the one declaration.",
    ),
    (
        r"^CSS: “background-color”: “none” is not a “background-color” value\.$",
        r"_static/exercise\.css$",
        "sphinx-exercise's stylesheet; browsers ignore the declaration.",
    ),
]

#: (axe rule id, target regex, reason) for violations owned by the theme or its extensions.
KNOWN_AXE_VIOLATIONS: list[tuple[str, str, str]] = [
    (
        "label-content-name-mismatch",
        r"\.search-button__button\[aria-label=",
        "pydata-sphinx-theme 0.20's search button: aria-label is the translated word (검색) while "
        "the visible text adds the keyboard shortcut (Ctrl+K), so the label is not a superset of "
        "the text (WCAG 2.5.3). Theme markup (components/search-button-field.html).",
    ),
    (
        "label-content-name-mismatch",
        r"(^|[ >])summary$",
        "myst-nb 1.4's hide-input/hide-output toggles: <summary aria-label=\"Toggle hidden "
        'content"> is hard-coded English while the visible text is nb_code_prompt_show/hide.',
    ),
]

#: Figures in dark mode keep at least this share of the light mode's legible marks.
DARK_LEGIBLE_SHARE = 0.7
#: A mark is legible when its contrast with the figure's background is at least this (WCAG 1.4.11).
MARK_CONTRAST = 3.0


@dataclass(frozen=True)
class Finding:
    check: str
    page: str
    message: str

    def __str__(self) -> str:
        return f"{self.page}: {self.message}"


@dataclass
class Report:
    pages: list[str]
    findings: list[Finding] = field(default_factory=list)
    #: allow-list entry (KNOWN_* reason) -> how many errors it tolerated in this run
    tolerated: dict[str, int] = field(default_factory=dict)
    #: external URL -> pages linking to it (listed, never fetched)
    external_links: dict[str, set[str]] = field(default_factory=dict)

    def add(self, check: str, page: str, message: str) -> None:
        assert check in CHECKS, check
        self.findings.append(Finding(check, page, message))

    def of(self, check: str) -> list[str]:
        return [str(f) for f in self.findings if f.check == check]

    def summary(self, check: str, limit: int = 40) -> str:
        lines = self.of(check)
        more = f"\n… and {len(lines) - limit} more" if len(lines) > limit else ""
        return f"{check}: {len(lines)} finding(s)\n" + "\n".join(lines[:limit]) + more


# -- Pages and the site's own base URL --------------------------------------------------------------
def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site (relative POSIX paths), not template fragments in _static."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site)
        if any(part.startswith(("_", ".")) for part in rel.parts[:-1]):
            continue
        pages.append(rel.as_posix())
    return pages


def site_base_url(site: Path) -> str | None:
    """Where the site says it is published (<link rel="canonical"> of index.html), if anywhere."""
    index = site / "index.html"
    if not index.is_file():
        return None
    parsed = parse_html(index.read_text(encoding="utf-8"))
    for rel, url in parsed.canonical:
        if "canonical" in rel.split():
            return url.rsplit("/", 1)[0] + "/"
    return None


def mount_path(site: Path) -> str:
    """Serve the site under its published path (/actfn/), so absolute links (404.html) work."""
    base = site_base_url(site)
    return urlsplit(base).path if base else "/"


# -- Static HTML crawl ------------------------------------------------------------------------------
_URL_ATTRS = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "form": ("action",),
}
_URL_META = {"og:url", "og:image", "twitter:image", "og:image:url"}


@dataclass
class ParsedPage:
    lang: str | None = None
    ids: set[str] = field(default_factory=set)
    urls: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, attr, url)
    canonical: list[tuple[str, str]] = field(default_factory=list)  # (rel, href)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: (v or "") for k, v in attrs}
        if tag == "html":
            self.page.lang = values.get("lang")
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.ids.add(values["name"])
        for attr in _URL_ATTRS.get(tag, ()):
            if attr not in values:
                continue
            if attr == "srcset":
                for candidate in values[attr].split(","):
                    if candidate.strip():
                        self.page.urls.append((tag, attr, candidate.strip().split()[0]))
            else:
                self.page.urls.append((tag, attr, values[attr].strip()))
        if tag == "link" and "href" in values:
            self.page.canonical.append((values.get("rel", ""), values["href"]))
        if tag == "meta" and values.get("property", values.get("name")) in _URL_META:
            self.page.urls.append((tag, "content", values.get("content", "").strip()))


def parse_html(text: str) -> ParsedPage:
    collector = _Collector()
    collector.feed(text)
    collector.close()
    return collector.page


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


# -- Sources: where math is expected, which outputs are expected -------------------------------------
_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)\n.*?^(?P=fence)[ \t]*$", re.M | re.S)
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1", re.S)
_SOURCE_MATH = re.compile(r"\$\$|\$[^$\s][^$\n]*\$|\{math\}|\\begin\{")


def source_has_math(site: Path, page: str) -> bool | None:
    """Whether the page's published markdown source (_sources/) contains math; None: no source."""
    stem = page.removesuffix(".html")
    for name in (f"_sources/{stem}.md", f"_sources/{stem}.md.txt", f"_sources/{stem}.rst.txt"):
        path = site / name
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            math_fences = [m for m in _FENCE.finditer(text) if "{math}" in m.group("info")]
            if math_fences:
                return True
            prose = _INLINE_CODE.sub("", _FENCE.sub("", text))
            return bool(_SOURCE_MATH.search(prose))
    return None


def executed_notebook(site: Path, page: str) -> dict | None:
    """The executed notebook of a page: the site's .ipynb download, else myst-nb's jupyter_execute."""
    stem = page.removesuffix(".html")
    for path in (
        site / "_sources" / f"{stem}.ipynb",
        site.parent / "jupyter_execute" / f"{stem}.ipynb",
    ):
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
    return None


_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_MIME_PRIORITY = (
    "text/html",
    "image/svg+xml",
    "image/png",
    "image/jpeg",
    "image/gif",
    "text/markdown",
    "text/latex",
    "text/plain",
)


def _text(value: str | list[str]) -> str:
    return _ANSI.sub("", "".join(value) if isinstance(value, list) else value)


def normalize(text: str) -> str:
    return " ".join(text.split())


@dataclass
class ExpectedCell:
    tags: list[str]
    texts: list[str] = field(default_factory=list)  # must appear in the shown output
    images: int = 0
    html: int = 0
    error: tuple[str, str] | None = None  # (ename, evalue)
    stderr: list[str] = field(default_factory=list)

    @property
    def has_output(self) -> bool:
        return bool(self.texts or self.images or self.html or self.error or self.stderr)


def expected_cells(notebook: dict) -> list[ExpectedCell]:
    """The code cells a page renders (remove-cell dropped), with the outputs a reader must see."""
    cells = []
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        tags = list(cell.get("metadata", {}).get("tags", []))
        if "remove-cell" in tags:
            continue
        expected = ExpectedCell(tags)
        cells.append(expected)
        if "remove-output" in tags:
            continue
        for output in cell.get("outputs", []):
            kind = output.get("output_type")
            if kind == "stream":
                text = _text(output.get("text", ""))
                if output.get("name") == "stderr":
                    expected.stderr.append(text)
                elif text.strip():
                    expected.texts.append(text)
            elif kind == "error":
                expected.error = (output.get("ename", ""), output.get("evalue", ""))
            elif kind in ("display_data", "execute_result"):
                if "scrapbook" in output.get("metadata", {}):
                    continue  # glue(..., display=False): stored for {glue} roles, not shown here
                data = output.get("data", {})
                mime = next((m for m in _MIME_PRIORITY if m in data), None)
                if mime is None:
                    continue
                if mime.startswith("image/"):
                    expected.images += 1
                elif mime == "text/plain":
                    expected.texts.append(_text(data[mime]))
                else:
                    expected.html += 1
    return cells


#: An exception class named in prose; Korean particles follow directly ("TypeError가"), so no \b.
_EXCEPTION_NAME = re.compile(
    r"(?<![A-Za-z0-9_])([A-Z][A-Za-z0-9_]*(?:Error|Exception|Warning|Interrupt|Exit))(?![A-Za-z0-9_])"
)


# -- In-page JavaScript ----------------------------------------------------------------------------
_JS_WAIT_IMAGES = """
async () => {
  const images = [...document.images];
  for (const img of images) if (img.loading === "lazy") img.loading = "eager";
  await Promise.all(images.map(img => img.complete ? null : new Promise(done => {
    img.addEventListener("load", done, {once: true});
    img.addEventListener("error", done, {once: true});
    setTimeout(done, 5000);
  })));
  return images.map(img => ({
    src: img.getAttribute("src"), alt: img.getAttribute("alt"),
    naturalWidth: img.naturalWidth, complete: img.complete,
  }));
}
"""

_JS_TEXT = r"""
() => {
  const skip = "script,style,pre,code,kbd,samp,textarea,noscript,template,.highlight,math";
  const rawTex = /\$\$|\\\(|\\\)|\\\[|\\\]|\\begin\{|\$[^$\s][^$]*\\[A-Za-z]+[^$]*\$/;
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
  const raw = [], controls = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue;
    const parent = node.parentElement;
    if (!parent) continue;
    const where = parent.closest("math") ? "math" : parent.tagName.toLowerCase();
    if (control.test(text)) {
      const at = text.search(control);
      const code = text.charCodeAt(at).toString(16).padStart(4, "0");
      controls.push(`U+${code.toUpperCase()} in <${where}> near ${JSON.stringify(
        (parent.closest("math") || parent).textContent.slice(0, 60))}`);
    }
    if (!parent.closest(skip) && rawTex.test(text)) raw.push(text.trim().slice(0, 100));
  }
  const containers = [...document.querySelectorAll("span.math, div.math")];
  const maths = [...document.querySelectorAll("math")];
  return {
    raw, controls,
    emptyContainers: containers.filter(c => !c.querySelector("math"))
      .map(c => c.textContent.trim().slice(0, 80)),
    count: maths.length,
    notLaidOut: maths.filter(m => !getComputedStyle(m).display.includes("math"))
      .map(m => `${getComputedStyle(m).display}: ${m.textContent.trim().slice(0, 60)}`),
  };
}
"""

_JS_REVEAL = """
async () => {
  document.querySelectorAll("details:not([open])").forEach(d => { d.open = true; });
  document.querySelectorAll(".toggle-hidden").forEach(el => {
    const button = el.querySelector("button.toggle-button");
    if (button) button.click();
  });
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  // sphinx-togglebutton fades content in (opacity/height transitions): measure the end state.
  const finite = document.getAnimations().filter(
    a => Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity));
  await Promise.race([
    Promise.all(finite.map(a => a.finished.catch(() => null))),
    new Promise(done => setTimeout(done, 3000)),
  ]);
}
"""

_JS_CELLS = """
() => [...document.querySelectorAll("div.cell")].map(cell => {
  const shown = el => el.checkVisibility({opacityProperty: true, visibilityProperty: true})
    && el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0;
  const output = cell.querySelector(".cell_output");
  const texts = sel => [...cell.querySelectorAll(sel)].map(el => ({
    text: el.textContent, shown: shown(el)}));
  let before = "";
  for (let el = cell.previousElementSibling; el; el = el.previousElementSibling) {
    if (el.matches("div.cell, h1, h2, h3, h4, h5, h6, section")) break;
    before = el.textContent + " " + before;
    if (before.length > 2000) break;
  }
  return {
    tags: [...cell.classList].filter(c => c.startsWith("tag_")).map(c => c.slice(4)),
    input: (cell.querySelector(".cell_input pre") || {}).textContent || "",
    output: output ? {
      shown: shown(output),
      text: output.textContent,  // not innerText: content-visibility:auto sections have none
      images: [...output.querySelectorAll("img, svg")].filter(img => shown(img)).length,
      children: output.children.length,
    } : null,
    tracebacks: texts(".output.traceback, .output.error"),
    stderr: texts(".output.stderr"),
    before,
  };
})
"""

_JS_OVERFLOW = r"""
(limit) => {
  const doc = document.scrollingElement || document.documentElement;
  const width = Math.max(doc.scrollWidth, document.body ? document.body.scrollWidth : 0);
  // A wide element is fine inside something that scrolls sideways (code, tables, display math) or
  // in fixed-position chrome (off-canvas sidebars). Anywhere else it either widens the page or,
  // under a clipping ancestor (overflow: hidden, content-visibility), is cut off for the reader.
  const reachable = el => {
    for (let a = el; a && a !== document.body; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.position === "fixed") return true;
      if (a !== el && ["auto", "scroll"].includes(style.overflowX)) return true;
    }
    return false;
  };
  const wide = new Set();
  for (const el of document.body.querySelectorAll("*")) {
    const rect = el.getBoundingClientRect();
    if (rect.width > 0 && rect.right + window.scrollX > limit + 1
        && el.checkVisibility({visibilityProperty: true}) && !reachable(el)) wide.add(el);
  }
  const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + [...el.classList].slice(0, 3).map(c => "." + c).join("");
  const path = el => {
    const parts = [];
    for (let a = el; a && a !== document.body && parts.length < 4; a = a.parentElement)
      parts.unshift(name(a));
    return parts.join(" > ");
  };
  // Name what a reader would recognise: a formula as a whole, not its <mi>/<mo> pieces.
  const culprits = new Set([...wide].filter(el => ![...el.children].some(c => wide.has(c)))
    .map(el => el.closest("span.math, div.math, math") || el));
  const offenders = [...culprits].slice(0, 5).map(el => {
    const text = el.textContent.replace(/\s+/g, " ").trim().slice(0, 40);
    return `${path(el)} “${text}” (right edge ${Math.round(el.getBoundingClientRect().right)} px)`;
  });
  return {width, offenders};
}
"""

_JS_COLORS = """
() => {
  const rgba = value => (value.match(/[\\d.]+/g) || []).map(Number);
  const opaque = el => {
    for (let a = el; a; a = a.parentElement) {
      const c = rgba(getComputedStyle(a).backgroundColor);
      if (c.length >= 3 && (c.length < 4 || c[3] > 0.5)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const article = document.querySelector(".bd-article") || document.body;
  return {
    theme: document.documentElement.dataset.theme || null,
    mode: document.documentElement.dataset.mode || null,
    background: opaque(article),
    text: rgba(getComputedStyle(article).color).slice(0, 3),
  };
}
"""

_JS_FIGURES = """
() => [...document.querySelectorAll(".bd-article img, .bd-article svg")].filter(el => {
  if (el.closest("button, a.headerlink") || el.parentElement.closest("svg")) return false;
  const rect = el.getBoundingClientRect();
  return rect.width >= 64 && rect.height >= 64 && el.checkVisibility();
}).map((el, i) => { el.dataset.legibilityProbe = String(i); return i; })
"""

_JS_AXE = """
async (rules) => {
  const options = {resultTypes: ["violations"]};
  if (rules) options.runOnly = {type: "rule", values: rules};
  const result = await axe.run(document, options);
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), impact: n.impact,
                              summary: (n.failureSummary || "").split("\\n").slice(0, 3).join(" ")})),
  }));
}
"""


# -- Colour arithmetic (WCAG) ---------------------------------------------------------------------
def _channel(c: float) -> float:
    c = c / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb: Iterable[float]) -> float:
    r, g, b = (_channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(l1: float, l2: float) -> float:
    hi, lo = max(l1, l2), min(l1, l2)
    return (hi + 0.05) / (lo + 0.05)


def legible_share(png: bytes) -> float:
    """Share of a screenshot's pixels that contrast >= MARK_CONTRAST with its dominant colour."""
    import numpy as np
    from PIL import Image

    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.float64) / 255
    lin = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    lum = lin @ np.array([0.2126, 0.7152, 0.0722])
    values, counts = np.unique(np.round(lum, 3), return_counts=True)
    background = values[np.argmax(counts)]
    ratio = (np.maximum(lum, background) + 0.05) / (np.minimum(lum, background) + 0.05)
    return float((ratio >= MARK_CONTRAST).mean())


# -- One page in the browser --------------------------------------------------------------------------
def _tolerate(report: Report, reasons: Iterable[str]) -> bool:
    """Count the allow-list entries that match (so a stale entry shows up); True if any did."""
    matched = list(reasons)
    for reason in matched:
        report.tolerated[reason] = report.tolerated.get(reason, 0) + 1
    return bool(matched)


def _known_axe(report: Report, rule: str, target: str) -> bool:
    return _tolerate(
        report, (why for r, t, why in KNOWN_AXE_VIOLATIONS if rule == r and re.search(t, target))
    )


#: Sections with content-visibility: auto are not painted off screen, so axe's colour checks (which
#: hit-test what is painted at an element) would see whatever lies under the placeholder. Colours
#: do not depend on it: axe looks at the page with every section rendered.
_RENDER_EVERYTHING = "*, *::before, *::after { content-visibility: visible !important; }"


def _run_axe(page: Any, name: str, report: Report, rules: list[str] | None, mode: str) -> None:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source())
        page.add_style_tag(content=_RENDER_EVERYTHING)
    for violation in page.evaluate(_JS_AXE, rules):
        for node in violation["nodes"]:
            impact = node["impact"] or violation["impact"]
            if impact not in ("serious", "critical") or _known_axe(
                report, violation["id"], node["target"]
            ):
                continue
            report.add(
                "axe",
                name,
                f"[{mode}] {impact} {violation['id']} ({violation['help']}) at {node['target']}: "
                f"{node['summary']}",
            )


def _switch_to_dark(page: Any) -> str | None:
    """Use the theme's own colour-mode switch as a reader would; returns what went wrong."""
    switch = page.locator(".theme-switch-button:visible")
    if switch.count() == 0:
        return "no visible colour-mode switch (.theme-switch-button)"
    for _ in range(3):
        switch.first.click()
        dark_item = page.locator('.theme-change-button[data-mode="dark"]:visible')
        if dark_item.count():
            dark_item.first.click()
        if page.evaluate("document.documentElement.dataset.theme") == "dark":
            return None
    return 'the colour-mode switch never set data-theme="dark"'


def _check_cells(
    site: Path, name: str, cells: list[dict], report: Report, checks: set[str]
) -> None:
    notebook = executed_notebook(site, name)
    if notebook is None:
        if cells and "cells" in checks:
            report.add(
                "cells",
                name,
                f"{len(cells)} code cells but no executed notebook "
                "(_sources/<page>.ipynb) to compare their outputs with",
            )
        expected: list[ExpectedCell | None] = [None] * len(cells)
    else:
        expected = list(expected_cells(notebook))
        if len(expected) != len(cells):
            if "cells" in checks:
                report.add(
                    "cells",
                    name,
                    f"the page shows {len(cells)} code cells, the executed "
                    f"notebook has {len(expected)}",
                )
            expected = [None] * len(cells)
    for number, (cell, want) in enumerate(zip(cells, expected, strict=True), start=1):
        label = f"cell {number} ({normalize(cell['input'])[:50]!r})"
        output = cell["output"]
        if "cells" in checks and want is not None and want.has_output:
            if output is None or output["children"] == 0:
                report.add("cells", name, f"{label}: the notebook has output, the page shows none")
            elif not output["shown"]:
                report.add("cells", name, f"{label}: its output is on the page but not visible")
            else:
                shown_text = normalize(output["text"])
                for text in want.texts:
                    if normalize(text) not in shown_text:
                        report.add(
                            "cells",
                            name,
                            f"{label}: output {normalize(text)[:60]!r} "
                            "from the notebook is not shown",
                        )
                if output["images"] < want.images:
                    report.add(
                        "cells",
                        name,
                        f"{label}: {want.images} image output(s) in the "
                        f"notebook, {output['images']} visible on the page",
                    )
        if (
            "cells" in checks
            and output is not None
            and not normalize(output["text"])
            and (output["images"] == 0)
        ):
            report.add("cells", name, f"{label}: empty output area")
        if "cell_errors" not in checks:
            continue
        shown_errors = cell["tracebacks"]
        stdout = output["text"] if output else ""
        for stream in cell["stderr"]:
            report.add(
                "cell_errors", name, f"{label}: shows stderr {normalize(stream['text'])[:100]!r}"
            )
        if "raises-exception" not in cell["tags"]:
            for tb in shown_errors:
                report.add(
                    "cell_errors",
                    name,
                    f"{label}: shows an error "
                    f"{normalize(tb['text'])[-100:]!r} (not tagged raises-exception)",
                )
            if not shown_errors and "Traceback (most recent call last)" in stdout:
                report.add("cell_errors", name, f"{label}: prints a traceback")
            continue
        # raises-exception: the intended exception, named in the text before the cell, is shown.
        intended = set(_EXCEPTION_NAME.findall(cell["before"]))
        if not shown_errors:
            report.add(
                "cell_errors", name, f"{label}: tagged raises-exception but shows no exception"
            )
            continue
        tb = shown_errors[-1]
        last = next((ln.strip() for ln in reversed(tb["text"].splitlines()) if ln.strip()), "")
        match = re.match(r"^([A-Za-z_][\w.]*)(?::\s*(.*))?$", last)
        ename = match.group(1).rsplit(".", 1)[-1] if match else ""
        evalue = (match.group(2) or "").strip() if match else ""
        if not tb["shown"]:
            report.add("cell_errors", name, f"{label}: its exception is not visible")
        if not intended:
            report.add(
                "cell_errors",
                name,
                f"{label}: tagged raises-exception, but the text "
                "before it names no exception type (say which error the reader will see)",
            )
        elif ename not in intended:
            report.add(
                "cell_errors",
                name,
                f"{label}: shows {last[:100]!r}, the text before it names {sorted(intended)}",
            )
        if not evalue:
            report.add(
                "cell_errors", name, f"{label}: the exception {ename or last!r} has no message"
            )
        if want is not None and want.error and want.error[0] != ename:
            report.add(
                "cell_errors",
                name,
                f"{label}: the notebook raised {want.error[0]}, the page shows {ename or last!r}",
            )


def _browse(
    browser: Any, url: str, site: Path, name: str, report: Report, checks: set[str]
) -> None:
    context = browser.new_context(
        viewport=DESKTOP, locale="ko-KR", color_scheme="light", reduced_motion="reduce"
    )
    events = watch(context)
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        if "lang" in checks:
            lang = page.evaluate("document.documentElement.getAttribute('lang')")
            if lang != "ko":
                report.add("lang", name, f'document language is {lang!r}, expected "ko"')
        images = page.evaluate(_JS_WAIT_IMAGES)
        if "images" in checks:
            for img in images:
                if img["naturalWidth"] == 0:
                    report.add("images", name, f"<img src={img['src']!r}> did not load")
                if not (img["alt"] or "").strip():
                    report.add("images", name, f"<img src={img['src']!r}> has no alt text")
        if "math" in checks:
            text = page.evaluate(_JS_TEXT)
            for raw in text["raw"]:
                report.add("math", name, f"raw TeX in the text: “{raw}”")
            for where in text["controls"]:
                report.add("math", name, f"control character {where}")
            for empty in text["emptyContainers"]:
                report.add("math", name, f"math not converted to MathML: “{empty}”")
            for display in text["notLaidOut"]:
                report.add("math", name, f"<math> not laid out as MathML ({display})")
            if text["count"] == 0 and source_has_math(site, name):
                report.add("math", name, "the source has math but the page has no <math>")
        if "axe" in checks:
            _run_axe(page, name, report, None, "light")
        figures_light: dict[str, float] = {}
        if checks & {"dark_mode", "axe"}:
            for probe in page.evaluate(_JS_FIGURES) if "dark_mode" in checks else []:
                shot = page.locator(f'[data-legibility-probe="{probe}"]').screenshot(
                    animations="disabled"
                )
                figures_light[str(probe)] = legible_share(shot)
            problem = _switch_to_dark(page)
            if problem:
                if "dark_mode" in checks:
                    report.add("dark_mode", name, problem)
            elif "dark_mode" in checks:
                colors = page.evaluate(_JS_COLORS)
                bg, fg = luminance(colors["background"]), luminance(colors["text"])
                if bg > 0.2:
                    report.add(
                        "dark_mode",
                        name,
                        f"dark mode keeps a light page background rgb{tuple(colors['background'])}",
                    )
                if contrast(bg, fg) < 4.5:
                    report.add(
                        "dark_mode",
                        name,
                        f"dark mode text contrast {contrast(bg, fg):.1f}:1 < 4.5:1",
                    )
                page.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")
                for probe, share in figures_light.items():
                    figure = page.locator(f'[data-legibility-probe="{probe}"]')
                    dark = legible_share(figure.screenshot(animations="disabled"))
                    if share >= 0.002 and dark < DARK_LEGIBLE_SHARE * share:
                        src = figure.evaluate("el => el.getAttribute('src') || el.tagName")
                        report.add(
                            "dark_mode",
                            name,
                            f"figure {src!r} loses its marks in dark "
                            f"mode: {dark:.1%} of pixels legible (>= {MARK_CONTRAST}:1) vs "
                            f"{share:.1%} in light mode",
                        )
            if not problem and "axe" in checks:
                _run_axe(page, name, report, ["color-contrast"], "dark")
        if checks & {"cells", "cell_errors"}:
            page.evaluate(_JS_REVEAL)
            _check_cells(site, name, page.evaluate(_JS_CELLS), report, checks)
        page.close()
    finally:
        context.close()
    if "overflow" in checks:
        phone = browser.new_context(
            viewport={"width": PHONE_WIDTH, "height": 740},
            is_mobile=True,
            has_touch=True,
            locale="ko-KR",
            reduced_motion="reduce",
        )
        phone_events = watch(phone)
        try:
            page = phone.new_page()
            page.goto(url, wait_until="load")
            for state in ("as loaded", "with hidden parts opened"):
                if state != "as loaded":
                    page.evaluate(_JS_REVEAL)
                result = page.evaluate(_JS_OVERFLOW, PHONE_WIDTH)
                culprits = "; ".join(result["offenders"])
                if result["width"] > PHONE_WIDTH + 1:
                    report.add(
                        "overflow",
                        name,
                        f"{state}: page is {result['width']} px wide at {PHONE_WIDTH} px: "
                        f"{culprits or 'no single element found'}",
                    )
                elif culprits:
                    report.add(
                        "overflow",
                        name,
                        f"{state}: content cut off at {PHONE_WIDTH} px (wider than the screen, "
                        f"nothing to scroll): {culprits}",
                    )
            page.close()
        finally:
            phone.close()
        events.console_errors += phone_events.console_errors
        events.page_errors += phone_events.page_errors
        events.failed_requests += phone_events.failed_requests
        events.external_requests += phone_events.external_requests
    if "load" in checks:
        for problem in dict.fromkeys(events.problems()):
            report.add("load", name, problem)


# -- Nu Html Checker -----------------------------------------------------------------------------------
def _known_vnu(report: Report, message: str, file: str) -> bool:
    return _tolerate(
        report,
        (why for m, f, why in KNOWN_VNU_ERRORS if re.search(m, message) and re.search(f, file)),
    )


@contextmanager
def _vnu(site: Path, pages: list[str]) -> Iterator[Callable[[Report], None]]:
    """One vnu.jar run over the pages and every stylesheet under _static (HTML and CSS errors).

    It runs while the browser visits the pages (output to temporary files, so a full pipe never
    stalls it); the yielded function waits for it and adds its errors to a report.
    """
    require("java", "vnu-jar")
    sheets = (
        sorted(p.relative_to(site).as_posix() for p in (site / "_static").rglob("*.css"))
        if (site / "_static").is_dir()
        else []
    )
    files = [str(site / p) for p in [*pages, *sheets]]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            ["java", "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--stdout",
             "--exit-zero-always", "--also-check-css", *files],
            stdout=out, stderr=err,
        )  # fmt: skip

        def finish(report: Report) -> None:
            process.wait(timeout=600)
            out.seek(0)
            err.seek(0)
            _vnu_findings(out.read().decode(), err.read().decode(), site, report)

        try:
            yield finish
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()


def _vnu_findings(stdout: str, stderr: str, site: Path, report: Report) -> None:
    try:
        messages = json.loads(stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        report.add("html_valid", "(vnu)", f"vnu.jar failed: {stdout[-500:]} {stderr[-1500:]}")
        return
    root = site.resolve()
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        url = message.get("url", "")
        file = url
        if url.startswith("file:"):  # vnu writes file:/tmp/…, not file:///tmp/…
            path = Path(unquote(urlsplit(url).path))
            file = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        text = message.get("message", "")
        if _known_vnu(report, text, file):
            continue
        extract = normalize(message.get("extract", ""))[:80]
        line = message.get("lastLine", "?")
        report.add("html_valid", file or "(vnu)", f"line {line}: {text} [{extract}]")


# -- The whole site ------------------------------------------------------------------------------------
def check_site(
    site: Path,
    browser: Any | None = None,
    *,
    pages: Collection[str] | None = None,
    checks: Collection[str] = CHECKS,
) -> Report:
    """Run `checks` on `pages` (default: every page) of the built site in `site`."""
    unknown = set(checks) - set(CHECKS)
    assert not unknown, f"unknown checks {unknown}"
    chosen = set(checks)
    all_pages = site_pages(site)
    pages = list(pages) if pages is not None else all_pages
    report = Report(pages=pages)
    with ExitStack() as stack:
        finish_vnu = stack.enter_context(_vnu(site, pages)) if "html_valid" in chosen else None
        if "links" in chosen:
            check_links(site, pages, report)
        if "lang" in chosen:
            check_lang_static(site, pages, report)
        if chosen & BROWSER_CHECKS:
            assert browser is not None, "these checks need a browser: " + ", ".join(
                sorted(chosen & BROWSER_CHECKS)
            )
            with serve(site, mount_path(site)) as base:
                for name in pages:
                    _browse(browser, urljoin(base, name), site, name, report, chosen)
        if finish_vnu is not None:
            finish_vnu(report)
    return report
