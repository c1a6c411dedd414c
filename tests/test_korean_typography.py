"""Korean as a publisher prints it, checked on the rendered HTML (docs/_ext/ko_typography.py).

- the particle after a numbered reference or a glued number follows how the number is read
  (그림 1.1은, 그림 1.2는, 식 (2.3)으로, 표 4.1로);
- no doubled label ("연습 문제 연습 4.3");
- no space between bold text and its particle ("**…)** 의"), no unclosed "**";
- no e-notation in running text (9.5 × 10⁻⁷, not 9.5e-07); outputs stay as printed.

The checkers here read HTML and know nothing of the extension: they spell each number out syllable by
syllable and look the last syllable's final consonant up in Unicode. A fixture book with planted
faults shows each checker failing (the extension switched off) and the build failing (switched on),
then the real book is checked.
"""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest
from bookbuild import FixtureBook

# -- Independent checkers on rendered HTML ------------------------------------------------------

SPOKEN_DIGIT = dict(zip("0123456789", "영일이삼사오육칠팔구", strict=True))
ROUND_UNIT = {1: "십", 2: "백", 3: "천", 4: "만"}
#: particle pairs the number decides: consonant form -> vowel form
PAIRS = {"은": "는", "이": "가", "을": "를", "과": "와", "으로": "로"}


def last_spoken_syllable(text: str, *, decimal: bool) -> str | None:
    """The last syllable a reader says for ``text`` ("그림 2.10" -> 십, "0.660" -> 영, "(1.3)" -> 삼)."""
    text = text.rstrip().rstrip(")")
    if not text:
        return None
    if "가" <= text[-1] <= "힣":
        return text[-1]
    if text[-1] == "%":
        return "트"  # 퍼센트
    if text[-1] in "⁰¹²³⁴⁵⁶⁷⁸⁹":
        return "승"  # 10⁻⁷: 10의 −7승
    number = re.search(r"[\d.]*\d$", text)
    if not number:
        return None
    digits = number.group(0)
    if decimal and "." in digits:
        return SPOKEN_DIGIT[digits[-1]]  # digits after the point are read one by one
    digits = digits.rsplit(".", 1)[-1]
    if int(digits) == 0:
        return "영"
    zeros = len(digits) - len(digits.rstrip("0"))
    return ROUND_UNIT[zeros] if zeros else SPOKEN_DIGIT[digits[-1]]


def right_particle(syllable: str, written: str) -> str:
    final = (ord(syllable) - ord("가")) % 28  # 0: no final consonant, 8: ㄹ
    consonant = next(c for c, v in PAIRS.items() if written in (c, v))
    if consonant == "으로":
        return "로" if final in (0, 8) else "으로"
    return PAIRS[consonant] if final == 0 else consonant


NUMBERED = re.compile(
    r'<a class="reference internal"[^>]*>((?:(?!</a>).)*?)</a>([가-힣]+)'
    r'|<span class="pasted-text">([^<]*)</span>([가-힣]+)',
    re.S,
)


def particle_problems(html: str) -> list[str]:
    """'그림 1.1는 -> 은' for every particle after a number (reference or glued value) that is wrong."""
    problems = []
    for match in NUMBERED.finditer(html):
        reference, glued = re.sub(r"<[^>]+>", "", match.group(1) or ""), match.group(3)
        text, word = (reference, match.group(2)) if glued is None else (glued, match.group(4))
        if not re.search(r"\d", text):
            continue  # a chapter title, not a number
        written = "으로" if word.startswith("으로") else "로" if word.startswith("로") else word
        if written not in PAIRS and written not in PAIRS.values():
            continue
        syllable = last_spoken_syllable(text, decimal=glued is not None)
        right = right_particle(syllable, written) if syllable else None
        if right != written:
            problems.append(f"{text}{word} -> {right}")
    return problems


class ProseText(HTMLParser):
    """The running text of a page: no code, outputs, math, scripts, or the theme's chrome."""

    SKIP_TAGS: ClassVar[set[str]] = {
        "pre",
        "code",
        "math",
        "script",
        "style",
        "kbd",
        "samp",
        "nav",
        "header",
        "footer",
    }
    SKIP_CLASSES: ClassVar[set[str]] = {
        "cell_output",
        "highlight",
        "sig",
        "bd-sidebar-primary",
        "bd-header-article",
    }
    INLINE: ClassVar[set[str]] = {
        "a",
        "span",
        "strong",
        "em",
        "b",
        "i",
        "sub",
        "sup",
        "abbr",
        "cite",
        "small",
    }
    VOID: ClassVar[set[str]] = {
        "br",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "wbr",
        "col",
        "area",
        "base",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        self.stack.append(tag in self.SKIP_TAGS or bool(classes & self.SKIP_CLASSES))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()
            if tag not in self.INLINE:
                self.parts.append(" ")  # keep words of adjacent blocks apart

    def handle_data(self, data: str) -> None:
        if not any(self.stack):
            self.parts.append(data)

    @classmethod
    def of(cls, html: str) -> str:
        parser = cls()
        parser.feed(html)
        return "".join(parser.parts)


E_NOTATION = re.compile(r"(?<![A-Za-z0-9_.])[-+−]?\d+(?:\.\d+)?[eE][-+]?\d+(?![A-Za-z0-9_])")
DOUBLED_LABEL = re.compile(r"(연습 문제|연습|그림|표|코드) (연습|그림|표|코드) \(?\d")
DETACHED = re.compile(
    r"</(?:strong|em)>\s+(의|은|는|을|를|와|과|으로|로|에서|에|도|만)(?=[\s.,)<])"
)


def prose_problems(html: str) -> list[str]:
    prose = ProseText.of(html)
    problems = [f"e-notation in prose: {m.group(0)}" for m in E_NOTATION.finditer(prose)]
    problems += [f"doubled label: {m.group(0)}" for m in DOUBLED_LABEL.finditer(prose)]
    problems += [f"bold + spaced particle: {m.group(0)}" for m in DETACHED.finditer(html)]
    problems += [
        f"unclosed bold: {prose[max(0, i - 15) : i + 5]!r}" for i in _find_all(prose, "**")
    ]
    return problems


def _find_all(text: str, needle: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(needle), text)]


# -- A fixture book: planted wrong particles, and planted faults ---------------------------------

INDEX = "# 시험용 책\n\n```{toctree}\n:numbered:\n\nparticles\nfaults\n```\n"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>'

# Eleven tables, so that references end in every digit and in 10 (십).
TABLES = "\n".join(
    f"```{{table}} 표 {n}\n:name: tbl-{n}\n\n| a |\n|---|\n| {n} |\n```\n" for n in range(1, 12)
)
EQUATIONS = "\n".join(f"$$\nx_{{{n}}} = {n}\n$$ (eq-{n})\n" for n in range(1, 4))

# Every particle below is the wrong form for its number, except where marked "right as written".
PARTICLES = f"""
```{{code-cell}} ipython3
from myst_nb import glue
glue("v663", 0.663, display=False)
glue("v662", 0.662, display=False)
glue("v660", 0.660, display=False)
glue("pct", 0.47, display=False)
glue("n3", 3, display=False)
glue("tiny", 9.5e-07, display=False)
glue("one", 1e-13, display=False)
glue("huge", 6.3e22, display=False)
```

(sec-one)=
## 첫 절

```{{figure}} dot.svg
:name: fig-dot

점 하나
```

{TABLES}
{EQUATIONS}

```{{exercise}}
:label: ex-one

연습입니다.
```

- 표 1: {{numref}}`tbl-1`를 본다.
- 표 2: {{numref}}`tbl-2`을 본다.
- 표 3: {{numref}}`tbl-3`는 셋이다.
- 표 4: {{numref}}`tbl-4`은 넷이다.
- 표 5: {{numref}}`tbl-5`이 있다.
- 표 6: {{numref}}`tbl-6`가 있다.
- 표 7: {{numref}}`tbl-7`으로 간다.
- 표 8: {{numref}}`tbl-8`와 같다.
- 표 9: {{numref}}`tbl-9`과 같다.
- 표 10: {{numref}}`tbl-10`로 간다.
- 표 11: {{numref}}`tbl-11`고, 표 2: {{numref}}`tbl-2`이고 (right as written).
- 그림: {{numref}}`fig-dot`는 점이다.
- 식 1: {{eq}}`eq-1`으로 쓴다. 식 3: {{eq}}`eq-3`로부터 얻는다. 식 2: {{eq}}`eq-2`이나 식 1.
- 연습: {{numref}}`ex-one`를 푼다.
- 절: {{numref}}`sec-one`을 읽는다. 절로: {{numref}}`sec-one`으로 간다.
- 값: {{glue:text}}`v663:.3f`가 되고, {{glue:text}}`v662:.3f`이 되고, {{glue:text}}`v660:.3f`를 쓰고,
  {{glue:text}}`pct:.0%`을 쓰고, {{glue:text}}`n3`가지 (right as written).
- 작은 값: {{glue:text}}`tiny:.1e`입니다. {{glue:text}}`one:.0e`배, {{glue:text}}`huge:.1e`개.
"""

EXPECTED_PARTICLES = [
    "표 1.1을 본다",
    "표 1.2를 본다",
    "표 1.3은 셋",
    "표 1.4는 넷",
    "표 1.5가 있다",
    "표 1.6이 있다",
    "표 1.7로 간다",
    "표 1.8과 같다",
    "표 1.9와 같다",
    "표 1.10으로 간다",
    "표 1.11이고, 표 2: 표 1.2이고",
    "그림 1.1은 점",
    "(1.1)로 쓴다",
    "(1.3)으로부터 얻는다",
    "(1.2)나 식 1",
    "연습 1.1을 푼다",
    "1.1절을 읽는다",
    "1.1절로 간다",
    "0.663이 되고",
    "0.662가 되고",
    "0.660을 쓰고",
    "47%를 쓰고",
    "3가지",
    "9.5 × 10⁻⁷입니다",
    "10⁻¹³배",
    "6.3 × 10²²개",
]

#: Each fault on its own line -> the warning type and a text the warning must quote.
FAULTS = {
    # Hangul after a numbered reference that is not a particle
    "{numref}`tbl-x`가지런히 놓인 값": ("ko.particle", "'가지런히'"),
    "연습 문제 {numref}`ex-x`를 풉니다.": ("ko.label", "연습 문제 연습 2.1"),
    "표 {numref}`tbl-x`에 있습니다.": ("ko.label", "표 표 2.1"),
    "값은 9.5e-07입니다.": ("ko.enotation", "'9.5e-07'. Write 9.5\u00a0×\u00a010⁻⁷"),
    "- **렐루(ReLU, Rectified Linear Unit)** 의 정의": ("ko.bold", "Unit) 의'"),
    "- **시그모이드(sigmoid)**의 정의": (
        "ko.bold",
        "'**시그모이드(sigmoid)**의",
    ),  # "**" left unclosed
}
FAULTS_PAGE = (
    "```{table} 표\n:name: tbl-x\n\n| a |\n|---|\n| 1 |\n```\n\n"
    "```{exercise}\n:label: ex-x\n\n연습입니다.\n```\n\n" + "\n\n".join(FAULTS) + "\n"
)


def _log(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout + result.stderr


def _write_book(book: FixtureBook) -> None:
    (book.docs / "index.md").write_text(INDEX)
    (book.docs / "dot.svg").write_text(SVG)
    book.chapter("particles", PARTICLES)
    book.chapter("faults", FAULTS_PAGE, setup=False)


def _without_extension(book: FixtureBook) -> None:
    conf = book.root / "conf.py"
    text = conf.read_text()
    assert '    "ko_typography",' in text, "conf.py no longer registers ko_typography"
    conf.write_text(text.replace('    "ko_typography",', ""))


@pytest.mark.build
def test_checkers_catch_the_planted_faults_without_the_extension(fixture_book: FixtureBook) -> None:
    """The HTML checkers fail on the planted pages when nothing corrects them."""
    _write_book(fixture_book)
    _without_extension(fixture_book)
    result = fixture_book.build()
    assert result.returncode == 0, _log(result)  # nothing else objects to the faults
    particles = particle_problems(fixture_book.html("particles"))
    assert {
        "표 1.1를 -> 을",
        "표 1.7으로 -> 로",
        "표 1.10로 -> 으로",
        "그림 1.1는 -> 은",
        "(1.3)로부터 -> 으로",
        "연습 1.1를 -> 을",
        "0.663가 -> 이",
        "47%을 -> 를",
    } <= set(particles), particles
    assert not any("3가지" in p or "1.2이고" in p for p in particles), particles
    prose = prose_problems(fixture_book.html("faults"))
    assert any(p.startswith("doubled label: 연습 문제 연습 2") for p in prose), prose
    assert any(p.startswith("doubled label: 표 표 2") for p in prose), prose
    assert "e-notation in prose: 9.5e-07" in prose, prose
    assert any(p.startswith("bold + spaced particle") and "의" in p for p in prose), prose
    assert any(p.startswith("unclosed bold") for p in prose), prose
    glued = prose_problems(fixture_book.html("particles"))
    assert {"e-notation in prose: 9.5e-07", "e-notation in prose: 1e-13"} <= set(glued), glued


@pytest.mark.build
def test_build_picks_particles_and_fails_on_the_faults(fixture_book: FixtureBook) -> None:
    _write_book(fixture_book)
    result = fixture_book.build()
    log = _log(result)
    assert result.returncode != 0, "the planted faults did not fail the build"
    warnings = [line for line in log.splitlines() if ": WARNING:" in line]
    shown = "\n".join(warnings)
    assert not [w for w in warnings if "particles.md" in w], shown  # right or corrected
    # Warnings name the page and the line of the paragraph (approximately: MyST-NB shifts it by the
    # front matter), so each is matched by its type and the text it quotes.
    for fault, (kind, quoted) in FAULTS.items():
        assert any("faults.md:" in w and f"[{kind}]" in w and quoted in w for w in warnings), (
            f"{fault}\n{shown}"
        )
    assert len(warnings) == len(FAULTS), shown

    html = fixture_book.html("particles")
    prose = re.sub(r"\s+", " ", ProseText.of(html))
    missing = [text for text in EXPECTED_PARTICLES if text not in prose]
    assert not missing, (missing, prose[-1500:])
    assert "9.5\u00a0×\u00a010⁻⁷" in html  # never broken across lines
    assert particle_problems(html) == []
    assert prose_problems(html) == []


# -- The book ------------------------------------------------------------------------------------


def test_checkers_read_numbers_as_a_reader_does() -> None:
    cases = {
        ("그림 1.1", False): "일",
        ("(2.3)", False): "삼",
        ("표 4.10", False): "십",
        ("표 4.20", False): "십",
        ("2.3절", False): "절",
        ("0.660", True): "영",
        ("0.662", True): "이",
        ("47%", True): "트",
        ("200", True): "백",
        ("9.5 × 10⁻⁷", True): "승",
        ("GELU", False): None,
    }
    assert {key: last_spoken_syllable(key[0], decimal=key[1]) for key in cases} == cases
    assert [right_particle(s, "는") for s in "일이삼"] == ["은", "는", "은"]
    assert [right_particle(s, "로") for s in "일이삼영"] == ["로", "로", "으로", "으로"]


def test_book_prints_numbered_references_and_prose_as_a_publisher(book_html: Path) -> None:
    problems = {}
    for page in sorted(book_html.glob("*.html")):
        html = page.read_text(encoding="utf-8")
        found = particle_problems(html) + prose_problems(html)
        if found:
            problems[page.name] = found
    assert not problems, problems


def test_book_has_numbered_references_followed_by_particles(book_html: Path) -> None:
    """The check above is not vacuous: the book has dozens of numbers followed by particles."""
    checked = 0
    for page in book_html.glob("*.html"):
        for match in NUMBERED.finditer(page.read_text(encoding="utf-8")):
            text = re.sub(r"<[^>]+>", "", match.group(1) or match.group(3))
            checked += bool(re.search(r"\d", text))
    assert checked >= 40, checked
