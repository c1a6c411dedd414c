"""The PDF edition (nox -s pdf): a fixture book and the real book, printed by tools/print_pdf.py,
read back with pdfplumber (pdfminer.six). Each check is shown failing on a planted defect.

Checks: text extractable (chapter titles, printed cell values), fonts embedded (a Type 3 font counts
only if its text extracts) and Hangul in an embedded TrueType font (not Type 3), outline lists every
chapter at its top level, page numbers and running heads printed (none on the cover), the
provenance line on the cover, display equations centred, no text outside the page box, no line past
the right margin.
"""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pdfplumber
import print_pdf
import pytest
import torch
from bookbuild import ROOT, make_project_copy, sphinx_build
from browser import require
from pdfminer.pdftypes import resolve1

MM = 72 / 25.4
RIGHT_MARGIN = float(print_pdf.MARGIN["right"].removesuffix("mm")) * MM
TOP_MARGIN = float(print_pdf.MARGIN["top"].removesuffix("mm")) * MM
TOLERANCE = 2.0  # pt (0.7 mm): rounding of glyph advances, not a line cut at the edge
HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")


# -- checks: each returns a list of problems -------------------------------------------------------


def _text(pdf: pdfplumber.PDF) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in pdf.pages))


def missing_text(pdf: pdfplumber.PDF, expected: list[str]) -> list[str]:
    text = _text(pdf)
    return [s for s in expected if re.sub(r"\s+", " ", s) not in text]


def font_problems(pdf: pdfplumber.PDF) -> list[str]:
    """Fonts not embedded; glyphs whose text does not extract (Type 3 fonts without a map)."""
    problems = set()
    for page in pdf.pages:
        fonts = resolve1(resolve1(page.page_obj.resources).get("Font")) or {}
        for ref in fonts.values():
            font = resolve1(ref)
            kind = font["Subtype"].name
            if kind == "Type3":
                continue  # drawn by the PDF itself: judged by its extracted text below
            if kind == "Type0":
                font = resolve1(resolve1(font["DescendantFonts"])[0])
            descriptor = resolve1(font.get("FontDescriptor")) or {}
            if not any(key in descriptor for key in ("FontFile", "FontFile2", "FontFile3")):
                problems.add(f"not embedded: {kind} {font['BaseFont'].name}")
        for char in page.chars:
            if char["text"].startswith("(cid:") or "\ufffd" in char["text"]:
                problems.add(
                    f"text does not extract: {char['fontname']} on page {page.page_number}"
                )
    return sorted(problems)


def _squeeze(text: str) -> str:
    """Without any white space: Chromium joins a heading that wraps without a space."""
    return re.sub(r"\s+", "", text)


def missing_from_outline(pdf: pdfplumber.PDF, titles: list[str], *, level: int = 0) -> list[str]:
    """Titles no outline entry contains (at ``level`` only, if given: 1 is the top level)."""
    try:
        entries = [(lvl, title) for lvl, title, *_ in pdf.doc.get_outlines()]
    except Exception:  # pdfminer raises PDFNoOutlines
        entries = []
    outline = [_squeeze(title) for lvl, title in entries if level in (0, lvl)]
    return [t for t in titles if not any(_squeeze(t) in entry for entry in outline)]


def _margin_text(page: Any, top: bool) -> str:
    box = (
        (0, 0, page.width, TOP_MARGIN)
        if top
        else (0, page.height - TOP_MARGIN, page.width, page.height)
    )
    return re.sub(r"\s+", " ", page.crop(box).extract_text() or "").strip()


def pages_without_number(pdf: pdfplumber.PDF) -> list[int]:
    """Pages without "n / N" under them; the cover must have none (listed if it has one)."""
    total = len(pdf.pages)
    wrong = []
    for page in pdf.pages:
        numbered = f"{page.page_number} / {total}" in _margin_text(page, top=False)
        if numbered != (page.page_number > 1):
            wrong.append(page.page_number)
    return wrong


def running_head_problems(pdf: pdfplumber.PDF, heads: list[str]) -> list[str]:
    """Each of ``heads`` (in reading order) must be the text in the top margin of a run of pages
    whose first page shows that chapter's title (the head without "N장 ") in its body; nothing
    above the cover; no page after the first chapter without a head."""
    problems = []
    found = [_margin_text(page, top=True) for page in pdf.pages]
    if found and found[0]:
        problems.append(f"page 1 (the cover) has a head: {found[0]!r}")
    runs: list[tuple[str, int]] = []  # (head, first page)
    for number, head in enumerate(found[1:], 2):
        if head and (not runs or runs[-1][0] != head):
            runs.append((head, number))
        elif not head and runs:
            problems.append(f"page {number}: no running head after {runs[-1][0]!r}")
    seen = [head for head, _ in runs]
    for head in heads:
        if head not in seen:
            problems.append(f"no page has the head {head!r}")
        elif seen.count(head) > 1:
            problems.append(f"the head {head!r} comes back after another chapter's")
    for head, first in runs:
        title = _squeeze(re.sub(r"^\d+장 ", "", head))
        body = pdf.pages[first - 1].crop(
            (0, TOP_MARGIN, pdf.pages[0].width, pdf.pages[0].height - TOP_MARGIN)
        )
        if title not in _squeeze(body.extract_text() or ""):
            problems.append(f"page {first}: head {head!r} but not that chapter's first page")
    order = [head for head in seen if head in heads]
    if order != [head for head in heads if head in seen]:
        problems.append(f"heads out of order: {order}")
    return problems


def hangul_type3(pdf: pdfplumber.PDF) -> list[str]:
    """Fonts that draw Hangul as Type 3 (pictures of glyphs: larger, and blurred by some viewers)."""
    found = set()
    for page in pdf.pages:
        fonts = resolve1(resolve1(page.page_obj.resources).get("Font")) or {}
        kinds = {}
        for ref in fonts.values():
            font = resolve1(ref)
            name = font.get("BaseFont") or font.get("Name")
            kinds[getattr(name, "name", str(name))] = font["Subtype"].name
        type3 = {name for name, kind in kinds.items() if kind == "Type3"}
        for char in page.chars:
            if HANGUL.match(char["text"]) and (
                char["fontname"] in type3 or char["fontname"] not in kinds
            ):
                found.add(f"page {page.page_number}: {char['text']!r} in {char['fontname']}")
    return sorted(found)


EQNO = re.compile(r"^\(\d+(?:\.\d+)*\)$")


def equation_offsets(pdf: pdfplumber.PDF) -> list[float]:
    """For every one-row display equation (a number "(2.1)" at the right margin, nothing else on
    its row but the formula, no glyph within the number's height above or below): how far the
    formula's centre is from the text column's centre, in pt."""
    offsets = []
    for page in pdf.pages:
        left, right = RIGHT_MARGIN, page.width - RIGHT_MARGIN  # margins are equal
        words = page.extract_words(keep_blank_chars=False)
        for word in words:
            if not EQNO.match(word["text"]) or word["x1"] < right - 3 * TOLERANCE:
                continue
            band = [
                c
                for c in page.chars
                if c["bottom"] > word["top"] - 2 and c["top"] < word["bottom"] + 2
                and c["x1"] < word["x0"] - 1 and c["text"].strip()
            ]  # fmt: skip
            if not band or min(c["x0"] for c in band) < left + 10:
                continue  # a line of prose that ends with a reference "(2.1)"
            top, bottom = min(c["top"] for c in band), max(c["bottom"] for c in band)
            gap = word["bottom"] - word["top"]  # a line of text, at the page's scale
            near = [
                c for c in page.chars
                if (top - gap < c["bottom"] <= top or bottom <= c["top"] < bottom + gap)
                and c["text"].strip()
            ]  # fmt: skip
            if near:
                continue  # a fraction, a sum with limits, cases: not one row
            centre = (min(c["x0"] for c in band) + max(c["x1"] for c in band)) / 2
            offsets.append(round(centre - (left + right) / 2, 1))
    return offsets


def text_outside_page(pdf: pdfplumber.PDF) -> list[str]:
    found = []
    for page in pdf.pages:
        for c in page.chars:
            if c["x0"] < -TOLERANCE or c["x1"] > page.width + TOLERANCE or c["top"] < -TOLERANCE:
                found.append(f"page {page.page_number}: {c['text']!r} at x={c['x0']:.0f}")
            elif c["bottom"] > page.height + TOLERANCE:
                found.append(f"page {page.page_number}: {c['text']!r} at y={c['top']:.0f}")
    return found


def lines_past_margin(pdf: pdfplumber.PDF) -> list[str]:
    """Lines with a character right of the right margin (code that was not wrapped, mostly)."""
    found = []
    for page in pdf.pages:
        edge = page.width - RIGHT_MARGIN + TOLERANCE
        for line in page.extract_text_lines():
            if line["x1"] > edge:
                found.append(
                    f"page {page.page_number}: {line['text'][:60]!r} ends at {line['x1']:.0f}"
                )
    return found


class _Code(HTMLParser):
    """Text of every <pre> a reader of the PDF should see (not the hidden input of hide-input cells)."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._hidden: list[bool] = []
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "details":
            self._hidden.append("above-input" in (dict(attrs).get("class") or ""))
        elif tag == "pre":
            self._pre += 1
            if self._pre == 1:
                self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "details" and self._hidden:
            self._hidden.pop()
        elif tag == "pre":
            self._pre -= 1
            if self._pre == 0 and any(self._hidden):
                self.blocks.pop()

    def handle_data(self, data: str) -> None:
        if self._pre:
            self.blocks[-1] += data


def cut_code(pdf: pdfplumber.PDF, html: Path) -> list[str]:
    """Code and output blocks not printed whole. Chromium draws only the glyphs inside the page's
    content box: a line that runs past the right margin loses its end instead of overflowing."""
    parser = _Code()
    parser.feed(html.read_text(encoding="utf-8"))
    text = re.sub(r"\s", "", _text(pdf))
    return [b[:60] for b in parser.blocks if re.sub(r"\s", "", b) not in text]


# -- fixture book ----------------------------------------------------------------------------------

VALUES = torch.tensor([-1.5, 0.0, 2.25])
LONG_CODE = "long_sum = " + " + ".join(f"{i}.5" for i in range(1, 61))  # 300+ characters
FIXTURE = f"""
글자와 수식 $\\sigma(x) = 1 / (1 + e^{{-x}})$을 확인합니다. 가운데 놓일 식:

$$
y = w x + b
$$ (eq-line)

```{{code-cell}} ipython3
print(torch.relu(torch.tensor({VALUES.tolist()})))
```

```{{code-cell}} ipython3
{LONG_CODE}
```

## 둘째 절

```{{code-cell}} ipython3
print(torch.sigmoid(torch.tensor({VALUES.tolist()})))
```
"""
#: The planted defects: an unwrapped line, a paragraph pushed off the page.
PLANTED = f"""
```{{raw}} html
<pre style="white-space: pre !important">PLANTED_LONG_LINE {"x" * 200}</pre>
<p style="margin-left: -60mm !important">PLANTED_OUTSIDE 바깥</p>
```
"""


#: Planted defects, as CSS added before printing: what each check must catch.
PLANTED_STYLES = {
    "no-numbers": "@page { @bottom-center { content: none; } }",
    "no-heads": ".actfn-part { page: auto !important; }",
    "head-on-cover": '@page :first { @top-center { content: "X"; } }',
    "no-provenance": ".actfn-cover .actfn-provenance { display: none !important; }",
    "right-equations": "div.math { display: flex !important; padding: 0 !important; } "
    "div.math > span.eqno { position: static !important; transform: none !important; }",
    "type3-hangul": 'body, h1, h2, h3, p { font-family: "Noto Sans CJK KR" !important; }',
}


@pytest.fixture(scope="module")
def fixture_pdfs(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> dict[str, Path]:
    """The fixture book printed as tools/print_pdf.py prints it, and again with each planted defect
    (no outline, the cover title a heading, PLANTED_STYLES). Its second chapter plants an unwrapped
    line and text off the page."""
    require("chromium", "playwright")
    root = tmp_path_factory.mktemp("pdfbook")
    book = make_project_copy(root)
    book.chapter("first", FIXTURE)
    book.chapter("second", PLANTED, setup=False)
    result = book.build("singlehtml", builder="singlehtml")
    assert result.returncode == 0, result.stdout + result.stderr
    html = root / "_build" / "singlehtml" / "index.html"
    out = {"html": html, "good": root / "good.pdf", "no-outline": root / "no-outline.pdf"}
    print_pdf.print_pdf(html, out["good"], browser=browser)
    print_pdf.print_pdf(html, out["no-outline"], outline=False, browser=browser)
    for name, style in PLANTED_STYLES.items():
        out[name] = root / f"{name}.pdf"
        print_pdf.print_pdf(html, out[name], style=style, browser=browser)
    # The cover title as a heading (as singlehtml writes it): it nests every chapter under it.
    page = html.read_text(encoding="utf-8")
    title = re.search(r'<p class="actfn-cover-title">(.*?)</p>', page)
    assert title, "no cover title in the one-page book"
    nested = html.with_name("nested.html")
    page = page.replace("<h1>", "<h2>").replace("</h1>", "</h2>")  # the chapters one level down
    nested.write_text(page.replace(title[0], f"<h1>{title[1]}</h1>"), encoding="utf-8")
    out["nested"] = root / "nested.pdf"
    print_pdf.print_pdf(nested, out["nested"], browser=browser)
    return out


def test_fixture_text_extracts(fixture_pdfs: dict[str, Path]) -> None:
    expected = ["first", "second", "둘째 절", "글자와 수식", "print(torch.relu("]
    expected.append(repr(torch.relu(VALUES)))  # the printed output, computed here by torch
    expected.append(repr(torch.sigmoid(VALUES)))
    with pdfplumber.open(fixture_pdfs["good"]) as pdf:
        assert missing_text(pdf, expected) == []
        assert missing_text(pdf, ["tensor([9., 9., 9.])"]) == ["tensor([9., 9., 9.])"]


def test_fixture_fonts_embedded(fixture_pdfs: dict[str, Path], tmp_path: Path) -> None:
    with pdfplumber.open(fixture_pdfs["good"]) as pdf:
        assert font_problems(pdf) == []
    with pdfplumber.open(_pdf_with_courier(tmp_path / "helvetica.pdf")) as pdf:
        assert font_problems(pdf) == ["not embedded: Type1 Courier"]


def test_fixture_outline(fixture_pdfs: dict[str, Path]) -> None:
    titles = ["first", "둘째 절", "second"]
    with pdfplumber.open(fixture_pdfs["good"]) as pdf:
        assert missing_from_outline(pdf, titles) == []
        assert missing_from_outline(pdf, ["first", "second"], level=1) == []  # chapters on top
        assert missing_from_outline(pdf, ["둘째 절"], level=2) == []  # sections under them
    with pdfplumber.open(fixture_pdfs["no-outline"]) as pdf:
        assert missing_from_outline(pdf, titles) == titles
    with pdfplumber.open(fixture_pdfs["nested"]) as pdf:  # the cover's title a heading
        assert missing_from_outline(pdf, ["first", "second"], level=1) == ["first", "second"]


def test_fixture_running_heads(fixture_pdfs: dict[str, Path]) -> None:
    heads = ["first", "second"]  # the chapters' titles (the fixture's toctree is not numbered)
    with pdfplumber.open(fixture_pdfs["good"]) as pdf:
        assert running_head_problems(pdf, heads) == []
    with pdfplumber.open(fixture_pdfs["no-heads"]) as pdf:
        problems = running_head_problems(pdf, heads)
        assert [p for p in problems if p.startswith("no page has")] == [
            "no page has the head 'first'",
            "no page has the head 'second'",
        ]
    with pdfplumber.open(fixture_pdfs["head-on-cover"]) as pdf:
        assert running_head_problems(pdf, heads) == ["page 1 (the cover) has a head: 'X'"]


def test_fixture_provenance_on_cover(fixture_pdfs: dict[str, Path]) -> None:
    # The fixture is no git checkout: the line has the version and no date.
    line = f"torch {torch.__version__}"
    with pdfplumber.open(fixture_pdfs["good"]) as pdf:
        assert line in pdf.pages[0].extract_text()
    with pdfplumber.open(fixture_pdfs["no-provenance"]) as pdf:
        assert line not in pdf.pages[0].extract_text()


def test_fixture_equation_centred(fixture_pdfs: dict[str, Path]) -> None:
    with pdfplumber.open(fixture_pdfs["good"]) as pdf:
        offsets = equation_offsets(pdf)
        assert len(offsets) == 1, offsets  # y = wx + b (1)
        assert abs(offsets[0]) <= 3 * TOLERANCE
    with pdfplumber.open(fixture_pdfs["right-equations"]) as pdf:
        offsets = equation_offsets(pdf)
        assert len(offsets) == 1
        assert offsets[0] > 100  # against the number at the right


def test_fixture_hangul_not_type3(fixture_pdfs: dict[str, Path]) -> None:
    with pdfplumber.open(fixture_pdfs["good"]) as pdf:
        assert hangul_type3(pdf) == []
    with pdfplumber.open(fixture_pdfs["type3-hangul"]) as pdf:  # the system's CFF Noto CJK
        assert hangul_type3(pdf) != []
        assert font_problems(pdf) == []  # Type 3, but its text still extracts


def test_fixture_page_numbers(fixture_pdfs: dict[str, Path]) -> None:
    with pdfplumber.open(fixture_pdfs["good"]) as pdf:
        assert len(pdf.pages) >= 3  # cover and contents, then one page per chapter at least
        assert pages_without_number(pdf) == []
    with pdfplumber.open(fixture_pdfs["no-numbers"]) as pdf:
        assert pages_without_number(pdf) == list(range(2, len(pdf.pages) + 1))


def test_fixture_code_wrapped_and_planted_line_caught(fixture_pdfs: dict[str, Path]) -> None:
    """The long code line is wrapped and printed whole; the planted unwrapped one is cut."""
    with pdfplumber.open(fixture_pdfs["good"]) as pdf:
        assert lines_past_margin(pdf) == []  # Chromium clips at the margin: nothing passes it
        cut = cut_code(pdf, fixture_pdfs["html"])
        assert len(cut) == 1, cut
        assert cut[0].startswith("PLANTED_LONG_LINE")
        assert "+60.5" in re.sub(r"\s", "", _text(pdf))  # the long code line, wrapped
    with pdfplumber.open(
        _pdf_with_text(fixture_pdfs["good"].parent / "wide.pdf", 300, "x" * 80)
    ) as pdf:
        assert len(lines_past_margin(pdf)) == 1


def test_fixture_text_outside_page(fixture_pdfs: dict[str, Path]) -> None:
    with pdfplumber.open(fixture_pdfs["good"]) as pdf:
        assert text_outside_page(pdf) == []
        # Chromium does not draw the planted paragraph pushed off the page at all: its text is
        # missing, which the text check catches.
        assert missing_text(pdf, ["PLANTED_OUTSIDE"]) == ["PLANTED_OUTSIDE"]
    with pdfplumber.open(
        _pdf_with_text(fixture_pdfs["good"].parent / "off.pdf", -40, "off")
    ) as pdf:
        assert len(text_outside_page(pdf)) == 3  # one per character of 'off'


def _pdf_with_courier(path: Path) -> Path:
    return _pdf_with_text(path, 72, "not embedded")


def _pdf_with_text(path: Path, x: float, text: str) -> Path:
    """A one-page A4 PDF with one line of Courier 10 pt at (x, 720), the font not embedded
    (written by hand: the planted defects Chromium cannot produce)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        None,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>",
    ]
    stream = b"BT /F1 10 Tf %d 720 Td (%s) Tj ET" % (x, text.encode())
    objects[3] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
    data, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    data += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(data))
    return path


def test_missing_print_font_fails_clearly(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without the wheel's NanumGothic the one-page build stops, naming the font (instead of a PDF
    silently printed in another font)."""
    import book_pdf
    from sphinx.errors import ExtensionError

    def missing() -> list[Path]:
        raise RuntimeError("'koreanize-matplotlib' 패키지가 필요합니다")

    monkeypatch.setattr(book_pdf, "hangul_font_files", missing)
    with pytest.raises(ExtensionError, match="Hangul font is missing: 'koreanize-matplotlib'"):
        book_pdf._font_sources()
    regular = tmp_path / "NanumGothic.ttf"
    monkeypatch.setattr(book_pdf, "hangul_font_files", lambda: [regular])
    with pytest.raises(ExtensionError, match=r"\['NanumGothicBold.ttf'\]"):
        book_pdf._font_sources()


# -- the real book ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def book_pdf(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> tuple[Path, Path]:
    """The real book as `nox -s pdf` prints it (the one-page build shares the execution cache)."""
    require("chromium", "playwright")
    out = ROOT / "_build" / "singlehtml"
    result = sphinx_build(ROOT, ROOT / "docs", out, builder="singlehtml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Executing" not in result.stdout, "the PDF build re-executed a chapter"
    pdf = tmp_path_factory.mktemp("bookpdf") / "actfn-book.pdf"
    print_pdf.print_pdf(out / "index.html", pdf, browser=browser)
    return pdf, out / "index.html"


def _title(name: str) -> str:
    source = (ROOT / "docs" / f"{name}.md").read_text()
    return re.search(r"^# (.+)$", source, re.M)[1].strip().replace("`", "")


def _chapter_titles() -> list[str]:
    chapters = sorted(p.stem for p in (ROOT / "docs").glob("0*.md"))
    return [_title(name) for name in [*chapters, "glossary"]]


def _running_heads() -> list[str]:
    """What the top margin must say: "N장 title" for the numbered chapters (the files 01-…05-, in
    order), the title for the glossary and the references."""
    chapters = sorted(p.stem for p in (ROOT / "docs").glob("0*.md"))
    heads = [f"{int(name[:2])}장 {_title(name)}" for name in chapters]
    return [*heads, _title("glossary"), _title("references")]


def _commit_date() -> str:
    """The last commit's date (UTC): the provenance line's date."""
    seconds = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return datetime.fromtimestamp(int(seconds), UTC).strftime("%Y-%m-%d")


def test_book_pdf(book_pdf: tuple[Path, Path]) -> None:
    path, html = book_pdf
    titles = _chapter_titles()
    assert len(titles) == 7  # six chapters and the glossary
    # Printed values of the lesson, computed here by torch.
    x = torch.tensor([1000.0, 1001.0, 1002.0])
    stable = torch.softmax(x, dim=0)
    printed = [f"{v:.4f}" for v in stable.tolist()]
    with pdfplumber.open(path) as pdf:
        assert 60 <= len(pdf.pages) <= 400
        assert pdf.metadata["Title"] == "활성화 함수"
        assert resolve1(pdf.doc.catalog["Lang"]) == b"ko"
        assert missing_text(pdf, [*titles, "학습 목표", "참고 문헌", *printed]) == []
        assert font_problems(pdf) == []
        assert missing_from_outline(pdf, [*titles, "참고 문헌"], level=1) == []
        assert missing_from_outline(pdf, ["2.1. 렐루", "3.3. 소프트맥스"], level=2) == []
        assert pages_without_number(pdf) == []
        assert running_head_problems(pdf, _running_heads()) == []
        cover = pdf.pages[0].extract_text()
        assert f"torch {torch.__version__}" in cover
        assert _commit_date() in cover
        offsets = equation_offsets(pdf)
        assert len(offsets) >= 5, offsets
        assert max(map(abs, offsets)) <= 3 * TOLERANCE, offsets
        assert hangul_type3(pdf) == []
        assert text_outside_page(pdf) == []
        assert lines_past_margin(pdf) == []
        assert cut_code(pdf, html) == []
    assert path.stat().st_size < 15e6


# -- publishing ------------------------------------------------------------------------------------


def pages_builds_the_pdf(workflow_text: str) -> list[str]:
    """What keeps pages.yml from publishing the PDF: the job uploading the site must run
    `nox -s pdf` (the PDF, then the site that carries it) in a Debian container with chromium."""
    import yaml

    problems = []
    for name, job in yaml.safe_load(workflow_text)["jobs"].items():
        steps = job.get("steps", [])
        if not any("upload-pages-artifact" in step.get("uses", "") for step in steps):
            continue
        runs = "\n".join(step.get("run", "") for step in steps)
        if "nox -s pdf" not in runs:
            problems.append(f"{name}: does not run `nox -s pdf`")
        if "debian" not in str(job.get("container", "")) and "bookworm" not in str(
            job.get("container", "")
        ):
            problems.append(f"{name}: not in a Debian container (no Debian chromium)")
        if "apt-get install" not in runs or "chromium" not in runs:
            problems.append(f"{name}: does not install chromium")
    return problems


def test_pages_workflow_publishes_the_pdf() -> None:
    text = (ROOT / ".github" / "workflows" / "pages.yml").read_text()
    assert pages_builds_the_pdf(text) == []
    planted = text.replace("nox -s pdf", "nox -s docs").replace(
        "python:3.11-bookworm", "python:3.11"
    )
    assert len(pages_builds_the_pdf(planted)) == 2


def test_download_menu_links_the_pdf(tmp_path: Path) -> None:
    """A site built after the PDF carries it and links it from every page, instead of the theme's
    "print this page"; without the PDF the menu keeps the print entry."""
    book = make_project_copy(tmp_path / "book")
    (book.docs / "page.md").write_text("# 쪽\n\n본문.\n")
    result = book.build()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "actfn-book.pdf" not in book.html("page")
    pdf = tmp_path / "book" / "_build" / "pdf" / "actfn-book.pdf"
    pdf.parent.mkdir(parents=True)
    pdf.write_bytes(_pdf_with_courier(tmp_path / "x.pdf").read_bytes())
    result = book.build()  # incremental: the pages must still be rewritten
    assert result.returncode == 0, result.stdout + result.stderr
    for page in ("page", "index"):
        html = book.html(page)
        assert 'href="actfn-book.pdf"' in html, page
        assert "window.print()" not in html, page
    assert (
        tmp_path / "book" / "_build" / "html" / "actfn-book.pdf"
    ).read_bytes() == pdf.read_bytes()
