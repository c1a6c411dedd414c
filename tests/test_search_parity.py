"""The browser turns a query into exactly the terms the index holds for the same words.

Python side: the terms Sphinx's IndexBuilder.feed would index for a word with the ko search
language (docs/_ext/ko_search.py). JavaScript side: the terms searchtools.js's own
Search._parseQuery produces for that word under node, with language_data.js rendered from Sphinx's
template exactly as a build renders it. The words are every whitespace-separated word of the book
(docs/*.md), the seed lesson and the search fixture pages, plus the hand-made inflected words of
tests/search/vocabulary.py (every key noun with every particle).

Spacing: with an index holding every term of those words, Python's ko_search.alternatives() and
the browser's koAlternatives() (what Search._parseQuery attaches to the query) give the same ways
of spacing for the hand-written spacing list, every two adjacent Korean words of the book typed
without their space, and every Hangul word of three syllables or more typed in two.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jinja2
import ko_search
import pytest
from bookbuild import ROOT, SEED_LESSON
from search.expected import run_harness
from search.vocabulary import inflected_words
from sphinx import package_dir

BASIC = Path(package_dir) / "themes" / "basic" / "static"


def book_words() -> list[str]:
    sources = [*sorted((ROOT / "docs").glob("*.md"))]
    sources += sorted((ROOT / "tests" / "search" / "fixture").glob("*.md"))
    sources.append(SEED_LESSON)
    words: dict[str, None] = {}
    for source in sources:
        words.update(dict.fromkeys(source.read_text(encoding="utf-8").split()))
    return list(words) + inflected_words()


def index_terms(lang: ko_search.SearchKorean, text: str) -> list[str]:
    """The terms IndexBuilder.feed (sphinx/search/__init__.py) indexes for a text, in order."""
    terms: dict[str, None] = {}
    for word in lang.split(text):
        stemmed = lang.stem(word).lower()
        if not lang.word_filter(stemmed) and lang.word_filter(word):
            stemmed = word
        if lang.word_filter(stemmed):
            terms[stemmed] = None
    return list(terms)


@pytest.fixture(scope="module")
def search_scripts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory laid out like a built site's, holding the search scripts a build would write."""
    site = tmp_path_factory.mktemp("search-scripts")
    static = site / "_static"
    static.mkdir()
    lang = ko_search.SearchKorean({})
    template = jinja2.Template((BASIC / "language_data.js.jinja").read_text(encoding="utf-8"))
    (static / "language_data.js").write_text(
        template.render(
            search_language_stemming_code=lang.js_stemmer_code,
            search_language_stop_words=json.dumps(sorted(lang.stopwords)),
            search_scorer_tool="",
            search_word_splitter_code=lang.js_splitter_code,
        ),
        encoding="utf-8",
    )
    for name in ("doctools.js", "searchtools.js"):
        shutil.copy(BASIC / name, static / name)
    (static / "documentation_options.js").write_text("const DOCUMENTATION_OPTIONS = {};\n")
    empty = {key: {} for key in ("alltitles", "indexentries", "objects", "objnames", "terms")}
    empty |= {"titleterms": {}, "docnames": [], "filenames": [], "titles": []}
    (site / "searchindex.js").write_text(f"Search.setIndex({json.dumps(empty)})")
    return site


def test_word_list_is_large() -> None:
    assert len(book_words()) > 5000


def test_python_and_javascript_terms_agree(search_scripts: Path) -> None:
    lang = ko_search.SearchKorean({})
    words = book_words()
    js = run_harness(search_scripts, words)["results"]
    differ = {
        word: (index_terms(lang, word), js[word]["terms"])
        for word in words
        if index_terms(lang, word) != js[word]["terms"]
    }
    assert not differ, "\n".join(f"{w!r}: python {p} js {j}" for w, (p, j) in differ.items())


def test_mixed_and_particle_words_give_the_bare_terms(search_scripts: Path) -> None:
    lang = ko_search.SearchKorean({})
    cases = {
        "시그모이드는": ["시그모이드"],
        "ReLU는": ["relu"],
        "GPU를": ["gpu"],
        "CrossEntropyLoss를": ["crossentropyloss"],
        "`nn.ReLU()`를": ["nn", "relu"],
        "x값을": ["x", "값"],
        "functions": ["function"],
        "2D": ["2d"],
        "0과 1": [],
    }
    js = run_harness(search_scripts, list(cases))["results"]
    for text, terms in cases.items():
        assert index_terms(lang, text) == terms, text
        assert js[text]["terms"] == terms, text


# -- Spacing: the ways of spacing a query, in Python and in the browser ----------------------------


def spacing_queries(words: list[str]) -> list[str]:
    """Queries that exercise the spacing rules: the hand-written list, adjacent Korean words of the
    book joined, and every Hangul word of three syllables or more split in two."""
    import itertools
    import re

    from search.spacing import load_spacing_queries

    queries = [q.text for q in load_spacing_queries()]
    queries += [
        "텐서플 로",
        "ReLU 함수를",
        "0 중심",
        "도 함수",
        "은닉 층 출력 층",
        "활성화함수 ReLU",
    ]
    for source in [*sorted((ROOT / "docs").glob("*.md"))]:
        for line in source.read_text(encoding="utf-8").splitlines():
            tokens = [token for token in line.split() if re.search("[가-힣]", token)]
            queries += [a + b for a, b in itertools.pairwise(tokens)]
    for word in words:
        if ko_search._HANGUL_WORD.fullmatch(word) and len(word) >= 3:
            queries += [f"{word[:cut]} {word[cut:]}" for cut in range(1, len(word))]
    return list(dict.fromkeys(queries))


@pytest.fixture(scope="module")
def spacing_site(
    search_scripts: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, set]:
    """The search scripts with an index whose vocabulary is every term of the book's words."""
    site = tmp_path_factory.mktemp("spacing-scripts")
    shutil.copytree(search_scripts, site, dirs_exist_ok=True)
    lang = ko_search.SearchKorean({})
    vocabulary = {term for word in book_words() for term in index_terms(lang, word)}
    index = {key: {} for key in ("alltitles", "indexentries", "objects", "objnames", "titleterms")}
    index |= {"terms": dict.fromkeys(sorted(vocabulary), 0)}
    index |= {"docnames": ["page"], "filenames": ["page.md"], "titles": ["page"]}
    (site / "searchindex.js").write_text(
        f"Search.setIndex({json.dumps(index, ensure_ascii=False)})"
    )
    return site, vocabulary


def test_spacing_rules_agree(spacing_site: tuple[Path, set]) -> None:
    site, vocabulary = spacing_site
    queries = spacing_queries(book_words())
    assert len(queries) > 10000
    js = run_harness(site, queries, search=False)["results"]
    differ = {}
    respaced = 0
    for query in queries:
        python = ko_search.alternatives(query, vocabulary.__contains__)
        respaced += len(python) > 1
        if python != js[query]["alternatives"]:
            differ[query] = (python, js[query]["alternatives"], js[query]["terms"])
        elif not any(word in ko_search.SUFFIXES for word in query.split()):
            # the first way is the query as Sphinx's own _parseQuery makes it
            assert python[0] == js[query]["terms"], query
    assert not differ, "\n".join(
        f"{q!r}: python {p} js {j} terms {t}" for q, (p, j, t) in differ.items()
    )
    assert respaced > 1000  # the rules do apply to many of these queries


def test_spacing_examples(spacing_site: tuple[Path, set]) -> None:
    site, vocabulary = spacing_site
    cases = {
        "활성화함수를": [["활성화함수"], ["활성화", "함수"]],
        "소프트 맥스": [["소프트", "맥스"], ["소프트맥스"]],
        "은닉 층에서": [["은닉", "층"], ["은닉층"]],
        "은닉층": [["은닉층"]],  # a word the index holds is never split
        "시그모이드를": [["시그모이드"]],
        "양자컴퓨터": [["양자컴퓨터"]],  # no parts in the index: searched as typed
        "도 함수": [["도함수"]],  # a bare particle that joins a neighbour is part of it
    }
    js = run_harness(site, list(cases), search=False)["results"]
    for query, ways in cases.items():
        assert ko_search.alternatives(query, vocabulary.__contains__) == ways, query
        assert js[query]["alternatives"] == ways, query
