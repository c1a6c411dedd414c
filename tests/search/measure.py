"""Measure Korean search on the book: stock Sphinx search against the ko search language.

    python tests/search/measure.py                     # builds both sites into a temp dir
    python tests/search/measure.py --stock A --ko B    # or measures two sites already built

The stock site is the same book built with ``-D html_search_language=en``, which is what
``language = "ko"`` gives without docs/_ext/ko_search.py. For every query of queries.txt it counts
the pages that must be found (tests/search/expected.py) and how many the site's own search code
finds (under node), plain queries and queries with a particle separately, and the pages returned
that lack a query word; then the sizes of searchindex.js and language_data.js, raw and gzipped.
"""

from __future__ import annotations

import argparse
import gzip
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE.parent))

from search.expected import expected_pages, load_queries, run_harness, site_texts  # noqa: E402


def build(out: Path, *extra: str) -> Path:
    cmd = [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-c", str(ROOT), str(ROOT / "docs")]
    subprocess.run([*cmd, str(out), *extra], check=True)
    return out


def recall(html: Path) -> dict[str, list[int]]:
    texts = site_texts(html)
    queries = load_queries()
    answers = run_harness(html, [q.text for q in queries])["results"]
    counts = {"plain": [0, 0, 0, 0], "particle": [0, 0, 0, 0]}  # found, must, wrong pages, queries
    for query in queries:
        must, may = expected_pages(texts, query.words)
        found = set(answers[query.text]["docs"])
        kind = "plain" if query.text.lower().split() == list(query.words) else "particle"
        counts[kind][0] += len(must & found)
        counts[kind][1] += len(must)
        counts[kind][2] += len(found - may)
        counts[kind][3] += 1
    return counts


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
        stock = args.stock or build(Path(tmp) / "stock", "-D", "html_search_language=en")
        ko = args.ko or build(Path(tmp) / "ko")
        for label, html in (("stock", stock), ("ko", ko)):
            print(f"{label}: {sizes(html)}")
            for kind, (found, must, wrong, n) in recall(html).items():
                print(
                    f"  {kind:8} queries ({n}): found {found}/{must} pages "
                    f"({found / max(must, 1):.0%}), {wrong} returned pages lacking a query word"
                )


if __name__ == "__main__":
    main()
