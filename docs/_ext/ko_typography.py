"""Korean as a publisher prints it: particles after numbers, labels, e-notation, bold text.

Numbers in this book change without anyone touching the sentence around them: figures, tables,
equations and exercises are renumbered when a section moves, and glued values change when a cell is
re-executed. Korean particles follow how the number is read, so the build picks them.

**Particles after numbers.** Authors write whichever form of the particle comes naturally, directly
after the reference, and the build writes the right one for the number it renders::

    {numref}`fig-relu`는 …       → 그림 2.1은 …   (일: consonant)     그림 2.2는 … (이: vowel)
    식 {eq}`eq-sigmoid`를 …      → 식 (2.3)을 …   (삼)                 식 (2.2)를 …
    {numref}`tbl-x`으로 …        → 표 4.1로 …     (일: ㄹ takes 로)    표 4.3으로 …
    {glue:text}`acc:.3f`이 …     → 0.662가 …      (이)                 0.661이 …

A number is read by its last spoken unit: 1 일, 3 삼, 6 육, 7 칠, 8 팔, 0 영 end in a consonant
(일, 칠, 팔 in ㄹ), 2 이, 4 사, 5 오, 9 구 in a vowel; a numbering component that ends in zero is
read whole (2.10 → 십, 4.100 → 백), a decimal digit by digit (0.660 → 영), "%" as 퍼센트, a power
of ten (10⁻⁷) as …승; a Hangul syllable by its own final consonant ("2.3절" → 절). Closing
brackets are not read: "(1.3)" ends in 삼.

The pairs the build chooses between, consonant form first: 은/는, 이/가, 을/를, 과/와, 으로/로 (ㄹ takes
로), 이나/나, 이라/라, 이란/란, 이랑/랑, 이야/야, 이든/든, 이에요/예요. Copula endings keep 이 after a
consonant and may drop it after a vowel (표 4.2이고 and 표 4.2고 are both standard, 표 4.1고 is not):
이다, 이고, 이며, 이면, 이었, 이어, 이지만, 이므로, 이니까. Particles that do not change (의, 에, 에서,
도, 만, 까지, 부터, 보다, 처럼, 입니다, 인 …) are left as written.

After a numbered reference ({numref} to a figure, table, exercise or section, and {eq}) the rule is
strict: Hangul directly after it must start with one of these particles, or the build warns (and
``-W`` fails): a word the rule cannot vouch for is a word whose form nobody checked. After a glued
value ({glue:text}) or a {ref}/{doc} title the rule is lenient: a number is often followed by a
counter (3가지, 0.5배), so only a recognised particle is corrected and anything else is left alone.

**Doubled labels.** The reference's text already names what it refers to ("연습 4.3", "그림 2.1"):
"연습 문제 {numref}`ex-x`" prints "연습 문제 연습 4.3", so the build warns when the label also stands
in the two words before the reference (or the word after it).

**E-notation.** A glued value that Python formats as 9.5e-07 is written 9.5 × 10⁻⁷ (1e-13 as 10⁻¹³;
no-break spaces around ×), so ``{glue:text}`x:.1e``` is the way to glue a very small or large
number. Any other e-notation in running text (outside code, math and cell outputs) is a build
warning: outputs stay as printed.

**Bold text and its particle.** CommonMark cannot close ``**렐루(ReLU)**`` directly before a Hangul
letter, which tempts authors to add a space ("**…)** 의"). The build warns on bold or emphasised text
followed by a space and a particle; close the emphasis before the parenthesis
(``**렐루**(ReLU)의``) or use MyST's ``{strong}`` role, never a zero-width space. A literal "**" left in
the text (a bold that did not close) is a warning too.

tests/test_korean_typography.py builds fixture books with planted errors and checks the rendered
book.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)

VOWEL, CONSONANT, RIEUL = "vowel", "consonant", "rieul"  # how the reading of a number ends

#: How each digit is read: 일 (ㄹ), 이, 삼, 사, 오, 육, 칠 (ㄹ), 팔 (ㄹ), 구; 0 alone is 영.
DIGIT_ENDING = {
    "0": CONSONANT,
    "1": RIEUL,
    "2": VOWEL,
    "3": CONSONANT,
    "4": VOWEL,
    "5": VOWEL,
    "6": CONSONANT,
    "7": RIEUL,
    "8": RIEUL,
    "9": VOWEL,
}
#: Units read at the end of a round integer: 십, 백, 천 (and 만, 억, 조, 경 for groups of 10⁴).
SMALL_UNITS = (10, 100, 1000)  # 십 ㅂ, 백 ㄱ, 천 ㄴ: consonants
LARGE_UNITS = ((10**4, CONSONANT), (10**8, CONSONANT), (10**12, VOWEL), (10**16, CONSONANT))

CLOSERS = ")]}」』'\"’”"
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺"

#: (consonant form, vowel form): the number decides which one is right.
PAIRS = [
    ("은", "는"),
    ("이", "가"),
    ("을", "를"),
    ("과", "와"),
    ("으로", "로"),
    ("이나", "나"),
    ("이라", "라"),
    ("이란", "란"),
    ("이랑", "랑"),
    ("이야", "야"),
    ("이든", "든"),
    ("이에요", "예요"),
]
#: Copula endings: 이 is required after a consonant and may be dropped after a vowel.
COPULA = [
    ("이다", "다"),
    ("이고", "고"),
    ("이며", "며"),
    ("이면", "면"),
    ("이었", "였"),
    ("이어", "여"),
    ("이지만", "지만"),
    ("이므로", "므로"),
    ("이니까", "니까"),
]
#: Particles and endings whose form does not depend on what precedes them.
INVARIANT = [
    "의", "에", "에서", "에게", "께", "도", "만", "까지", "부터", "보다", "처럼", "만큼", "마다", "밖에",
    "뿐", "조차", "마저", "같이", "대로", "하고", "입니다", "입니까", "인", "일", "이지", "이자",
]  # fmt: skip
#: What may follow a variable particle or copula ending in the same word (로부터, 와의, 였습니다 …).
CONTINUATIONS = {
    "", "는", "도", "의", "만", "서", "써", "부터", "까지", "고", "며", "면", "다", "습니다", "던", "는데",
    "지만", "야", "요", "서는", "서도",
}  # fmt: skip

FORMS: dict[str, tuple[str, str, str]] = {}  # form -> (kind, consonant form, vowel form)
for consonant_form, vowel_form in PAIRS:
    FORMS[consonant_form] = FORMS[vowel_form] = ("pair", consonant_form, vowel_form)
for consonant_form, vowel_form in COPULA:
    FORMS[consonant_form] = FORMS[vowel_form] = ("copula", consonant_form, vowel_form)
for form in INVARIANT:
    FORMS[form] = ("invariant", form, form)

HANGUL_RUN = re.compile(r"[가-힣]+")
E_NUMBER = re.compile(r"^([-+−]?)(\d+(?:\.\d+)?)[eE]([-+]?)(\d+)$")
E_IN_PROSE = re.compile(r"(?<![A-Za-z0-9_.])[-+−]?\d+(?:\.\d+)?[eE][-+]?\d+(?![A-Za-z0-9_])")
#: A particle written as its own word after emphasis: "**렐루(ReLU)** 의".
DETACHED_PARTICLE = re.compile(
    r"^\s+(의|은|는|을|를|와|과|으로|로|에서|에게|에|도|만|처럼|보다|까지|부터|이나|이며|이고|이다|입니다)"
    r"(?=[\s.,;:!?)]|$)"
)


# -- How a rendered number ends -----------------------------------------------------------------


def _integer_ending(digits: str) -> str:
    value = int(digits)
    if value == 0:
        return CONSONANT  # 영
    if value % 10:
        return DIGIT_ENDING[str(value % 10)]
    for unit in SMALL_UNITS:
        if (value // unit) % 10:
            return CONSONANT
    for unit, ending in LARGE_UNITS:
        if (value // unit) % 10**4:
            return ending
    return CONSONANT


def reading_ending(text: str, *, decimal: bool = False) -> str | None:
    """How the spoken reading of ``text`` ends: VOWEL, CONSONANT, RIEUL, or None if unknown.

    ``decimal`` reads the digits after a decimal point one by one (0.660: 영) as a measured value is
    read; otherwise a dotted number is a numbering whose last component is read whole (2.10: 십).
    """
    text = text.rstrip().rstrip(CLOSERS).rstrip()
    if not text:
        return None
    last = text[-1]
    if "가" <= last <= "힣":
        final = (ord(last) - ord("가")) % 28
        return VOWEL if final == 0 else RIEUL if final == 8 else CONSONANT
    if last in SUPERSCRIPTS:
        return CONSONANT  # 10⁻⁷: 10의 −7승
    if last == "%":
        return VOWEL  # 퍼센트
    number = re.search(r"\d[\d,]*(?:\.\d+)*$", text)
    if not number:
        return None
    token = number.group(0).replace(",", "")
    if "." in token:
        if decimal:
            return DIGIT_ENDING[token[-1]]
        token = token.rsplit(".", 1)[1]
    return _integer_ending(token)


# -- Choosing the particle ------------------------------------------------------------------------


def choose_particle(ending: str | None, word: str) -> tuple[str, str | None]:
    """The right spelling of ``word`` (the Hangul run right after a number) and a problem, if any.

    Returns ``(word, None)`` when the word is right as written, ``(corrected, None)`` when the rule
    picked the other form, and ``(word, reason)`` when the rule cannot vouch for the word.
    """
    for size in range(min(len(word), 3), 0, -1):
        form = word[:size]
        if form not in FORMS:
            continue
        kind, consonant_form, vowel_form = FORMS[form]
        rest = word[size:]
        if kind == "invariant":
            return word, None
        if rest not in CONTINUATIONS:
            continue  # 가지, 이상 …: not this particle
        if ending is None:
            return (
                word,
                f"'{form}' depends on how the preceding text is read, which the rule does not know",
            )
        if kind == "pair":
            wanted = vowel_form if ending == VOWEL else consonant_form
            if consonant_form == "으로" and ending == RIEUL:
                wanted = "로"
        else:  # copula: 이 after a consonant; after a vowel either form
            wanted = form if ending == VOWEL else consonant_form
        return wanted + rest, None
    return word, "not a particle the rule knows"


# -- The post-transforms ---------------------------------------------------------------------------

STRICT, LENIENT = "strict", "lenient"


def _reference_mode(node: addnodes.pending_xref) -> str | None:
    domain, kind = node.get("refdomain"), node.get("reftype")
    if (domain, kind) in {("std", "numref"), ("math", "eq"), ("math", "numref")}:
        return STRICT
    if (domain, kind) in {("std", "ref"), ("std", "doc")}:
        return LENIENT
    return None


class MarkNumberedReferences(SphinxPostTransform):
    """Wrap each cross-reference before it is resolved, so that its rendered text can be found.

    Runs after sphinx-exercise turns {ref} to an exercise into a numref (priority 5) and before
    Sphinx resolves references (10).
    """

    default_priority = 6

    def run(self, **kwargs: object) -> None:
        for node in list(self.document.findall(addnodes.pending_xref)):
            mode = _reference_mode(node)
            if mode is None or (
                isinstance(node.parent, nodes.inline) and node.parent.get("ko_ref")
            ):
                continue
            wrapper = nodes.inline(ko_ref=mode)
            wrapper.source, wrapper.line = node.source, node.line
            node.replace_self(wrapper)
            wrapper.append(node)


def _index(node: nodes.Node) -> int:
    return next(i for i, child in enumerate(node.parent.children) if child is node)


def _following_text(node: nodes.Element) -> nodes.Text | None:
    parent = node.parent
    if parent is None:
        return None
    index = _index(node)
    if index + 1 < len(parent) and isinstance(parent[index + 1], nodes.Text):
        return parent[index + 1]
    return None


def _preceding_text(node: nodes.Element) -> str:
    index = _index(node)
    return node.parent[index - 1].astext() if index > 0 else ""


def _replace_text(old: nodes.Text, new: str) -> None:
    # By identity: Text is a str, and Element.replace would take the first child with equal text.
    if new != str(old):
        parent = old.parent
        parent[next(i for i, child in enumerate(parent.children) if child is old)] = nodes.Text(new)


def superscript(exponent: str) -> str:
    return exponent.translate(str.maketrans("0123456789-+", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺"))


def korean_scientific(text: str) -> str | None:
    """'9.5e-07' -> '9.5 × 10⁻⁷', '1e-13' -> '10⁻¹³', '-2.0e+22' -> '−2.0 × 10²²'; None if not e-notation.

    The spaces around × are no-break spaces.
    """
    match = E_NUMBER.match(text.strip())
    if not match:
        return None
    sign, mantissa, exponent_sign, exponent = match.groups()
    power = "10" + superscript(("-" if exponent_sign == "-" else "") + str(int(exponent)))
    sign = "−" if sign in "-−" and sign else ""
    if mantissa == "1":
        return f"{sign}{power}"
    return f"{sign}{mantissa}\u00a0×\u00a0{power}"  # no-break spaces: never "9.5 ×" / "10⁻⁷" on two lines


def fix_particle(node: nodes.Element, rendered: str, *, strict: bool, decimal: bool) -> None:
    """Correct (or, where it cannot, report) the particle right after ``node``."""
    following = _following_text(node)
    if following is None:
        return
    run = HANGUL_RUN.match(str(following))
    if not run:
        return
    word = run.group(0)
    corrected, problem = choose_particle(reading_ending(rendered, decimal=decimal), word)
    if problem:
        if strict:
            logger.warning(
                "Korean particle after the numbered reference %r: %r is %s. Write a particle "
                "directly after it (은/는, 이/가, 을/를, 과/와, (으)로, 의, 에, 에서 …) or a space.",
                rendered,
                word,
                problem,
                location=node,
                type="ko",
                subtype="particle",
            )
        return
    _replace_text(following, corrected + str(following)[len(word) :])


def check_doubled_label(node: nodes.Element, rendered: str) -> None:
    label = re.match(r"^([가-힣]+(?: [가-힣]+)*)\s*[\d(]", rendered)
    doubled = False
    before = _preceding_text(node)
    if label and before[-1:].isspace():  # "연습 문제 {numref}`ex-x`", "(그림 {numref}`fig-x`)"
        words = [word.lstrip("([{「『'\"") for word in before.split()]
        name = label.group(1).split()[0]
        doubled = words[-1:] == [name] or words[-2:] == [name, "문제"]
    suffix = re.search(r"\d\)?([가-힣]+)$", rendered)  # "2.3절"
    following = _following_text(node)
    if suffix and following is not None and str(following).startswith(suffix.group(1)):
        doubled = True
    if doubled:
        logger.warning(
            "Doubled label around the reference %r: %r. The reference already names what it "
            "refers to; drop the word written beside it.",
            rendered,
            (before[-12:] + rendered + str(following or "")[:4]).strip(),
            location=node,
            type="ko",
            subtype="label",
        )


class KoreanTypography(SphinxPostTransform):
    """Particles after references and glued values, doubled labels, e-notation, bold + particle."""

    default_priority = 15  # after references are resolved (10)

    def run(self, **kwargs: object) -> None:
        for wrapper in list(self.document.findall(nodes.inline)):
            mode = wrapper.get("ko_ref")
            if mode:
                rendered = wrapper.astext()
                if mode == STRICT:
                    check_doubled_label(wrapper, rendered)
                fix_particle(wrapper, rendered, strict=mode == STRICT, decimal=False)
                wrapper.replace_self(wrapper.children)
            elif "pasted-text" in wrapper["classes"]:
                text = wrapper.astext()
                scientific = korean_scientific(text)
                if scientific:
                    wrapper.children = []
                    wrapper += nodes.Text(scientific)
                    text = scientific
                fix_particle(wrapper, text, strict=False, decimal=True)
        for text, parent in _prose_texts(self.document):
            for match in E_IN_PROSE.finditer(str(text)):
                formatted = korean_scientific(match.group(0)) or match.group(0)
                logger.warning(
                    "E-notation in running text: %r. Write %s (outputs stay as printed; glue a "
                    "value with {glue:text}`name:.1e` and the build writes it this way).",
                    match.group(0),
                    formatted,
                    location=parent,
                    type="ko",
                    subtype="enotation",
                )
            if "**" in str(text):
                logger.warning(
                    "A literal '**' in running text: %r (a bold that did not close?). Close the "
                    "bold before a parenthesis, **렐루**(ReLU)의, or use {strong}`렐루(ReLU)`의.",
                    str(text).strip()[:60],
                    location=parent,
                    type="ko",
                    subtype="bold",
                )
        for emphasis in list(self.document.findall(_is_emphasis)):
            following = _following_text(emphasis)
            match = DETACHED_PARTICLE.match(str(following)) if following is not None else None
            if match:
                logger.warning(
                    "A space between emphasised text and its particle: %r. Write the particle "
                    "directly after it: close the bold before the parenthesis (**렐루**(ReLU)의) or "
                    "use {strong}`렐루(ReLU)`의, never a zero-width space.",
                    emphasis.astext()[-20:] + match.group(0),
                    location=emphasis,
                    type="ko",
                    subtype="bold",
                )


def _is_emphasis(node: nodes.Node) -> bool:
    return isinstance(node, (nodes.strong, nodes.emphasis))


#: Elements whose text is not running prose: code, math, raw markup, cell outputs.
NOT_PROSE = (
    nodes.literal,
    nodes.literal_block,
    nodes.math,
    nodes.math_block,
    nodes.raw,
    nodes.comment,
    nodes.doctest_block,
    nodes.reference,  # a URL written out as link text
    addnodes.desc_signature,  # an API signature: f(x, **kwargs)
)


def _prose_texts(document: nodes.document) -> Iterator[tuple[nodes.Text, nodes.Element]]:
    def walk(node: nodes.Element) -> Iterator[tuple[nodes.Text, nodes.Element]]:
        for child in node.children:
            if isinstance(child, nodes.Text):
                yield child, node
            elif isinstance(child, NOT_PROSE) or "cell_output" in child.get("classes", ()):
                continue
            elif isinstance(child, nodes.Element):
                yield from walk(child)

    yield from walk(document)


def setup(app: Sphinx) -> dict[str, object]:
    app.add_post_transform(MarkNumberedReferences)
    app.add_post_transform(KoreanTypography)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
