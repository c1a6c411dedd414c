"""The whole book on one page (``-b singlehtml``), styled for printing to the PDF edition.

* **Visitors.** Sphinx looks up a node's visitors under the builder's name (``singlehtml``) and falls
  back to its format (``html``) only when no extension registered anything under that name.
  sphinx-exercise registers ``singlehtml`` visitors, so myst-nb's nodes (hidden cells) lost theirs and
  the build stopped with "unknown node type". Every ``html`` visitor is therefore also registered for
  ``singlehtml`` unless an extension gave that builder its own.
* **Cover and outline.** The index page's title becomes the cover (a paragraph, not a heading) with
  the subtitle and the provenance line ("torch X로 실행해 얻은 출력 · date", the line every chapter
  page of the site shows, book_provenance.py), and the index's sections move up one level. Each
  chapter and appendix restarts the heading levels: its title is an ``h1``, its sections ``h2``.
  Chromium builds the PDF outline from the heading levels, so chapters are top-level bookmarks with
  their sections under them (instead of everything under the book's title).
* **Running heads.** Each chapter or appendix is a CSS named page whose ``@page`` rule puts its title
  ("2장 렐루와 시그모이드", "용어집") in the top margin; the title and number come from the toctree
  (the environment's titles and section numbers). The cover and front matter have none.
* **Print style.** ``_static/book-print.css`` (print media only, singlehtml only): A4 pages, page
  numbers, each chapter on a new page, code wrapped inside the margins, exercise solutions and hidden
  outputs shown (tools/print_pdf.py also opens every ``<details>`` before printing).
* **Fonts.** Hangul prints in NanumGothic, the font the figures use (from the koreanize-matplotlib
  wheel, :func:`actfn.fonts.hangul_font_files`), as a web font: Chromium embeds a TrueType font as
  a subset CID font, where the system's CFF-based Noto CJK became dozens of Type 3 fonts. The
  copies in ``_static/fonts/`` are repaired for print (:func:`write_print_font`).
* **Explorer.** The in-page widget cannot work on paper: a short note points to the web edition.

tools/print_pdf.py prints the page to ``_build/pdf/<name>.pdf`` with Chromium (``nox -s pdf``).
"""

from __future__ import annotations

import re
from pathlib import Path

from activation_explorer import explorer_node
from book_provenance import provenance
from docutils import nodes
from fontTools.ttLib import TTFont
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from actfn.fonts import hangul_font_files

BUILDER = "singlehtml"
#: The print fonts (regular, bold) from the koreanize-matplotlib wheel; book-print.css loads the
#: copies in FONT_DIR under the same names.
FONTS = ("NanumGothic.ttf", "NanumGothicBold.ttf")
FONT_DIR = Path("_static") / "fonts"


def _explorer_note(self, node: nodes.Element) -> None:
    kind = node["data"]["kind"]
    what = (
        "로짓과 온도를 바꿔 소프트맥스의 확률"
        if kind == "softmax"
        else "입력 x를 바꿔 함수의 값과 기울기"
    )
    url = f"{(self.config.html_baseurl or '').rstrip('/')}/explorer.html"
    self.body.append(
        '<p class="actfn-explorer-note">'
        f"웹판에는 이 자리에 {what}가 어떻게 바뀌는지 직접 살펴보는 탐색기가 있습니다: "
        f'<a class="reference external" href="{url}">{url}</a></p>\n'
    )
    raise nodes.SkipNode


# -- chapters: heading levels and running heads ----------------------------------------------------


def running_head(env, docname: str) -> str:
    """The running head: "2장 렐루와 시그모이드" for a numbered chapter, the title alone for an
    appendix."""
    title = env.titles[docname].astext()
    numbers = env.toc_secnumbers
    # While singlehtml writes, its numbers are merged under the root document as "docname/anchor".
    merged = numbers.get(env.config.root_doc, {}).get(f"{docname}/")
    number = merged or numbers.get(docname, {}).get("")
    return f"{'.'.join(map(str, number))}장 {title}" if number else title


def css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def page_name(docname: str) -> str:
    """A CSS identifier for the document's named page."""
    return "actfn-" + re.sub(r"[^A-Za-z0-9_-]", "-", docname)


def _visit_part(self, node: nodes.Element) -> None:
    """A document inlined by the toctree. A chapter or appendix (one level below the cover) is a
    named page with its running head, and its headings start again at h1."""
    parts = self.__dict__.setdefault("actfn_parts", [])
    chapter = len(self.docnames) == 1  # only the root document is open
    parts.append((chapter, self.section_level))
    if chapter:
        name = page_name(node["docname"])
        head = css_string(running_head(self.builder.env, node["docname"]))
        self.body.append(
            f'<style media="print">@page {name} {{ @top-center {{ content: {head}; }} }}</style>\n'
            f'<div class="actfn-part" style="page: {name}">'
        )
        self.section_level = 0
    type(self).visit_start_of_file(self, node)


def _depart_part(self, node: nodes.Element) -> None:
    type(self).depart_start_of_file(self, node)
    chapter, self.section_level = self.actfn_parts.pop()
    if chapter:
        self.body.append("</div>\n")


def _cover(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The assembled book: the root document's title section becomes the cover (title, subtitle,
    provenance) followed by its paragraphs and its sections, one level up."""
    if app.builder.name != BUILDER or docname != app.config.root_doc:
        return
    top = doctree.next_node(nodes.section)
    if top is None or not isinstance(top[0], nodes.title):
        raise ExtensionError(f"book_pdf: {docname} has no title for the cover")
    title, *rest = top.children
    cover = nodes.container(ids=top["ids"], classes=["actfn-cover"])
    cover += nodes.paragraph("", "", *title.children, classes=["actfn-cover-title"])
    if rest and isinstance(rest[0], nodes.paragraph):  # the one-line description
        cover += rest.pop(0)
    cover += nodes.paragraph(text=provenance(app).line, classes=["actfn-provenance"])
    top.replace_self([cover, *rest])


# -- fonts ------------------------------------------------------------------------------------------


def _font_sources() -> dict[str, Path]:
    try:
        found = {path.name: path for path in hangul_font_files()}
    except RuntimeError as error:
        raise ExtensionError(f"book_pdf: the PDF's Hangul font is missing: {error}") from None
    missing = sorted(set(FONTS) - set(found))
    if missing:
        raise ExtensionError(f"book_pdf: the PDF's Hangul font files are missing: {missing}")
    return {name: found[name] for name in FONTS}


def write_print_font(source: Path, target: Path) -> None:
    """``source`` as Chromium can print it: without its VTT tables (the sanitizer rejects the empty
    ``TSI3``) and without the control characters its cmap maps to the space glyph (Chromium's
    ToUnicode map then gave every space as U+0001: copied text had no spaces)."""
    font = TTFont(source)
    for tag in [tag for tag in font.keys() if tag.startswith("TSI")]:  # noqa: SIM118 (no dict)
        del font[tag]
    for table in font["cmap"].tables:
        for code in [code for code in table.cmap if code < 0x20]:
            del table.cmap[code]
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(target)


def _write_fonts(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.name == BUILDER:
        for name, source in app.actfn_print_fonts.items():  # type: ignore[attr-defined]
            write_print_font(source, Path(app.outdir) / FONT_DIR / name)


# -- wiring -----------------------------------------------------------------------------------------


def _builder_inited(app: Sphinx) -> None:
    if app.builder.name != BUILDER:
        return
    app.actfn_print_fonts = _font_sources()  # type: ignore[attr-defined]  # fails early, clearly
    handlers = app.registry.translation_handlers
    own = handlers.setdefault(BUILDER, {})
    for node, visitors in handlers.get("html", {}).items():
        own.setdefault(node, visitors)
    own[explorer_node.__name__] = (_explorer_note, None)
    own["start_of_file"] = (_visit_part, _depart_part)
    app.add_css_file("book-print.css", media="print", priority=900)  # after book.css


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("builder-inited", _builder_inited)
    app.connect("doctree-resolved", _cover)
    app.connect("build-finished", _write_fonts)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
