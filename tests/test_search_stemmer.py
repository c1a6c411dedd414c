"""The Korean stemmer on its own (Python side; test_search_parity.py shows the browser agrees).

A noun with any particle attached must give the noun itself, for the book's key terms; words whose
last syllable looks like a particle (차이, 결과, 온도, 정의, 하나) must not be cut.
"""

from __future__ import annotations

import re

import ko_search
import pytest
from bookbuild import ROOT
from search.vocabulary import NOUNS, PARTICLES, PREDICATE_ENDINGS, PREDICATE_NOUNS, attach

LANG = ko_search.SearchKorean({})


def _terms(text: str) -> list[str]:
    return [LANG.stem(word).lower() for word in LANG.split(text)]


@pytest.mark.parametrize("noun", NOUNS)
def test_noun_is_its_own_stem(noun: str) -> None:
    assert _terms(noun) == [noun]


@pytest.mark.parametrize("noun", NOUNS)
def test_noun_with_any_particle_gives_the_noun(noun: str) -> None:
    wrong = {
        attach(noun, p): _terms(attach(noun, p))
        for p in PARTICLES
        if _terms(attach(noun, p)) != [noun]
    }
    assert not wrong


@pytest.mark.parametrize("noun", PREDICATE_NOUNS)
def test_verbs_built_on_a_noun_give_the_noun(noun: str) -> None:
    wrong = {noun + e: _terms(noun + e) for e in PREDICATE_ENDINGS if _terms(noun + e) != [noun]}
    assert not wrong


def test_mixed_text_and_bare_particles() -> None:
    assert _terms("ReLU는 GPU를 CrossEntropyLoss를") == ["relu", "gpu", "crossentropyloss"]
    assert _terms("`torch.nn.ReLU()`를 사용하여") == ["torch", "nn", "relu", "사용"]
    assert _terms("$x$ 가 0보다 크면") == ["x", "0", "크면"]
    assert _terms("x값을 렐루함수에") == ["x", "값", "렐루함수"]  # compounds stay whole


def test_english_keeps_snowball_and_stopwords() -> None:
    assert _terms("Functions activations") == ["function", "activ"]
    assert not LANG.word_filter("the")
    assert not LANG.word_filter("The")  # searchtools.js lowercases before its stopword check
    assert not LANG.word_filter("2024")
    assert LANG.word_filter("2d")


def test_stems_of_the_book_only_lose_endings() -> None:
    words = set()
    for source in (ROOT / "docs").glob("*.md"):
        words |= set(re.findall("[가-힣]+", source.read_text(encoding="utf-8")))
    for word in words - set(ko_search.SUFFIXES):
        stem = ko_search.stem_korean(word)
        assert stem, word
        assert word.startswith(stem), (word, stem)
        assert len(stem) > 1 or stem == word or stem in ko_search.MONO, (word, stem)


def test_rules_are_fingerprinted() -> None:
    """Sphinx rebuilds the environment (and the index) when an extension's env_version changes."""
    metadata = ko_search.setup(type("App", (), {"add_search_language": lambda self, cls: None})())
    assert isinstance(metadata["env_version"], int)
    assert metadata["env_version"] == ko_search._fingerprint()
