"""Print the one-page book (``sphinx-build -b singlehtml``) to a PDF with Chromium (``nox -s pdf``).

    python tools/print_pdf.py _build/singlehtml/index.html _build/pdf/actfn-book.pdf

Playwright drives Debian's ``/usr/bin/chromium`` (``executable_path``; never ``playwright install``).
Before printing, the page is prepared as a reader of paper needs it: every lazy image loaded, the
print font loaded (it fails loudly if Chromium could not load it), every ``<details>`` and toggled
solution opened, and a table of contents (chapters and sections, as links) inserted after the cover.
Chromium then prints the pages as docs/_static/book-print.css lays them out (A4, page numbers and
running heads in the page margins), with a PDF outline (bookmarks) from the headings, a tagged PDF
(document language from ``<html lang>``) and the document title from ``<title>``. Last, pikepdf
(qpdf) packs the PDF's objects into compressed object streams: Chromium writes each of the tagged
PDF's tens of thousands of structure elements as a plain-text object, half of the file's bytes.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip

#: The family book-print.css prints Hangul in (book_pdf.py writes its files).
PRINT_FONT = "Book Print"
MARGIN = {"top": "18mm", "bottom": "18mm", "left": "18mm", "right": "18mm"}

PREPARE_JS = """
async font => {
  // Images the theme loads lazily would print as empty boxes.
  const images = [...document.images];
  const loaded = img => img.complete ? null : new Promise(done => {
    img.addEventListener("load", done);
    img.addEventListener("error", done);
  });
  for (const img of images) {
    img.loading = "eager";
    img.src = img.src;  // start loading now
  }
  await Promise.all(images.map(loaded));
  const broken = images.filter(img => !img.naturalWidth).map(img => img.src);
  if (broken.length) throw new Error("images that did not load: " + broken.join(", "));
  for (const weight of ["normal", "bold"]) {
    const faces = await document.fonts.load(`${weight} 10pt "${font}"`, "가");
    if (!faces.length) throw new Error(`the print font "${font}" (${weight}) did not load`);
  }
  // Hidden outputs, hidden cells and exercise solutions are printed open.
  for (const d of document.querySelectorAll("details")) d.open = true;
  for (const e of document.querySelectorAll(".toggle-hidden")) e.classList.remove("toggle-hidden");
  // A table of contents after the cover: every chapter and appendix, and its sections, as links.
  const heading = s => s.querySelector(":scope > :is(h1, h2, h3, h4, h5, h6)");
  const entry = s => {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = "#" + s.id;
    link.textContent = heading(s).textContent.replace(/#$/, "").trim();
    item.append(link);
    return item;
  };
  const nav = document.createElement("nav");
  nav.className = "print-toc";
  nav.innerHTML = "<h1 class='print-toc__title'>차례</h1>";
  const list = nav.appendChild(document.createElement("ol"));
  for (const chapter of document.querySelectorAll(".actfn-part > span[id^='document-'] + section")) {
    const item = list.appendChild(entry(chapter));
    const sections = chapter.querySelectorAll(":scope > section");
    if (sections.length) {
      const sub = item.appendChild(document.createElement("ol"));
      for (const s of sections) if (heading(s)) sub.append(entry(s));
    }
  }
  document.querySelector(".actfn-cover").after(nav);
  return document.title;
}
"""


def print_pdf(
    html: Path, pdf: Path, *, style: str = "", outline: bool = True, browser: Any = None
) -> dict[str, float]:
    """Print ``html`` (a file) to ``pdf``; return the timings in seconds.

    ``style``: CSS added after the page's own (the tests plant defects with it); ``outline``: PDF
    bookmarks;
    ``browser``: a Playwright browser to print with (the tests' session browser); without it, Debian
    chromium is launched for this one print.
    """
    if not html.is_file():
        raise FileNotFoundError(f"html: no such file {html} (build it with -b singlehtml)")
    pdf.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    if browser is not None:
        return _print(browser, html, pdf, style=style, outline=outline, start=start)
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.is_file():
        raise FileNotFoundError(f"{CHROMIUM} is missing: apt-get install -y chromium")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            return _print(launched, html, pdf, style=style, outline=outline, start=start)
        finally:
            launched.close()


def _print(
    browser: Any, html: Path, pdf: Path, *, style: str, outline: bool, start: float
) -> dict[str, float]:
    """Load ``html`` in a fresh context of ``browser``, prepare it for print and write ``pdf``."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(html.resolve().as_uri(), wait_until="load")
        page.emulate_media(media="print")
        if style:
            page.add_style_tag(content=style)
        page.evaluate(PREPARE_JS, PRINT_FONT)
        loaded = time.perf_counter()
        page.pdf(
            path=str(pdf),
            format="A4",
            margin=MARGIN,
            prefer_css_page_size=True,
            print_background=True,
            outline=outline,
            tagged=True,
        )
    finally:
        context.close()
    compact(pdf)
    return {"load": loaded - start, "print": time.perf_counter() - loaded}


def compact(pdf: Path) -> None:
    """Rewrite ``pdf`` in place with its objects in compressed object streams (same content)."""
    import pikepdf

    with pikepdf.open(pdf, allow_overwriting_input=True) as document:
        document.save(pdf, object_stream_mode=pikepdf.ObjectStreamMode.generate)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("html", type=Path, help="the singlehtml build's index.html")
    parser.add_argument("pdf", type=Path, help="where to write the PDF")
    args = parser.parse_args(argv)
    times = print_pdf(args.html, args.pdf)
    size = args.pdf.stat().st_size / 1e6
    print(
        f"{args.pdf}: {size:.1f} MB (page ready in {times['load']:.1f} s, "
        f"printed in {times['print']:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
