"""Measure Korean search on the book: stock Sphinx search against the ko search language.

    PYTHONPATH=tests python bench/search_recall.py    # builds both sites into a temp dir (-E: no stale terms)
    PYTHONPATH=tests python bench/search_recall.py --stock A --ko B    # or measures two sites already built
    PYTHONPATH=tests python bench/search_recall.py --ko B    # or only the ko site

The stock site is the same book built with ``-D html_search_language=en``, which is what
``language = "ko"`` gives without docs/_ext/ko_search.py. Everything runs through the site's own
search code under node (tests/search/harness.js); the expected pages come from an independent text
scan (tests/search/expected.py, tests/search/spacing.py). For each site it reports

* recall on tests/search/queries.txt, plain queries and queries with a particle separately;
* recall on spacing variants: the hand-written tests/search/spacing.txt and the set generated from
  the book (glossary terms and heading compounds without their spaces, loanwords split in two),
  compounds typed joined and words typed split separately;
* pages returned that the query's words are not on (wrong pages), for every set;
* the sizes of searchindex.js and language_data.js, raw and gzipped;
* the mean time of one query in node (Search._parseQuery + Search._performSearch), over every query.

A benchmark, never a test: numbers only, nothing asserted.
"""

from __future__ import annotations

import argparse
import gzip
import subprocess
import sys
import tempfile
from pathlib import Path

from search.expected import expected_pages, load_queries, run_harness, site_texts
from search.spacing import generated_queries, load_spacing_queries, spacing_expected

ROOT = Path(__file__).resolve().parents[1]


def build(out: Path, *extra: str) -> Path:
    cmd = [
        sys.executable,
        "-m",
        "sphinx",
        "-q",
        "-E",
        "-b",
        "html",
        "-c",
        str(ROOT),
        str(ROOT / "docs"),
    ]
    subprocess.run([*cmd, str(out), *extra], check=True)
    return out


def _tally(counts: dict[str, list[int]], kind: str, must: set, may: set, found: set) -> None:
    row = counts.setdefault(kind, [0, 0, 0, 0])  # found, must, wrong pages, queries
    row[0] += len(must & found)
    row[1] += len(must)
    row[2] += len(found - may)
    row[3] += 1


def recall(html: Path) -> tuple[dict[str, list[int]], float]:
    texts = site_texts(html)
    queries = load_queries()
    hand = load_spacing_queries()
    generated = generated_queries(html, texts)
    every = [q.text for q in queries] + [q.text for q in hand] + [q.text for q in generated]
    response = run_harness(html, list(dict.fromkeys(every)), repeat=5)
    answers = response["results"]
    counts: dict[str, list[int]] = {}
    for query in queries:
        must, may = expected_pages(texts, query.words)
        kind = "plain" if query.text.lower().split() == list(query.words) else "particle"
        _tally(counts, kind, must, may, set(answers[query.text]["docs"]))
    for label, spacing in (("hand", hand), ("generated", generated)):
        for query in spacing:
            must, may = spacing_expected(texts, query)
            found = set(answers[query.text]["docs"])
            _tally(counts, f"{label} {query.kind}", must, may, found)
    return counts, response["ms_per_query"]


def sizes(html: Path) -> str:
    parts = []
    for name in ("searchindex.js", "_static/language_data.js"):
        data = (html / name).read_bytes()
        parts.append(f"{name} {len(data):,} B ({len(gzip.compress(data, 9)):,} B gz)")
    return ", ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stock", type=Path, help="a site built with html_search_language=en")
    parser.add_argument("--ko", type=Path, help="a site built with the ko search language")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sites = {"stock": args.stock, "ko": args.ko}
        if not args.stock and not args.ko:
            sites["stock"] = build(Path(tmp) / "stock", "-D", "html_search_language=en")
            sites["ko"] = build(Path(tmp) / "ko")
        for label, html in sites.items():
            if html is None:
                continue
            counts, ms = recall(html)
            print(f"{label}: {sizes(html)}; {ms:.2f} ms per query")
            for kind, (found, must, wrong, n) in counts.items():
                print(
                    f"  {kind:19} queries ({n:3}): found {found}/{must} pages "
                    f"({found / max(must, 1):.1%}), {wrong} wrong pages"
                )


if __name__ == "__main__":
    main()
