"""Reading on a 360 px phone: figure text is at least 9 CSS px, and no table needs sideways scrolling.

Figures are SVG files that the page scales to the column. matplotlib writes each glyph as a path in a
group ``scale(s -s)`` (s × 100 = the font size in the SVG's own units, points); text kept as
``<text>`` carries its size in ``font-size``/``font``. The size a reader sees is that size times the
image's rendered content width over the SVG's viewBox width. Tables: each table must fit the column
(its own width and its scroll container's), and on a phone every body cell but a row's first shows
the name of its column when the rows are laid out as cards (the names are read from the table's
header row in the page, not from the data-label the build wrote).

Each check runs on the built book and on a small fixture book built with the real conf.py; in a copy
of the fixture site a defect is planted (a figure drawn at the old desktop geometry, the card CSS
removed, the column names removed) and the check must name it.
"""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bookbuild import make_project_copy
from browser import serve

pytestmark = [pytest.mark.build, pytest.mark.browser]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
MIN_PHONE_PX = 9.0
#: On a desktop the figures keep text at least this size (before this change: 13.3 px tick labels).
MIN_DESKTOP_PX = 12.0

_GLYPH_SCALE = re.compile(r"scale\(\s*([0-9.]+)[ ,]+-\s*([0-9.]+)\s*\)")
_FONT_SIZE = re.compile(r"font(?:-size)?\s*:\s*(?:[a-z]+\s+)*([0-9.]+)px")
_VIEWBOX = re.compile(r'viewBox="\s*[-0-9.]+[ ,]+[-0-9.]+[ ,]+([0-9.]+)[ ,]+([0-9.]+)\s*"')


def svg_text_sizes(svg: str) -> tuple[float, list[float]]:
    """(viewBox width, every text size in viewBox units) of an SVG."""
    box = _VIEWBOX.search(svg)
    assert box, "an SVG figure without a viewBox cannot scale with the page"
    sizes = [float(a) * 100 for a, b in _GLYPH_SCALE.findall(svg) if a == b]
    sizes += [float(s) for s in _FONT_SIZE.findall(svg)]
    return float(box.group(1)), sizes


_JS_FIGURES = """
async () => {
  document.querySelectorAll(".bd-article details").forEach(d => { d.open = true; });
  const imgs = [...document.querySelectorAll(".bd-article img")]
    .filter(img => /\\.svg$/i.test(new URL(img.src, location.href).pathname));
  imgs.forEach(img => { img.loading = "eager"; });
  await Promise.all(imgs.map(img => img.complete && img.naturalWidth ? img.decode().catch(() => 0)
    : new Promise(done => { img.addEventListener("load", done, {once: true});
                            img.addEventListener("error", done, {once: true}); })));
  return imgs.map(img => {
    const s = getComputedStyle(img);
    const px = name => parseFloat(s[name]) || 0;
    const width = img.getBoundingClientRect().width - px("paddingLeft") - px("paddingRight")
      - px("borderLeftWidth") - px("borderRightWidth");
    return {src: new URL(img.src, location.href).pathname, width, shown: img.checkVisibility()};
  });
}
"""

_JS_TABLES = """
() => [...document.querySelectorAll(".bd-article table")].map((table, i) => {
  const column = table.closest(".bd-article");
  const limit = column.getBoundingClientRect().right;
  const scroller = table.parentElement;
  const headers = [...table.querySelectorAll(":scope > thead > tr:first-child > th")]
    .flatMap(th => Array(th.colSpan || 1).fill(th.textContent.replace(/\\s+/g, " ").trim()));
  // Rows laid out as cards (not as table rows) must name each value's column.
  const firstRow = table.querySelector(":scope > tbody > tr");
  const cards = firstRow && getComputedStyle(firstRow).display !== "table-row";
  const unlabelled = [];
  if (cards) {
    for (const row of table.querySelectorAll(":scope > tbody > tr")) {
      let col = 0;
      [...row.children].forEach((cell, k) => {
        const before = getComputedStyle(cell, "::before").content;
        const shown = before && before !== "none" && before !== "normal"
          ? before.replace(/^"|"$/g, "") : "";
        if (k > 0 && !(headers[col] && shown.includes(headers[col])))
          unlabelled.push(`column ${col + 1} (“${headers[col] || ""}”) shows “${shown}”`);
        col += cell.colSpan || 1;
      });
    }
  }
  const caption = (table.querySelector("caption") || {}).textContent || `table ${i + 1}`;
  return {
    caption: caption.replace(/\\s+/g, " ").trim().slice(0, 60),
    width: table.getBoundingClientRect().width,
    right: table.getBoundingClientRect().right,
    limit,
    scrollWidth: scroller.scrollWidth,
    clientWidth: scroller.clientWidth,
    cards: Boolean(cards),
    unlabelled: cards && !headers.length ? ["cards without a header row to name the columns"]
      : unlabelled.slice(0, 3),
  };
})
"""


def _pages(site: Path) -> list[str]:
    return sorted(p.name for p in site.glob("*.html") if p.name not in ("genindex.html",))


def _open(browser, url: str, viewport: dict, scheme: str):
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    page.goto(url, wait_until="load")
    return context, page


def figure_problems(
    browser, site: Path, url: str, pages: list[str], viewport: dict, minimum: float, scheme: str
) -> tuple[list[str], float]:
    """Figures whose smallest text renders under `minimum` CSS px; also the smallest size seen."""
    problems, smallest = [], float("inf")
    for name in pages:
        context, page = _open(browser, f"{url}{name}", viewport, scheme)
        for figure in page.evaluate(_JS_FIGURES):
            if not figure["shown"]:
                continue
            svg = (site / unquote(urlsplit(figure["src"]).path).lstrip("/")).read_text()
            view_width, sizes = svg_text_sizes(svg)
            if not sizes:
                continue
            rendered = min(sizes) * figure["width"] / view_width
            smallest = min(smallest, rendered)
            if rendered < minimum:
                problems.append(
                    f"{name} {scheme} {figure['src'].rsplit('/', 1)[-1]}: smallest text "
                    f"{rendered:.1f} CSS px (< {minimum}) at {figure['width']:.0f} px wide"
                )
        context.close()
    return problems, smallest


def table_problems(
    browser, url: str, pages: list[str], scheme: str = "light"
) -> tuple[list[str], int]:
    """Tables that are wider than the column or scroll sideways at 360 px, or unlabelled cards;
    and how many tables were laid out as cards."""
    problems, cards = [], 0
    for name in pages:
        context, page = _open(browser, f"{url}{name}", PHONE, scheme)
        for t in page.evaluate(_JS_TABLES):
            if t["right"] > t["limit"] + 1 or t["scrollWidth"] > t["clientWidth"] + 1:
                problems.append(
                    f"{name}: “{t['caption']}” is {t['width']:.0f} px wide (scrolls "
                    f"{t['scrollWidth']} px in {t['clientWidth']} px)"
                )
            for cell in t["unlabelled"]:
                problems.append(f"{name}: “{t['caption']}” {cell}")
            cards += t["cards"]
        context.close()
    return problems, cards


# -- The book ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def book(book_html: Path) -> Iterator[tuple[Path, str]]:
    with serve(book_html) as url:
        yield book_html, url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_book_figure_text_is_readable_on_a_phone(browser, book, scheme: str) -> None:
    site, url = book
    problems, smallest = figure_problems(
        browser, site, url, _pages(site), PHONE, MIN_PHONE_PX, scheme
    )
    assert smallest < float("inf"), "no SVG figure with text was found: the check sees nothing"
    assert not problems, "\n".join(problems)


def test_book_figure_text_stays_comfortable_on_a_desktop(browser, book) -> None:
    site, url = book
    problems, _ = figure_problems(
        browser, site, url, _pages(site), DESKTOP, MIN_DESKTOP_PX, "light"
    )
    assert not problems, "\n".join(problems)


def test_book_tables_fit_a_phone(browser, book) -> None:
    site, url = book
    pages = [p for p in _pages(site) if "<table" in (site / p).read_text()]
    assert pages, "no page with a table: the check sees nothing"
    problems, cards = table_problems(browser, url, pages)
    assert not problems, "\n".join(problems)
    marked = sum(
        len(re.findall(r'<table class="[^"]*\bbook-cards\b', (site / p).read_text())) for p in pages
    )
    assert cards == marked > 0, f"{cards} of the {marked} tables with a header row are cards"


# -- A fixture book with planted defects ---------------------------------------------------------
CHAPTER = r"""
```{code-cell} ipython3
---
mystnb:
  figure:
    caption: 시그모이드와 도함수
    name: fig-phone-sigmoid
---
from actfn.plotting import plot_with_derivative
plot_with_derivative(actfn.sigmoid, actfn.sigmoid_derivative, label="시그모이드")
```

```{table} 넓은 표
:name: tbl-phone-wide

| 함수 | 식 | 출력 범위 | 특징 | 주요 활용 |
| --- | --- | --- | --- | --- |
| 하이퍼볼릭 탄젠트(tanh) | $2\sigma(2x) - 1$ | $(-1, 1)$ | 매끄러움, 0 중심, 양쪽 끝에서 포화 | 순환 신경망의 은닉 상태 |
| 소프트플러스 | $\log(1 + e^{x})$ | $(0, \infty)$ | 매끄러움, 도함수가 시그모이드 | `nn.Softplus(beta=1.0, threshold=20.0)` |
```
"""
PAGE = "phone.html"


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    book = make_project_copy(tmp_path_factory.mktemp("phone") / "book")
    book.chapter("phone", CHAPTER)
    result = book.build()
    assert result.returncode == 0, f"{result.stdout[-3000:]}\n{result.stderr[-6000:]}"
    return book.root / "_build" / "html"


@pytest.fixture
def copy_of(fixture_site: Path, tmp_path: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(fixture_site, site)
    return site


def _check_fixture(browser, site: Path) -> tuple[list[str], list[str], int]:
    with serve(site) as url:
        figures = []
        for scheme in ("light", "dark"):
            found, smallest = figure_problems(
                browser, site, url, [PAGE], PHONE, MIN_PHONE_PX, scheme
            )
            assert smallest < float("inf"), "the fixture's figure was not measured"
            figures += found
        tables, cards = table_problems(browser, url, [PAGE])
        return figures, tables, cards


def test_fixture_passes_clean(browser, fixture_site: Path) -> None:
    assert _check_fixture(browser, fixture_site) == ([], [], 1)


def test_planted_desktop_sized_figure_is_caught(browser, copy_of: Path) -> None:
    """The figure redrawn as before this change: 6.4 in wide, 10 pt tick labels."""
    from matplotlib.figure import Figure

    (svg,) = (copy_of / "_images").glob("*.svg")
    fig = Figure(figsize=(6.4, 4.0), layout="constrained")
    ax = fig.add_subplot()
    ax.plot([-6, 6], [0, 1])
    ax.tick_params(labelsize=10)
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")
    svg.write_text(buffer.getvalue())
    figures, tables, _ = _check_fixture(browser, copy_of)
    assert tables == []
    assert len(figures) == 2, figures  # light and dark
    assert all("smallest text" in f and "(< 9.0)" in f for f in figures), figures


def test_planted_table_without_card_layout_is_caught(browser, copy_of: Path) -> None:
    css = copy_of / "_static" / "book.css"
    text = css.read_text()
    start = text.index("@media (max-width: 40rem)")
    css.write_text(text[:start])  # the card rules are the stylesheet's last block
    figures, tables, _ = _check_fixture(browser, copy_of)
    assert figures == []
    assert any("넓은 표" in t and "px wide" in t for t in tables), tables


def test_planted_cards_without_column_names_are_caught(browser, copy_of: Path) -> None:
    page = copy_of / PAGE
    page.write_text(re.sub(r' data-label="[^"]*"', "", page.read_text()))
    figures, tables, _ = _check_fixture(browser, copy_of)
    assert figures == []
    assert any("“출력 범위”" in t for t in tables), tables
