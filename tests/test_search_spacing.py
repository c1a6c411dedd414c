"""Korean search that forgives spacing, on the built book, through the site's own search code.

Two sets of spacing variants (tests/search/spacing.py): the hand-written tests/search/spacing.txt
(활성화함수, 소프트 맥스, ...) and a set generated from the built book here, at test time (every
glossary term and heading compound with its spaces removed, every loanword of three or more
syllables split in two). The expected pages come from the standard spelling through the
independent text scan (tests/search/expected.py); the pages found come from the built site's
searchtools.js + language_data.js + searchindex.js under node (tests/search/harness.js).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from search.expected import expected_pages, respacings, run_harness, site_texts
from search.spacing import (
    SpacingQuery,
    _compounds,
    generated_queries,
    is_transliteration,
    load_spacing_queries,
    spacing_expected,
)

MIN_RECALL = 0.95


@pytest.fixture(scope="module")
def texts(book_html: Path) -> dict[str, str]:
    return site_texts(book_html)


@pytest.fixture(scope="module")
def generated(book_html: Path, texts: dict[str, str]) -> list[SpacingQuery]:
    return generated_queries(book_html, texts)


def _score(
    html: Path, texts: dict[str, str], queries: list[SpacingQuery]
) -> tuple[float, list[str], list[str]]:
    """(recall, queries that missed pages, queries that found wrong pages)."""
    answers = run_harness(html, [q.text for q in queries])["results"]
    found_total = must_total = 0
    missed, wrong = [], []
    for query in queries:
        must, may = spacing_expected(texts, query)
        answer = answers[query.text]
        found = set(answer["docs"])
        found_total += len(must & found)
        must_total += len(must)
        where = f"{query.text!r} => {' '.join(query.standard)} (ways {answer.get('alternatives')})"
        if must - found:
            missed.append(f"{where}: missing {sorted(must - found)}")
        if found - may:
            wrong.append(f"{where}: wrongly found {sorted(found - may)}")
    assert must_total, "no query of the set has an expected page: the set no longer fits the book"
    return found_total / must_total, missed, wrong


# -- The independent scan and the generator, on their own ----------------------------------------


def test_spacing_scan_is_sound() -> None:
    assert list(respacings(("교차", "엔트로피", "손실"))) == [
        ("교차", "엔트로피", "손실"),
        ("교차엔트로피", "손실"),
        ("교차", "엔트로피손실"),
        ("교차엔트로피손실",),
    ]
    texts = {
        "spaced": "활성화 함수를 쓴다",
        "joined": "활성화함수를",
        "apart": "활성화는 함수의",
        "no": "함수",
    }
    joined = SpacingQuery("활성화함수", ("활성화", "함수"), "joined")
    assert spacing_expected(texts, joined) == (
        {"spaced", "apart", "joined"},
        {"spaced", "apart", "joined"},
    )
    texts = {"joined": "소프트맥스를", "spaced": "소프트 맥스", "plus": "소프트플러스"}
    split = SpacingQuery("소프트 맥스", ("소프트맥스",), "split")
    assert spacing_expected(texts, split) == ({"joined", "spaced"}, {"joined", "spaced"})
    # the standard spelling of a split query is found as typed too (은닉 층 finds 은닉 ... 층 today)
    texts = {"compound": "은닉층에서", "both": "은닉 상태와 층", "one": "은닉 상태"}
    split = SpacingQuery("은닉 층", ("은닉층",), "split")
    assert spacing_expected(texts, split) == ({"compound", "both"}, {"compound", "both"})


def test_generator_finds_compounds_and_loanwords() -> None:
    assert list(_compounds("교차 엔트로피 손실과 로짓")) == [("교차", "엔트로피", "손실과")]
    assert list(_compounds("뉴런과 활성화 함수")) == [("활성화", "함수")]
    assert list(_compounds("기울기 소실: 층마다 기울기의 크기")) == [("기울기", "소실")]
    assert list(_compounds("SiLU(스위시)")) == []
    for korean, english in [
        ("소프트맥스", "softmax"),
        ("시그모이드", "sigmoid"),
        ("파이토치", "PyTorch"),
    ]:
        assert is_transliteration(korean, english), korean
    for korean, english in [
        ("하이퍼볼릭", "hyperbolic"),
        ("엔트로피", "entropy"),
        ("퍼셉트론", "perceptron"),
    ]:
        assert is_transliteration(korean, english), korean
    for korean, english in [
        ("비선형성", "nonlinearity"),
        ("도함수", "derivative"),
        ("가중치", "weight"),
    ]:
        assert not is_transliteration(korean, english), korean
    for korean, english in [
        ("역전파", "backpropagation"),
        ("은닉층", "hidden"),
        ("기울기", "gradient"),
    ]:
        assert not is_transliteration(korean, english), korean


# -- On the built book ------------------------------------------------------------------------


@pytest.mark.build
def test_generated_set_covers_the_book(generated: list[SpacingQuery]) -> None:
    queries = {q.text: q for q in generated}
    for joined in ("활성화함수", "기울기소실", "교차엔트로피손실", "다중클래스분류"):
        assert joined in queries, joined
    for split in ("소프트 맥스", "시그모 이드", "파이 토치", "하이퍼 볼릭"):
        assert split in queries, split
    assert sum(q.kind == "joined" for q in queries.values()) >= 40
    assert sum(q.kind == "split" for q in queries.values()) >= 40


@pytest.mark.build
@pytest.mark.parametrize("kind", ["joined", "split"])
def test_hand_written_spacing_queries(book_html: Path, texts: dict[str, str], kind: str) -> None:
    queries = [q for q in load_spacing_queries() if q.kind == kind]
    recall, missed, wrong = _score(book_html, texts, queries)
    assert recall >= MIN_RECALL, f"recall {recall:.3f}:\n" + "\n".join(missed)
    assert not wrong, "\n".join(wrong)


@pytest.mark.build
@pytest.mark.parametrize("kind", ["joined", "split"])
def test_generated_spacing_queries(
    book_html: Path, texts: dict[str, str], generated: list[SpacingQuery], kind: str
) -> None:
    recall, missed, wrong = _score(book_html, texts, [q for q in generated if q.kind == kind])
    assert recall >= MIN_RECALL, f"recall {recall:.3f}:\n" + "\n".join(missed)
    assert not wrong, "\n".join(wrong)


@pytest.mark.build
def test_issue_examples(book_html: Path, texts: dict[str, str]) -> None:
    """활성화함수 finds what 활성화 함수 finds; 은닉 층 keeps its pages and gains 은닉층's."""
    queries = [
        "활성화 함수",
        "활성화함수",
        "활성화함수를",
        "은닉 층",
        "은닉층",
        "소프트 맥스",
        "소프트맥스",
    ]
    found = {q: set(a["docs"]) for q, a in run_harness(book_html, queries)["results"].items()}
    assert found["활성화 함수"]
    assert found["활성화함수"] == found["활성화 함수"]
    assert found["활성화함수를"] == found["활성화 함수"]
    spaced_today = expected_pages(texts, ("은닉", "층"))[0]
    assert found["은닉 층"] >= spaced_today | found["은닉층"]
    assert found["소프트 맥스"] == found["소프트맥스"]


@pytest.mark.build
def test_highlight_marks_what_matched(book_html: Path) -> None:
    """The terms handed to the highlighter are the segmented or joined terms that found the pages."""
    answers = run_harness(book_html, ["활성화함수를", "소프트 맥스", "시그모이드를"])["results"]
    assert set(answers["활성화함수를"]["highlight"]) == {"활성화", "함수"}
    assert answers["소프트 맥스"]["highlight"] == ["소프트맥스"]
    assert answers["시그모이드를"]["highlight"] == ["시그모이드를", "시그모이드"]
