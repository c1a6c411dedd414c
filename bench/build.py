"""Build-time benchmark of the real book: the author's edit → rebuild → look loop.

    python bench/build.py                 # 3 runs of each scenario (nox -s bench)
    python bench/build.py --runs 1        # quicker, noisier
    python bench/build.py --output bench/results.md

Works on a throwaway copy of the project (conf.py, docs/, src/, …) in --work, so the real tree and
its caches are never touched; the copy's src/ is put first on PYTHONPATH for the notebook kernels.
Scenarios, each the median of --runs runs and a ratio to the cold serial build:

* cold serial / cold -j 2: empty execution cache and output folder;
* no-change rebuild;
* prose-only edit (a sentence appended to one chapter's text);
* code-cell edit (a comment appended to one code cell of one chapter);
* src/ edit (a comment appended to src/actfn/functions.py: a new cache fingerprint).

For the edits, which notebooks were executed is read from jupyter-cache's own records (records
created by that build), not inferred from timings. Then the site's total size and every page's
first-load weight (all requests Chromium makes, gzip; bench/pageweight.py's measurement).
Prints a markdown table (and writes it with --output). A benchmark: it asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from jupyter_cache import get_cache

ROOT = Path(__file__).resolve().parents[1]
COPY = [
    "conf.py",
    "pyproject.toml",
    "README.md",
    "LICENSE",
    "NOTICE",
    "requirements",
    "src",
    "docs",
]
STRICT = ["-n", "-W", "--keep-going"]
EDITED_CHAPTER = "02-relu-sigmoid.md"


class Workspace:
    def __init__(self, path: Path) -> None:
        self.root = path
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True)
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "_notes*")
        for name in COPY:
            src = ROOT / name
            if src.is_dir():
                shutil.copytree(src, path / name, ignore=ignore)
            else:
                shutil.copy(src, path / name)
        self.html = path / "_build" / "html"
        self.cache = path / "_build" / ".jupyter_cache"

    def clean(self) -> None:
        shutil.rmtree(self.root / "_build", ignore_errors=True)

    def build(self, jobs: int = 1) -> float:
        cmd = [sys.executable, "-m", "sphinx", *STRICT, "-j", str(jobs), "-b", "html"]
        cmd += ["-c", str(self.root), str(self.root / "docs"), str(self.html)]
        env = {**os.environ, "PYTHONPATH": str(self.root / "src")}
        start = time.perf_counter()
        result = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
        elapsed = time.perf_counter() - start
        if result.returncode:
            sys.exit(f"build failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
        return elapsed

    def records(self) -> set[tuple[str, int, str]]:
        """Every execution recorded in every cache folder: (cache folder, record id, notebook)."""
        found = set()
        for folder in sorted(self.cache.glob("*/")):
            for record in get_cache(str(folder)).list_cache_records():
                found.add((folder.name, record.pk, Path(record.uri).name))
        return found


def _edit_prose(ws: Workspace, run: int) -> None:
    path = ws.root / "docs" / EDITED_CHAPTER
    path.write_text(path.read_text() + f"\n벤치마크에서 덧붙인 문장 {run}입니다.\n")


def _edit_code(ws: Workspace, run: int) -> None:
    path = ws.root / "docs" / EDITED_CHAPTER
    text = path.read_text()
    cells = [m.end() for m in re.finditer(r"```\{code-cell\}[^\n]*\n(?::tags:[^\n]*\n)?", text)]
    at = cells[1]  # the second code cell (the first is the setup cell)
    path.write_text(text[:at] + f"# benchmark edit {run}\n" + text[at:])


def _edit_src(ws: Workspace, run: int) -> None:
    path = ws.root / "src" / "actfn" / "functions.py"
    path.write_text(path.read_text() + f"\n# benchmark edit {run}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/actfn-bench-build"))
    parser.add_argument("--output", type=Path, help="also write the markdown report here")
    parser.add_argument("--no-pageweight", action="store_true", help="skip the browser part")
    args = parser.parse_args()

    ws = Workspace(args.work)
    times: dict[str, list[float]] = {}
    executed: dict[str, list[str]] = {}

    def cold(label: str, jobs: int) -> None:
        for _ in range(args.runs):
            ws.clean()
            times.setdefault(label, []).append(ws.build(jobs))
            print(f"{label}: {times[label][-1]:.1f} s", flush=True)

    cold("cold build, serial", 1)
    cold("cold build, -j 2", 2)
    for _ in range(args.runs):
        times.setdefault("no-change rebuild", []).append(ws.build())
    for label, edit in [
        ("prose-only edit (one chapter)", _edit_prose),
        ("code-cell edit (one chapter)", _edit_code),
        ("src/ edit (one function)", _edit_src),
    ]:
        for run in range(args.runs):
            before = ws.records()
            edit(ws, run)
            times.setdefault(label, []).append(ws.build())
            new = sorted({nb for _, _, nb in ws.records() - before})
            executed[label] = new
            print(f"{label}: {times[label][-1]:.1f} s, executed {new or 'nothing'}", flush=True)

    base = statistics.median(times["cold build, serial"])
    lines = [
        f"# Build benchmark — {dt.date.today().isoformat()}",
        "",
        f"Machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()},"
        f" {platform.platform()}. Median of {args.runs} run(s); command: `nox -s bench`.",
        "",
        "| scenario | median (s) | runs (s) | × cold serial | notebooks executed (cache records) |",
        "|---|---:|---|---:|---|",
    ]
    for label, values in times.items():
        runs = ", ".join(f"{v:.1f}" for v in values)
        notebooks = ", ".join(executed.get(label, [])) or ("—" if label in executed else "")
        ratio = statistics.median(values) / base
        lines.append(
            f"| {label} | {statistics.median(values):.1f} | {runs} | {ratio:.2f} | {notebooks} |"
        )

    files = [p for p in ws.html.rglob("*") if p.is_file()]
    raw = sum(p.stat().st_size for p in files)
    gz = sum(len(gzip.compress(p.read_bytes(), 6, mtime=0)) for p in files)
    lines += ["", f"Site: {len(files)} files, {raw / 1e6:.2f} MB raw, {gz / 1e6:.2f} MB gzip."]

    if not args.no_pageweight:
        sys.path.insert(0, str(Path(__file__).parent))
        from pageweight import measure

        pages = sorted(p.name for p in ws.html.glob("*.html"))
        weights = measure(ws.html, pages)
        lines += ["", "| page | requests | first load, raw (KB) | first load, gzip (KB) |"]
        lines += ["|---|---:|---:|---:|"]
        for name, w in weights.items():
            lines.append(
                f"| {name} | {w['requests']} | {w['raw'] / 1e3:.0f} | {w['gzip'] / 1e3:.0f} |"
            )

    report = "\n".join(lines) + "\n"
    print("\n" + report)
    if args.output:
        args.output.write_text(report)


if __name__ == "__main__":
    main()
