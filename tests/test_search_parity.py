"""The browser turns a query into exactly the terms the index holds for the same words.

Python side: the terms Sphinx's IndexBuilder.feed would index for a word with the ko search
language (docs/_ext/ko_search.py). JavaScript side: the terms searchtools.js's own
Search._parseQuery produces for that word under node, with language_data.js rendered from Sphinx's
template exactly as a build renders it. The words are every whitespace-separated word of the book
(docs/*.md), the seed lesson and the search fixture pages, plus the hand-made inflected words of
tests/search/vocabulary.py (every key noun with every particle).
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
