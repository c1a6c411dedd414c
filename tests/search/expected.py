"""What a Korean search *should* return, worked out without the search code under test.

The expected pages for a query come from a plain scan of each built page's visible text (the
article, as the reader sees it) for the query's hand-written base words (tests/search/queries.txt).
Nothing here imports or imitates the stemmer in docs/_ext/ko_search.py: the particle list below is
a hand-made list of what may follow a noun in Korean prose, written before the stemmer.

For one base word and one page:

* the page *has* the word when it occurs at the start of a word (not inside 비활성화 for 활성화) and
  is followed by nothing, by a non-Hangul character, or by exactly one entry of PARTICLES
  (시그모이드를, 계산하여, 함수들의). Such pages must be found.
* the page *touches* the word when it occurs at the start of a word with anything after it (출력 in
  출력층, 온도 in 온도계). Such pages may be found or not: a compound is a judgement call.
* any other page lacks the word and must never be returned.

A multi-word query is an AND: a page must have (or touch) every word. Spacing is noise: a page
may also be returned when it touches the words written with some of their spaces left out (a page
with 소프트맥스 holds the query 소프트 맥스, one with 은닉층 the query 은닉 층).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

HERE = Path(__file__).resolve().parent

# Particles (조사), their common stacks, the copula (이다) and the endings of 하다/되다/시키다 verbs
# built on a noun. Hand-written; deliberately generous.
_PARTICLES = """
    은 는 이 가 을 를 의 에 에서 에게 께 한테 으로 로 으로서 로서 으로써 로써 와 과 랑 이랑 하고
    도 만 까지 부터 보다 처럼 같이 마다 만큼 뿐 밖에 조차 마저 이나 나 이든 든 이든지 든지 이란 란
    에는 에서는 에서도 에도 에만 에서만 으로는 로는 으로도 로도 으로만 로만 와는 과는 와도 과도 와의 과의
    에서의 에의 으로의 로의 까지의 부터의 보다는 보다도 처럼 만을 만의 만이 만으로 도를 이라도 라도
    들 들은 들는 들이 들을 들의 들에 들과 들도 들로 들에서 들보다 들만
    이다 입니다 이며 이고 인 일 이라 이라는 이라고 이면 이므로 이지만 이었다 이었습니다 였다 였습니다
    다 라는 라고 며 라 면 므로 지만 이죠 죠 예요 이에요 에요 이에서
    하다 합니다 한다 하는 한 할 함 하고 하며 하면 하여 해 해서 해야 하기 하지 하게 하도록 했다
    했습니다 하였다 하였습니다 해도 하므로 하지만 하려면 할수록 하니 합시다 하세요 해요 했고 하기도
    된다 됩니다 되는 된 될 됨 되고 되며 되면 되어 돼 되어서 돼서 되기 되지 되므로 되도록 되게 되었다
    되었습니다 됐다 됐습니다 되지만 되어야 되기도
    시킨다 시킵니다 시키는 시킨 시킬 시켜 시키고 시키며 시키면 시키기
    적 적인 적으로 적이다
"""
PARTICLES = frozenset(_PARTICLES.split())

_HANGUL = "가-힣"


@dataclass(frozen=True)
class Query:
    text: str
    words: tuple[str, ...]


def load_queries(path: Path = HERE / "queries.txt") -> list[Query]:
    queries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        text, _, words = line.partition("=>")
        queries.append(Query(text.strip(), tuple(words.split())))
    return queries


def page_text(html: str) -> str:
    """The article text of one built page, as a reader sees it (no navigation, no sidebars)."""
    soup = BeautifulSoup(html, "html.parser")
    main = soup.select_one("article.bd-article") or soup.select_one('[role="main"]')
    assert main is not None, "no article in the page"
    for junk in main.select(".headerlink, script, style, .prev-next-area"):
        junk.decompose()
    for math in main.select("math"):  # MathML spells softmax as <mi>s</mi><mi>o</mi>...
        math.replace_with(f" {math.get_text('')} ")
    return unicodedata.normalize("NFC", main.get_text(" "))


def site_texts(html_dir: Path) -> dict[str, str]:
    """docname -> article text, for every page the site's search index covers."""
    raw = (html_dir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(raw[raw.index("(") + 1 : raw.rindex(")")])
    return {
        doc: page_text((html_dir / f"{doc}.html").read_text(encoding="utf-8"))
        for doc in index["docnames"]
    }


def word_on_page(text: str, word: str) -> tuple[bool, bool]:
    """(has, touches) for one base word on one page; see the module docstring."""
    word = unicodedata.normalize("NFC", word).lower()
    text = text.lower()
    if re.fullmatch(f"[{_HANGUL}]+", word):
        pattern = re.compile(f"(?<![{_HANGUL}]){re.escape(word)}(?P<rest>)(?P<tail>[{_HANGUL}]*)")
    else:
        pattern = re.compile(
            rf"(?<![\w]){re.escape(word)}(?P<rest>[^\W{_HANGUL}]*)(?P<tail>[{_HANGUL}]*)"
        )
    has = touches = False
    for m in pattern.finditer(text):
        touches = True
        if not m["rest"] and (not m["tail"] or m["tail"] in PARTICLES):
            has = True
            break
    return has, touches


def respacings(words: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """Every way of writing the words with some of the spaces between them left out."""
    if len(words) <= 1:
        yield words
        return
    for rest in respacings(words[1:]):
        yield (words[0], *rest)
        yield (words[0] + rest[0], *rest[1:])


def expected_pages(texts: dict[str, str], words: tuple[str, ...]) -> tuple[set[str], set[str]]:
    """(must, may): pages that must be returned, and pages that may be returned.

    must: pages that have every word. may: pages that touch every word, for the words as given or
    written with some of their spaces left out.
    """
    must, may = set(texts), set()
    for word in words:
        must &= {doc for doc, text in texts.items() if word_on_page(text, word)[0]}
    for spaced in respacings(words):
        touched = set(texts)
        for word in spaced:
            touched &= {doc for doc, text in texts.items() if word_on_page(text, word)[1]}
        may |= touched
    return must, may


def run_harness(
    html_dir: Path,
    queries: list[str],
    summaries: tuple[int, ...] = (),
    *,
    repeat: int = 0,
    search: bool = True,
) -> dict:
    """Run the site's own searchtools.js + language_data.js + searchindex.js under node.

    search=False only parses the queries (terms and ways of spacing, no pages); repeat=n also
    times n more runs of every query (ms_per_query, for bench/search_recall.py).
    """
    import subprocess

    request = {"queries": queries, "summaries": list(summaries), "repeat": repeat, "search": search}
    request = json.dumps(request)
    proc = subprocess.run(
        ["node", str(HERE / "harness.js"), str(html_dir)],
        input=request,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)
