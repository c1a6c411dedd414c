"""One Korean term per concept (DESIGN.md's terminology table), and glossary links in every chapter.

The checker reads the *prose* of a MyST page: code cells, inline code, math, directive options and
cross-reference targets are skipped, because English identifiers (``nn.ReLU``, ``torch.tanh``) are
legitimate there. Figure captions and alt text inside code-cell metadata are prose and are checked.

A rule is only worth having if it catches something: ``test_checker_rejects_the_raw_seed`` shows the
checker failing on the original lesson, which uses several of the variants.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass

import pytest
from bookbuild import ROOT, SEED_LESSON
from markdown_it.renderer import RendererHTML
from myst_nb.core.read import read_myst_markdown_notebook
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

DOCS = ROOT / "docs"
SEED = SEED_LESSON
GLOSSARY = DOCS / "glossary.md"
CHAPTERS = sorted(DOCS.glob("[0-9][0-9]-*.md"))

# variant (regex) -> the form the book uses
KOREAN_VARIANTS: dict[str, str] = {
    r"활성화 기능": "활성화 함수",
    r"(?<![가-힣])활성 함수": "활성화 함수",
    r"활성화함수": "활성화 함수",
    r"리루": "렐루",
    r"리키렐루": "리키 렐루",
    r"탄젠트 하이퍼볼릭": "하이퍼볼릭 탄젠트",
    r"하이퍼볼릭탄젠트": "하이퍼볼릭 탄젠트",
    r"(?<![가-힣])탄 함수": "하이퍼볼릭 탄젠트",
    r"소프트 맥스": "소프트맥스",
    r"그[래라레]디언트": "기울기",
    r"변화도": "기울기",
    r"경사 소실": "기울기 소실",
    r"기울기소실": "기울기 소실",
    r"죽은 ReLU": "죽은 렐루 문제 / 죽은 뉴런",
    r"중심화": "0 중심",
    r"히든": "은닉층",
    r"레이어": "층 (은닉층, 출력층, 입력층)",
    r"(?:출력|은닉|입력) 층": "출력층 / 은닉층 / 입력층 (붙여 씀)",
    r"바이어스": "편향",
    r"크로스 ?엔트로피": "교차 엔트로피",
    r"씨앗": "시드",
    # 시험 means software tests in this book; ML evaluation uses 테스트.
    r"시험 ?(?:데이터|정확도|세트|집합|셋|손실|오차|샘플)": "테스트 데이터 / 테스트 정확도",
    r"찍(?:어|으|는|었|습|힌|혀)": "출력하다 (print), 고르다 (guess)",
}

# English names allowed in prose only inside parentheses after the Korean term: 렐루(ReLU).
ENGLISH_NAMES = [
    "Leaky ReLU",
    "ReLU",
    "Sigmoid",
    "sigmoid",
    "Tanh",
    "tanh",
    "Softmax",
    "softmax",
    "PyTorch",
]
ENGLISH_RE = re.compile(
    r"(?<![A-Za-z])(" + "|".join(re.escape(n) for n in ENGLISH_NAMES) + r")(?![A-Za-z])"
)

# Directives whose body is code or file names, not prose ("" is a plain ``` code fence).
CODE_DIRECTIVES = {
    "code-cell",
    "code-block",
    "code",
    "sourcecode",
    "eval-rst",
    "math",
    "raw",
    "toctree",
    "bibliography",
    "",
}
# The book's MyST syntax (conf.py's myst_enable_extensions), read by myst-parser's own parser.
MYST = create_md_parser(
    MdParserConfig(enable_extensions={"amsmath", "colon_fence", "deflist", "dollarmath"}),
    RendererHTML,
)
NOT_PROSE = {"math_block", "math_block_label", "amsmath", "myst_target", "front_matter"}
OPTION = re.compile(r"^\s*:[\w-]+:")  # a directive option line
ROLE = re.compile(r"\{([\w:.-]+)\}`([^`]*)`")
KEEP_ROLE_TEXT = {"term", "doc", "ref", "numref"}


@dataclass(frozen=True)
class Finding:
    line: int
    found: str
    use: str
    text: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.found!r} -> use {self.use!r}: {self.text.strip()[:90]}"


def prose_lines(markdown: str) -> list[tuple[int, str]]:
    """(line number, prose text) for every line of a MyST page that a reader sees as prose.

    myst-nb's reader splits the page into notebook cells (the book-rules test reads cells the same
    way): a code cell contributes its figure caption and alt text, a markdown cell its lines minus
    what myst-parser's tokens mark as code, math, targets or directive options (the bodies of
    directives such as exercises and admonitions are prose, read the same way).
    """
    notebook = read_myst_markdown_notebook(markdown, add_source_map=True)
    lines = markdown.splitlines()
    out: list[tuple[int, str]] = []
    for cell, start in zip(notebook.cells, notebook.metadata["source_map"], strict=True):
        if cell.cell_type == "markdown":
            while start < len(lines) and not lines[start].strip():
                start += 1  # the reader drops a cell's leading blank lines
            out += _markdown_prose(cell.source, start)
        elif cell.cell_type == "code":
            for text in _metadata_prose(cell.metadata):
                number = next(
                    (n for n in range(start, len(lines)) if text in lines[n]), start
                )  # the metadata line that holds it
                out.append((number + 1, text))
    return out


def _metadata_prose(metadata: object) -> list[str]:
    """Caption and alt text anywhere in a code cell's metadata (mystnb.figure, mystnb.image)."""
    if isinstance(metadata, dict):
        found = []
        for key, value in metadata.items():
            if key in ("caption", "alt") and isinstance(value, str):
                found.append(value)
            else:
                found += _metadata_prose(value)
        return found
    return []


def _markdown_prose(text: str, offset: int, *, directive: bool = False) -> list[tuple[int, str]]:
    """Prose lines of markdown text whose first line is line ``offset`` (0-based) of the page."""
    lines = text.splitlines()
    prose = dict(enumerate(lines))
    nested: list[tuple[int, str]] = []
    for token in MYST.parse(text + "\n"):
        if token.map is None:
            continue  # inline tokens
        first, last = token.map
        if token.type in NOT_PROSE or token.type in ("fence", "colon_fence"):
            for number in range(first, last):
                prose.pop(number, None)
        if token.type in ("fence", "colon_fence"):
            name = re.match(r"\{([\w:-]+)\}", token.info.strip())
            if (name.group(1) if name else "") not in CODE_DIRECTIVES:
                nested += _markdown_prose(token.content, offset + first + 1, directive=True)
    found = [
        (offset + number + 1, line)
        for number, line in prose.items()
        if not (directive and OPTION.match(line))
    ]
    return sorted(found + nested)


def strip_markup(line: str) -> str:
    """Drop inline code, math, link targets and reference-only roles; keep visible role text."""

    def role(match: re.Match) -> str:
        name, content = match.group(1), match.group(2)
        if name in KEEP_ROLE_TEXT and "<" in content:
            return content.split("<", 1)[0]
        if name == "term":
            return content
        return " "

    line = ROLE.sub(role, line)
    line = re.sub(r"`[^`]*`", " ", line)
    line = re.sub(r"\$[^$]+\$", " ", line)
    line = re.sub(r"\]\([^)]*\)", "]", line)
    return line


def _inside_parentheses(text: str, position: int) -> bool:
    before = text[:position]
    return before.count("(") > before.count(")")


def check_terminology(markdown: str, *, english_rule: bool = True) -> list[Finding]:
    findings = []
    for number, raw in prose_lines(markdown):
        text = strip_markup(raw)
        for pattern, use in KOREAN_VARIANTS.items():
            for match in re.finditer(pattern, text):
                findings.append(Finding(number, match.group(0), use, raw))
        if english_rule:
            for match in ENGLISH_RE.finditer(text):
                if not _inside_parentheses(text, match.start()):
                    findings.append(
                        Finding(number, match.group(0), "Korean term, English in parentheses", raw)
                    )
    return findings


def glossary_terms() -> set[str]:
    terms: set[str] = set()
    in_glossary = False
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if re.match(r"^`{3,}\{glossary\}", line):
            in_glossary = True
            continue
        if in_glossary and re.match(r"^`{3,}\s*$", line):
            break
        if in_glossary and line.strip() and not line[0].isspace() and not line.startswith(":"):
            terms.add(line.strip())
    return terms


def term_links(markdown: str) -> list[tuple[int, str]]:
    """(offset, target) of every {term} role."""
    links = []
    for match in re.finditer(r"\{term\}`([^`]*)`", markdown):
        content = match.group(1)
        target = content.split("<", 1)[1].rstrip(">").strip() if "<" in content else content
        links.append((match.start(), target.strip()))
    return links


# -- the checker, shown failing on the seed first -----------------------------------------------


def test_checker_rejects_the_raw_seed():
    findings = check_terminology(SEED.read_text(encoding="utf-8"))
    found = {f.found for f in findings}
    # Variants the original lesson really uses:
    assert {"탄젠트 하이퍼볼릭", "크로스 엔트로피", "레이어", "출력 층", "중심화"} <= found, found
    # ...and bare English names in running Korean text ("ReLU 함수는", "PyTorch에서", "Tanh는").
    assert {"ReLU", "PyTorch", "Tanh", "Softmax"} <= found, found


def test_checker_skips_code_math_and_reference_targets():
    page = "\n".join(
        [
            "---",
            "kernelspec: {name: python3}",
            "---",
            "(ch-x)=",
            "# 제목",
            "렐루(ReLU)는 `nn.ReLU()`로 씁니다. $\\tanh(x)$와 {doc}`api`, {py:func}`actfn.relu`.",
            "",
            "$$",
            "\\mathrm{ReLU}(x) = \\max(0, x)",
            "$$ (eq-relu)",
            "",
            "```{code-cell} ipython3",
            "---",
            "mystnb:",
            "  figure:",
            "    caption: 렐루 함수의 그래프",
            "---",
            "relu = nn.ReLU()  # PyTorch 레이어",
            "```",
        ]
    )
    assert check_terminology(page) == []
    assert [f.found for f in check_terminology(page.replace("렐루 함수의", "ReLU 함수의"))] == [
        "ReLU"
    ]
    assert [f.found for f in check_terminology("히든 레이어를 거친 뒤")] == ["히든", "레이어"]


# -- the book ----------------------------------------------------------------------------------


@pytest.mark.parametrize("page", sorted(DOCS.glob("*.md")), ids=lambda p: p.name)
def test_book_uses_one_term_per_concept(page):
    # The glossary lists English terms on their own lines by design.
    findings = check_terminology(page.read_text(encoding="utf-8"), english_rule=page != GLOSSARY)
    assert not findings, "\n".join(map(str, findings))


def test_glossary_has_every_term_of_the_design_table():
    terms = glossary_terms()
    required = {
        "활성화 함수",
        "렐루",
        "리키 렐루",
        "시그모이드",
        "하이퍼볼릭 탄젠트",
        "소프트맥스",
        "기울기",
        "기울기 소실",
        "죽은 렐루 문제",
        "죽은 뉴런",
        "도함수",
        "미분",
        "포화",
        "0 중심",
        "비선형성",
        "은닉층",
        "출력층",
        "입력층",
        "가중치",
        "편향",
        "로짓",
        "이진 분류",
        "다중 클래스 분류",
        "교차 엔트로피 손실",
        "학습률",
        "초기화",
        "온도",
        "파이토치",
    }
    assert required <= terms, sorted(required - terms)
    # Each entry pairs the Korean term with its English name on the next term line.
    assert {"ReLU", "gradient", "vanishing gradient", "softmax", "PyTorch"} <= terms


def test_every_term_link_has_a_glossary_entry():
    terms = glossary_terms()
    dangling = [
        f"{page.name}: {target}"
        for page in sorted(DOCS.glob("*.md"))
        for _, target in term_links(page.read_text(encoding="utf-8"))
        if target not in terms
    ]
    assert not dangling, dangling


KEY_TERMS = {
    "01-activation-functions.md": [
        "활성화 함수",
        "뉴런",
        "가중치",
        "편향",
        "가중합",
        "비선형성",
        "계단 함수",
        "은닉층",
        "출력층",
        "기울기",
        "도함수",
    ],
    "02-relu-sigmoid.md": [
        "렐루",
        "시그모이드",
        "활성화 함수",
        "도함수",
        "기울기",
        "기울기 소실",
        "죽은 렐루 문제",
        "죽은 뉴런",
        "포화",
        "0 중심",
        "이진 분류",
        "로짓",
        "파이토치",
    ],
    "03-leaky-relu-tanh-softmax.md": [
        "리키 렐루",
        "하이퍼볼릭 탄젠트",
        "소프트맥스",
        "로짓",
        "교차 엔트로피 손실",
        "다중 클래스 분류",
        "야코비 행렬",
        "온도",
        "기울기 소실",
        "0 중심",
        "하이퍼파라미터",
        "파이토치",
    ],
    "04-choosing-an-activation.md": [
        "활성화 함수",
        "시그모이드",
        "하이퍼볼릭 탄젠트",
        "렐루",
        "리키 렐루",
        "결정 경계",
        "기울기 소실",
        "죽은 렐루 문제",
        "죽은 뉴런",
        "다층 퍼셉트론",
        "전체 배치",
        "학습률",
        "역전파",
        "초기화",
        "He 초기화",
        "이득",
        "교차 엔트로피 손실",
        "온도",
    ],
    "05-modern-activations.md": [
        "활성화 함수",
        "렐루",
        "GELU",
        "SiLU",
        "누적 분포 함수",
        "트랜스포머",
        "도함수",
        "0 중심",
        "하이퍼파라미터",
        "파이토치",
    ],
    "06-learned-activations.md": [
        "활성화 함수",
        "하이퍼파라미터",
        "가중치",
        "게이트 선형 유닛",
        "초기화",
    ],
}


def _first_plain_use(prose: str, term: str, longer_terms: list[str]) -> int:
    """Offset of the first use of ``term`` that is not part of a longer glossary term."""
    masked = prose
    for longer in longer_terms:
        masked = masked.replace(longer, "\0" * len(longer))
    index = masked.find(term)
    return index if index >= 0 else len(prose)


@pytest.mark.parametrize("name", sorted(KEY_TERMS))
def test_chapter_links_key_terms_at_first_use(name):
    page = DOCS / name
    assert page.is_file(), f"chapter {name} is missing"
    # Prose without headings (a title may name a term before the text introduces it).
    prose = "\n".join(
        text
        for _, text in prose_lines(page.read_text(encoding="utf-8"))
        if not text.lstrip().startswith("#")
    )
    terms = glossary_terms()
    problems = []
    for term in KEY_TERMS[name]:
        links = [offset for offset, target in term_links(prose) if target == term]
        if not links:
            problems.append(f"{term}: no {{term}} link")
            continue
        first_link = links[0]
        longer = [t for t in terms if term in t and t != term]
        # Hide the role markup itself so that the link's own text is not counted as a plain use.
        unlinked = re.sub(r"\{term\}`[^`]*`", lambda m: "\0" * len(m.group(0)), prose)
        if _first_plain_use(unlinked, term, longer) < first_link:
            problems.append(f"{term}: used before its first {{term}} link")
        after = prose[first_link : first_link + len(term) + 12]
        before = prose[max(0, first_link - 1) : first_link]
        if not (re.match(r"\{term\}`[^`]*`\(", after) or (before == "(" and "`, " in after)):
            problems.append(f"{term}: first link not followed by the English name in parentheses")
    assert not problems, "\n".join(problems)


# -- code comments, docstrings and strings: readers see them too ---------------------------------


def python_texts(source: str, first_line: int = 1) -> list[tuple[int, str]]:
    """(line, text) of every comment and string literal in Python source that contains Hangul.

    IPython magics (``%matplotlib``, ``!pip``) are blanked first; they are not Python.
    """
    lines = ["" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()]
    readline = io.StringIO("\n".join(lines) + "\n").readline
    texts = []
    for token in tokenize.generate_tokens(readline):
        if token.type in (tokenize.COMMENT, tokenize.STRING) and HANGUL.search(token.string):
            texts.append((first_line + token.start[0] - 1, token.string))
    return texts


def code_cell_texts(markdown: str) -> list[tuple[int, str]]:
    """python_texts of every code cell of a MyST page, with line numbers in the page."""
    texts: list[tuple[int, str]] = []
    lines = markdown.splitlines()
    number = 0
    while number < len(lines):
        if not re.match(r"^`{3,}\{code-cell\}", lines[number]):
            number += 1
            continue
        start = number + 1
        end = next(i for i in range(start, len(lines)) if re.match(r"^`{3,}\s*$", lines[i]))
        body = lines[start:end]
        if body and body[0].strip() == "---":  # cell metadata (captions are checked as prose)
            close = body.index("---", 1)
            start, body = start + close + 1, body[close + 1 :]
        body = ["" if re.match(r"^:\w[\w-]*:", line) else line for line in body]
        texts += python_texts("\n".join(body), first_line=start + 1)
        number = end + 1
    return texts


def check_code_terminology(texts: list[tuple[int, str]]) -> list[Finding]:
    """KOREAN_VARIANTS in code texts, except a pronunciation gloss of an English name: hidden(히든)."""
    return [
        Finding(number, match.group(0), use, text)
        for number, text in texts
        for pattern, use in KOREAN_VARIANTS.items()
        for match in re.finditer(pattern, text)
        if not re.search(r"[A-Za-z_]\($", text[: match.start()])
    ]


HANGUL = re.compile("[가-힣]")
PACKAGE = sorted((ROOT / "src" / "actfn").rglob("*.py"))


def test_checker_rejects_the_new_terms_in_prose_and_code():
    prose = "씨앗 0으로 학습한 모델의 시험 정확도를 찍어 보면 다음과 같습니다."
    assert {f.found for f in check_terminology(prose)} == {"씨앗", "시험 정확도", "찍어"}
    page = "\n".join(
        [
            "```{code-cell} ipython3",
            "---",
            "mystnb: {figure: {caption: 그림}}",
            "---",
            "%matplotlib inline",
            "torch.manual_seed(0)  # 씨앗 고정",
            'print("시험 데이터:", x)',
            "```",
        ]
    )
    assert [(f.line, f.found) for f in check_code_terminology(code_cell_texts(page))] == [
        (6, "씨앗"),
        (7, "시험 데이터"),
    ]
    docstring = 'def f():\n    """레이어마다 씨앗을 바꾼다."""\n    return 1  # 히든\n'
    assert [f.found for f in check_code_terminology(python_texts(docstring))] == [
        "레이어",
        "씨앗",
        "히든",
    ]


@pytest.mark.parametrize("path", sorted(DOCS.glob("*.md")) + PACKAGE, ids=lambda p: p.name)
def test_code_comments_and_docstrings_use_one_term_per_concept(path):
    source = path.read_text(encoding="utf-8")
    texts = python_texts(source) if path.suffix == ".py" else code_cell_texts(source)
    findings = check_code_terminology(texts)
    assert not findings, "\n".join(map(str, findings))
