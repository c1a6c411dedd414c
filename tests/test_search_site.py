"""Korean search on built sites, through the site's own searchtools.js under node.

Every query of tests/search/queries.txt (written before the stemmer) runs through the built site's
searchtools.js + language_data.js + searchindex.js (tests/search/harness.js). The results must
include every page that has each base word with or without a particle, and no page that lacks one
(tests/search/expected.py, a plain text scan that knows nothing of the stemmer).

Two sites: a small fixture book made from the seed lesson (tests/search/fixture/, built here with
the real conf.py), and the real book (the `book_html` fixture).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bookbuild import make_project_copy, sphinx_build
from search.expected import expected_pages, load_queries, run_harness, site_texts, word_on_page

FIXTURE = Path(__file__).resolve().parent / "search" / "fixture"
QUERIES = load_queries()


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture book (seed lesson text, no code cells) built with the real conf.py.

    A copy of the project (bookbuild.make_project_copy), with the fixture pages as docs/.
    """
    root = make_project_copy(tmp_path_factory.mktemp("search-fixture")).root
    shutil.copytree(FIXTURE, root / "docs", dirs_exist_ok=True)
    out = root / "_build" / "html"
    result = sphinx_build(root, root / "docs", out)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-6000:]
    return out


def _check_queries(html: Path) -> tuple[list[str], int]:
    texts = site_texts(html)
    assert all(texts.values()), "a page of the site has no article text"
    answers = run_harness(html, [q.text for q in QUERIES])["results"]
    problems, expecting = [], 0
    for query in QUERIES:
        must, may = expected_pages(texts, query.words)
        expecting += bool(must)
        found = set(answers[query.text]["docs"])
        missing, extra = must - found, found - may
        if missing or extra:
            problems.append(
                f"{query.text!r} (terms {answers[query.text]['terms']}): "
                f"missing {sorted(missing)}, wrongly found {sorted(extra)}"
            )
    return problems, expecting


def test_expected_pages_scan_is_sound() -> None:
    """The independent scan itself: particles count, compounds and inner matches do not."""
    assert word_on_page("시그모이드를 쓰면", "시그모이드") == (True, True)
    assert word_on_page("(시그모이드)", "시그모이드") == (True, True)
    assert word_on_page("값을 계산하여 얻는다", "계산") == (True, True)
    assert word_on_page("출력층이라는 낱말", "출력") == (False, True)
    assert word_on_page("비활성화된 단추", "활성화") == (False, False)
    assert word_on_page("nn.ReLU()를 쓴다", "relu") == (True, True)
    assert word_on_page("LeakyReLU와 leaky_relu", "relu") == (False, False)
    texts = {"a": "활성화 함수는", "b": "활성화만", "c": "함수를"}
    assert expected_pages(texts, ("활성화", "함수")) == ({"a"}, {"a"})


@pytest.mark.build
def test_fixture_book_queries(fixture_site: Path) -> None:
    problems, expecting = _check_queries(fixture_site)
    assert not problems, "\n".join(problems)
    assert expecting > len(QUERIES) * 3 // 4  # the query list fits the fixture's text


@pytest.mark.build
def test_real_book_queries(book_html: Path) -> None:
    problems, expecting = _check_queries(book_html)
    assert not problems, "\n".join(problems)
    assert expecting > len(QUERIES) // 2  # the scan finds the book's text


@pytest.mark.build
def test_search_summary_is_korean(fixture_site: Path) -> None:
    """Sphinx 9.0.4's Korean "found N pages" line is empty; the site shows a Korean one."""
    summaries = run_harness(fixture_site, [], summaries=(1, 3))["summaries"]
    for n, line in summaries.items():
        assert str(n) in line, line
        assert re.search("[가-힣]", line), line
        assert "Search finished" not in line
