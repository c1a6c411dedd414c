"""Spacing-variant queries and what they should find, worked out without the search code under test.

Two sets of queries, each paired with the book's standard spelling:

* the hand-written list tests/search/spacing.txt (활성화함수 => 활성화 함수, 소프트 맥스 => 소프트맥스);
* a set generated from the built book (generated_queries): every glossary term and every compound
  of a heading with its spaces removed, and every loanword of three or more syllables split in two
  at each place it can be split.

The expected pages (spacing_expected) come from the standard spelling through the independent text
scan of tests/search/expected.py. Nothing here imports or imitates docs/_ext/ko_search.py.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup
from search.expected import PARTICLES, expected_pages

HERE = Path(__file__).resolve().parent
_HANGUL_WORD = re.compile("[가-힣]+")


@dataclass(frozen=True)
class SpacingQuery:
    text: str  # as typed
    standard: tuple[str, ...]  # the book's spelling: base words, as in queries.txt
    kind: str  # "joined" (a compound typed without its spaces) or "split" (a word typed in parts)


def load_spacing_queries(path: Path = HERE / "spacing.txt") -> list[SpacingQuery]:
    queries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        text, _, standard = line.partition("=>")
        words = tuple(standard.split())
        kind = "joined" if len(text.split()) < len(words) else "split"
        queries.append(SpacingQuery(text.strip(), words, kind))
    return queries


def spacing_expected(texts: dict[str, str], query: SpacingQuery) -> tuple[set[str], set[str]]:
    """(must, may) for a spacing variant.

    must: the pages the standard spelling must find, and the pages the query as typed must find
    (where the spaced form finds pages today, the other spelling adds to them, never replaces).
    may: the pages that hold the words once spacing is normalised: for some way of spacing the
    standard spelling or the typed words, every word is on the page (expected.py's "touches").
    """
    standard = expected_pages(texts, query.standard)
    typed = expected_pages(texts, tuple(query.text.split()))
    return standard[0] | typed[0], standard[1] | typed[1]


# -- The generated set ----------------------------------------------------------------------------


def _ends_in_particle(word: str) -> bool:
    """Does a heading word end in a particle or ending (뉴런과, 함수에, 죽은)? A compound stops there."""
    return any(word.endswith(p) and len(word) > len(p) for p in PARTICLES)


def _base(word: str) -> str:
    """A word without the particle it ends in, when two syllables or more are left (손실과 -> 손실)."""
    cuts = [p for p in PARTICLES if word.endswith(p) and len(word) - len(p) >= 2]
    return word[: -len(max(cuts, key=len))] if cuts else word


def _compounds(phrase: str) -> Iterator[tuple[str, ...]]:
    """Runs of two or more Hangul words in a phrase, each word but the last without a particle.

    "교차 엔트로피 손실과 로짓" gives (교차, 엔트로피, 손실과); "뉴런과 활성화 함수" gives (활성화, 함수).
    Punctuation, a word that is not all Hangul (actfn의) and a word that is only a particle end a run.
    """
    for segment in re.split(r"[^\w\s]+", phrase):
        run: list[str] = []
        for word in [*segment.split(), ""]:
            if _HANGUL_WORD.fullmatch(word) and word not in PARTICLES:
                run.append(word)
                if not _ends_in_particle(word):
                    continue
            if len(run) >= 2:
                yield tuple(run)
            run = []


# Revised Romanization, consonants only: initial and final jamo, as a skeleton compared with English.
# Initials ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ (ㅇ silent); finals none, ㄱ ㄲ ㄳ ... ㅎ.
_INITIAL = "kknttlmppss_sssktph"
_FINAL = "_kkknnntllllllllmppttnssktph"
_ENGLISH = str.maketrans("gcqxbfvdzjrwy", "kkkkppptsslll")


def _hangul_skeleton(word: str) -> str:
    out = []
    for syllable in word:
        index = ord(syllable) - 0xAC00
        out.append(_INITIAL[index // 588] + _FINAL[index % 28])
    return "".join(out).replace("_", "")


def _english_skeleton(word: str) -> str:
    word = word.lower().replace("ph", "f").replace("th", "t").replace("ch", "s").replace("ng", "n")
    return re.sub("[aeiouh]", "", word.translate(_ENGLISH)).replace("ks", "k")


def is_transliteration(korean: str, english: str) -> bool:
    """Is a Hangul word the sound of an English word (소프트맥스/softmax), not a translation?"""
    a, b = _hangul_skeleton(korean).replace("h", ""), _english_skeleton(english)
    return bool(a and b) and difflib.SequenceMatcher(None, a, b).ratio() >= 0.7


def _page_soup(html_dir: Path, doc: str) -> BeautifulSoup:
    return BeautifulSoup((html_dir / f"{doc}.html").read_text(encoding="utf-8"), "html.parser")


def _text(node) -> str:
    for junk in node.select(".headerlink"):
        junk.decompose()
    return unicodedata.normalize("NFC", node.get_text(" ")).strip()


def glossary_terms(html_dir: Path, docs: list[str]) -> list[tuple[str, list[str]]]:
    """(Korean term, English terms) of every glossary entry in the site."""
    entries = []
    for doc in docs:
        for dl in _page_soup(html_dir, doc).select("dl.glossary"):
            names: list[str] = []
            for child in dl.find_all(["dt", "dd"], recursive=False):
                if child.name == "dt":
                    names.append(_text(child))
                    continue
                korean = [n for n in names if _HANGUL_WORD.search(n)]
                if korean:
                    entries.append((korean[0], [n for n in names if n not in korean]))
                names = []
    return entries


def headings(html_dir: Path, docs: list[str]) -> list[str]:
    out = []
    for doc in docs:
        main = _page_soup(html_dir, doc).select_one("article.bd-article")
        if main is not None:
            out += [_text(h) for h in main.select("h1, h2, h3, h4, h5, h6")]
    return out


def loanwords(html_dir: Path, docs: list[str], texts: dict[str, str]) -> set[str]:
    """Hangul words of three or more syllables that transliterate their English gloss.

    Glosses: a glossary entry's English term, word by word (교차 엔트로피 손실 / cross-entropy loss),
    and the English in parentheses after a word in the text (파이토치(PyTorch)).
    """
    pairs: set[tuple[str, str]] = set()
    for korean, english in glossary_terms(html_dir, docs):
        for gloss in english:
            k, e = korean.split(), re.split(r"[\s-]+", gloss)
            pairs |= set(zip(k, e, strict=False)) if len(k) == len(e) else set()
            pairs |= {(w, "".join(e)) for w in k}
    for text in texts.values():
        pairs |= set(re.findall(r"([가-힣]{3,})\s?\(([A-Za-z]+)", text))
    return {k for k, e in pairs if len(k) >= 3 and is_transliteration(k, e)}


def generated_queries(html_dir: Path, texts: dict[str, str]) -> list[SpacingQuery]:
    """The mechanical set: glossary terms and heading compounds joined, loanwords split in two."""
    docs = list(texts)
    queries: dict[str, SpacingQuery] = {}
    phrases = [term for term, _ in glossary_terms(html_dir, docs)] + headings(html_dir, docs)
    for phrase in phrases:
        for words in _compounds(phrase):
            joined = "".join(words)  # typed with the particle; the base words without it
            queries.setdefault(
                joined, SpacingQuery(joined, (*words[:-1], _base(words[-1])), "joined")
            )
    for word in sorted(loanwords(html_dir, docs, texts)):
        for cut in range(1, len(word)):
            split = f"{word[:cut]} {word[cut:]}"
            queries.setdefault(split, SpacingQuery(split, (word,), "split"))
    return list(queries.values())
