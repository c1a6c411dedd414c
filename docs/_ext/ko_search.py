"""Korean full-text search for Sphinx: index words without their particles and endings.

Sphinx has no Korean search language; with ``language = "ko"`` it indexes like English, so
시그모이드는, 시그모이드를 and 시그모이드 are three unrelated terms. This extension registers a ``ko``
search language that

* splits text into words as Sphinx does (runs of ``\\w``), and also where Hangul meets other
  letters, so ReLU는 gives ReLU and 는, and drops Hangul words that are only a particle (는, 를,
  에서, ... after code or math);
* stems Hangul words by taking off particles (조사), the copula (이다) and the endings of verbs
  built on a noun (계산하여, 사용됩니다, 포화되는), longest first, until none applies;
* stems everything else with Sphinx's English snowball stemmer and English stopwords.

A suffix comes off only when what is left still looks like a word: at least two syllables, or a
one-syllable noun from MONO (값을, 층의); and only after the kind of syllable the particle attaches
to (이/을/은/과 after a final consonant, 가/를/는/와 after a vowel, 로 after a vowel or ㄹ). So 함수,
기울기, 소실, 차이 (차 + 이 would need 가), 결과, 온도, 정의 and 하나 stay whole.

The browser runs the same rules (ko_search.js, with this module's table emitted into
language_data.js), so a query is processed into exactly the index's terms. ko_search.js also makes
a multi-word query an AND of all its words (Sphinx requires only words longer than two letters),
highlights the stems as well as the words typed, and supplies the Korean "found N pages" line that
Sphinx 9.0.4's catalog leaves empty.

Spacing is forgiven on the query side (alternatives() here, koAlternatives() in ko_search.js,
checked equal by tests/test_search_parity.py): a compound typed without its space is also split
into the index's own terms (활성화함수를 -> 활성화 + 함수) and words typed apart are also joined when
the index holds them joined (소프트 맥스 -> 소프트맥스); a page is found when it has every term of one
of these ways, and the terms of the ways that found pages are what gets highlighted. Measured
(bench/search_recall.py) against the index side (also indexing compounds' parts and adjacent words
joined): the index side grew searchindex.js by half and still missed pages whose words are apart,
and cannot mend a split loanword, whose halves are not words; the query side leaves the index as
it is and finds them (tests/test_search_spacing.py: recall >= 0.95, no wrong page).

No stem is left ending in 으 (끝으로 is 끝 + 으로, not 끝으 + 로). Words in KEEP are never cut
(스케일, 정확도).

The extension's env_version is a fingerprint of its rules: changing them rebuilds the environment
and the index, so an incremental build never keeps terms made by old rules.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import snowballstemmer
from sphinx import package_dir
from sphinx.search import SearchLanguage
from sphinx.search._stopwords.en import ENGLISH_STOPWORDS

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

HERE = Path(__file__).resolve().parent
_SPHINX_STEMMERS = package_dir / "search" / "minified-js"

# -- The rules (shared with the browser through KO_SEARCH) ------------------------------------------
#
# Each suffix says what must end the syllable before it:
#   C  a final consonant (값이, 층을, 입력은)
#   V  no final consonant (함수가, 렐루를, 시그모이드는)
#   L  no final consonant or ㄹ (확률로, 렐루로; not 경로)
#   *  anything
_SUFFIX_GROUPS: dict[str, str] = {
    # case particles and their stacks
    "C": """
        이 은 을 과 으로 으로서 으로써 으로는 으로도 으로만 으로의 으로부터 이나 이든 이든지 이란 이랑
        과는 과의 과도 과만 이라도
        """,
    "V": """
        가 는 를 와 나 든 든지 란 랑 와는 와의 와도 와만 라도
        라는 라고 라고도 라면 라서 여도 여서 여야 였다 였고 였습니다
        """,
    "L": "로 로서 로써 로는 로도 로만 로의 로부터",
    "*": """
        의 에 에서 에게 에게서 께 한테 도 만 까지 부터 보다 처럼 마다 만큼 뿐 밖에 조차 마저 끼리 씩
        에는 에서는 에서도 에도 에만 에서만 에서의 에의 에게는 까지의 까지는 까지도 부터는 보다는
        보다도 처럼도 만을 만의 만이 만은 만으로 뿐이다 뿐입니다 뿐이며 뿐이지만 뿐이어서 뿐이라서
        들
        이다 입니다 이며 이고 인 일 이라 이라는 이라고 이라고도 이라면 이라서 이면 이므로 이지만 이어서
        이어야 이었다 이었고 이었습니다 인데 인데도 인지 인가 이면서 이기 이기도
        하다 한다 합니다 했다 했습니다 했고 했으며 했더니 했을 하였다 하였습니다 하는 한 할 함 함을
        하고 하며 하면 하여 하여서 하여도 해 해서 해야 해도 하기 하지 하게 하도록 하므로 하지만 하려면 하려고 할수록
        하니 합시다 하세요 해요 하거나 하든 하든지 하는지 하는지를 한다는 할지 함으로써 하기도 하기만
        하기에 하면서 하고도 하더라도 하여야 한다면 하지는 하는데
        되다 된다 됩니다 되는 된 될 됨 되고 되며 되면 되어 돼 되어서 돼서 되기 되지 되므로 되도록 되게
        되었다 되었고 되었습니다 됐다 됐습니다 되지만 되어야 되기도 되어도 되더라도 되는지 되나요 될까요
        되면서 되지는 되기에
        시키다 시킨다 시킵니다 시키는 시킨 시킬 시켜 시키고 시키며 시키면 시키기 시켰다 시켜서
        """,
}


def _words(text: str) -> list[str]:
    return text.split()


SUFFIXES: dict[str, str] = {}
for _after, _group in _SUFFIX_GROUPS.items():
    for _suffix in _words(_group):
        assert SUFFIXES.setdefault(_suffix, _after) == _after, f"{_suffix} listed twice"

# One-syllable nouns that may be left when a suffix comes off (값을 -> 값). Any other one-syllable
# remainder keeps its suffix: 속도, 결과, 정의, 하나, 이하 are words, not 속 + 도, ...
MONO = frozenset(
    _words(
        "값 개 것 곱 곳 글 등 때 배 번 셀 수 식 열 예 장 점 중 쪽 책 층 축 표 합 행 후 앞 뒤 위 안 밖 선 양 일"
    )
)

# Words that end like an inflected word but are not one: loanwords in -일/-인/-로, nouns in -도.
# (Without this they would still be found, but as 스케 or 정확, which may meet other words.)
KEEP = frozenset(
    _words(
        """
    스케일 파일 타일 프로파일 모바일 도메인 파이프라인 텐서플로 오버플로 언더플로 워크플로
    정확도 유사도 민감도 신뢰도 복잡도 중요도 기여도 정밀도
    """
    )
)

FOUND_N_PAGES = "검색 완료: 검색어와 일치하는 페이지 ${resultCount}개를 찾았습니다."

_LONGEST = max(map(len, SUFFIXES))
_HANGUL_WORD = re.compile("[\uac00-\ud7a3]+")
_PIECES = re.compile("[\uac00-\ud7a3]+|[^\uac00-\ud7a3]+")
_WORD = re.compile(r"\w+")
_ASCII_DIGITS = re.compile("[0-9]+")


def _final(syllable: str) -> str:
    jong = (ord(syllable) - 0xAC00) % 28
    return "V" if jong == 0 else "L" if jong == 8 else "C"


def _strippable(word: str, stem: str, suffix: str) -> bool:
    if (len(stem) < 2 and stem not in MONO) or stem.endswith("으"):  # 끝으로 is 끝 + 으로
        return False
    if any(len(stem) < len(keep) and word.startswith(keep) for keep in KEEP):
        return False  # never cut into 스케일, 텐서플로 (텐서플로는 is 텐서플로 + 는)
    after, final = SUFFIXES[suffix], _final(stem[-1])
    if after == "C":
        return final != "V"
    if after == "V":
        return final == "V"
    if after == "L":
        return final != "C"
    return True


def stem_korean(word: str) -> str:
    """Take particles and endings off a Hangul word, longest first, until none applies."""
    stripped = True
    while stripped:
        stripped = False
        for n in range(min(len(word) - 1, _LONGEST), 0, -1):
            suffix = word[-n:]
            if suffix in SUFFIXES and _strippable(word, word[:-n], suffix):
                word, stripped = word[:-n], True
                break
    return word


def split_words(text: str) -> list[str]:
    """Words of a text: \\w runs, cut where Hangul meets other letters, minus bare particles."""
    return [
        piece
        for run in _WORD.findall(unicodedata.normalize("NFC", text))
        for piece in _PIECES.findall(run)
        if piece not in SUFFIXES
    ]


_ENGLISH = snowballstemmer.stemmer("english")


def stem_word(word: str) -> str:
    """A word's index term: Korean rules for Hangul words, snowball for the rest (any case)."""
    word = word.lower()
    if _HANGUL_WORD.fullmatch(word):
        return stem_korean(word)
    if word in ENGLISH_STOPWORDS:
        # searchtools.js drops a stopword query word before stemming it; without this the index
        # would still hold the stopword's stem ("any" -> "ani", "why" -> "whi"), which no query
        # can reach. Returning the word lets word_filter reject it, as the query side does.
        return word
    stem = _ENGLISH.stemWord(word)
    # IndexBuilder.feed indexes the word itself when its stem is a stopword; the query side
    # (ko_search.js) does the same, but Sphinx would keep the word's case: keep it lowercase.
    return word if stem in ENGLISH_STOPWORDS and word not in ENGLISH_STOPWORDS else stem


# -- Spacing (the query side; ko_search.js runs the same rules on the site's own index) ------------
#
# Readers space Korean their own way: 활성화함수 for 활성화 함수, 소프트 맥스 for 소프트맥스. A query
# is searched as every way of spacing it that the index can answer, and a page is found when it
# has every term of one of them (each way is an AND, as any multi-word query is):
#
# * joining: adjacent Hangul words are also written together when the joined word's stem is an
#   index term (소프트 맥스 -> 소프트맥스, 은닉 층에서 -> 은닉층);
# * splitting: a Hangul word whose stem is no index term is also split into index terms, the
#   fewest parts, the longest first part first, the last part stemmed (활성화함수를 -> 활성화 함수).
#   A part has two syllables or more, or is a one-syllable noun of MONO (출력값 -> 출력 값); only
#   the first part may be any one-syllable term, a word in front of a noun (세함수 -> 세 함수, 큰로짓
#   -> 큰 로짓). Any one-syllable term anywhere made 양자컴퓨터 find a page with 양, 자 and 컴퓨터.
#
# The query as typed stays one of the ways, so nothing it finds today is lost (except that a word
# that is only a particle, which a query otherwise drops, is taken as part of a neighbour it joins:
# 도 함수 finds 도함수, not every page with 함수); a word the index holds is never split (출력층
# finds 출력층, not every page with 출력 and 층).

MAX_ALTERNATIVES = 16
_TOKEN = re.compile("[^ \t\n\r\f\v\u00a0\u3000]+")  # the query's space-separated words


def search_terms(query: str, known: Callable[[str], bool] | None = None) -> list[str]:
    """The terms searchtools.js's Search._parseQuery makes of a query (its searchTerms, in order).

    With ``known`` (does the index hold a term?), a Hangul word whose term the index does not hold
    gives its parts instead, when it has some (segment).
    """
    terms: dict[str, None] = {}
    for word in split_words(query.strip()):
        if word.lower() in ENGLISH_STOPWORDS or _ASCII_DIGITS.fullmatch(word):
            continue
        term = stem_word(word)
        parts = None
        if known is not None and _HANGUL_WORD.fullmatch(word) and not known(term):
            parts = segment(word, known)
        terms.update(dict.fromkeys(parts or [term]))
    return list(terms)


def _is_part(term: str, known: Callable[[str], bool]) -> bool:
    return (len(term) >= 2 or term in MONO) and known(term)


def segment(word: str, known: Callable[[str], bool]) -> list[str] | None:
    """Split a Hangul word into two or more index terms (활성화함수를 -> 활성화, 함수), or None."""
    word = word.lower()

    @functools.cache
    def best(start: int) -> list[str] | None:
        choice = None
        if start > 0 and _is_part(stem_korean(word[start:]), known):
            choice = [stem_korean(word[start:])]
        for end in range(len(word) - 1, start, -1):  # the longest first part first
            if known(word[:end]) if start == 0 else _is_part(word[start:end], known):
                rest = best(end)
                if rest is not None and (choice is None or len(rest) + 1 < len(choice)):
                    choice = [word[start:end], *rest]
        return choice

    return best(0)


def _respacings(tokens: list[str], known: Callable[[str], bool]) -> list[list[str]]:
    """The query's words, and every way of joining adjacent Hangul words into an index term."""
    if not tokens:
        return [[]]
    ways = [[tokens[0], *rest] for rest in _respacings(tokens[1:], known)]
    if _HANGUL_WORD.fullmatch(tokens[0]):
        for end in range(2, len(tokens) + 1):
            if not _HANGUL_WORD.fullmatch(tokens[end - 1]):
                break
            joined = "".join(tokens[:end])
            if _is_part(stem_korean(joined), known):
                ways += [[joined, *rest] for rest in _respacings(tokens[end:], known)]
    return ways[:MAX_ALTERNATIVES]


def alternatives(query: str, known: Callable[[str], bool]) -> list[list[str]]:
    """The ways of spacing a query that are searched, each a list of terms.

    The first is the query's own terms, unless a word that is only a particle joins a neighbour.
    ``known(term)`` says whether the index holds a term (as text or title term).
    """
    tokens = _TOKEN.findall(unicodedata.normalize("NFC", query))
    respaced_ways = _respacings(tokens, known)
    # A word that is only a particle is dropped from a query (split_words), unless it joins a
    # neighbour into an index term: then it was part of that word (도 함수 is 도함수, not 함수).
    whole = [way for way in respaced_ways if not any(token in SUFFIXES for token in way)]
    if whole and len(whole) < len(respaced_ways):
        respaced_ways = whole
    ways: dict[tuple[str, ...], None] = {}
    for respaced in respaced_ways:
        text = " ".join(respaced)
        ways |= dict.fromkeys([tuple(search_terms(text)), tuple(search_terms(text, known))])
    return [list(way) for way in ways][:MAX_ALTERNATIVES]


class SearchKorean(SearchLanguage):
    """Korean (and English) search: particles and endings off Hangul words, snowball for the rest."""

    lang = "ko"
    language_name = "Korean"
    stopwords = ENGLISH_STOPWORDS
    js_splitter_code = ""  # splitQuery is part of js_stemmer_code (ko_search.js)

    @property
    def js_stemmer_code(self) -> str:  # type: ignore[override]
        return javascript()

    def split(self, input: str) -> list[str]:
        return split_words(input)

    def stem(self, word: str) -> str:
        return stem_word(word)

    def word_filter(self, word: str) -> bool:
        # As searchtools.js skips a query word: ASCII digits only (/^\d+$/), or a stopword in any
        # case (it lowercases first; Sphinx's default would index "In" at the start of a sentence).
        return not _ASCII_DIGITS.fullmatch(word) and word.lower() not in self.stopwords


def javascript() -> str:
    """The code for language_data.js: Sphinx's English stemmer, the rules, ko_search.js."""
    minified = _SPHINX_STEMMERS
    by_kind: dict[str, list[str]] = {}
    for suffix, after in SUFFIXES.items():
        by_kind.setdefault(after, []).append(suffix)
    table = {
        "suffixes": {after: " ".join(group) for after, group in by_kind.items()},
        "mono": sorted(MONO),
        "keep": sorted(KEEP),
        "longest": _LONGEST,
        "maxAlternatives": MAX_ALTERNATIVES,
        "found": FOUND_N_PAGES,
    }
    return "\n".join(
        (
            (minified / "base-stemmer.js").read_text(encoding="utf-8"),
            (minified / "english-stemmer.js").read_text(encoding="utf-8"),
            f"var KO_SEARCH = {json.dumps(table, ensure_ascii=False, sort_keys=True)};",
            (HERE / "ko_search.js").read_text(encoding="utf-8"),
        )
    )


def _fingerprint() -> int:
    digest = hashlib.sha256(javascript().encode())
    digest.update(Path(__file__).read_bytes())
    return int(digest.hexdigest()[:12], 16)


def setup(app: Sphinx) -> dict[str, object]:
    app.add_search_language(SearchKorean)
    return {
        "version": "1.0",
        "env_version": _fingerprint(),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
