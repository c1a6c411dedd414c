"""The built site as files: its pages, its published path, parsed HTML, and the sources and executed
notebooks that say what each page should show."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit


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
