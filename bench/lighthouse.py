"""Lighthouse (mobile) on every page of the built site: the phone budget of issue 14.

    python bench/lighthouse.py                              # _build/html, 5 runs, bench/lighthouse.md
    python bench/lighthouse.py --site before=/tmp/old --site after=_build/html   # compare, interleaved
    python bench/lighthouse.py --runs 3 --pages index.html api/functions.html    # quicker, noisier

Each site is served by bench/serve.py (gzip and cache headers, as GitHub Pages sends them) under its
published path /actfn/. Every page is measured --runs times with Lighthouse's mobile preset
(simulated Moto G Power, 4× CPU slowdown, slow 4G) in Debian's Chromium with fixed flags; runs are
interleaved (run 1 of every page of every site, then run 2, …) so that a change in the machine's load
hits every page and both sites alike. For each page the table gives the median of the runs for each
number, the performance scores of all runs (their spread shows the noise), and marks every number
outside the budget:

    total blocking time ≤ 150 ms, LCP ≤ 2.5 s, CLS ≤ 0.1, DOM ≤ 3,000 nodes, performance ≥ 0.95,
    accessibility, best practices and SEO = 1.00

The machine's load average is recorded before and after: Lighthouse's simulated timings scale with
the CPU time the page really took, so a busy machine lowers the scores (measure alone).
Writes one section per site label into --output (other labels' sections are kept) and the raw
numbers as JSON next to it in --work. A benchmark: it asserts nothing and always exits 0.
Needs `npm ci` (Lighthouse is pinned in package.json) and /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import threading
from pathlib import Path

from serve import Handler  # bench/serve.py

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME = Path("/usr/bin/chromium")
PREFIX = "/actfn/"
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]

#: (column, how to read it from a Lighthouse report, budget check, format)
METRICS = {
    "performance": (lambda r: r["categories"]["performance"]["score"], lambda v: v >= 0.95),
    "TBT ms": (lambda r: r["audits"]["total-blocking-time"]["numericValue"], lambda v: v <= 150),
    "LCP s": (
        lambda r: r["audits"]["largest-contentful-paint"]["numericValue"] / 1000,
        lambda v: v <= 2.5,
    ),
    "CLS": (lambda r: r["audits"]["cumulative-layout-shift"]["numericValue"], lambda v: v <= 0.1),
    "DOM nodes": (lambda r: r["audits"]["dom-size"]["numericValue"], lambda v: v <= 3000),
    "a11y": (lambda r: r["categories"]["accessibility"]["score"], lambda v: v >= 1),
    "BP": (lambda r: r["categories"]["best-practices"]["score"], lambda v: v >= 1),
    "SEO": (lambda r: r["categories"]["seo"]["score"], lambda v: v >= 1),
}
FORMATS = {"TBT ms": "{:.0f}", "LCP s": "{:.2f}", "CLS": "{:.3f}", "DOM nodes": "{:,.0f}"}


def site_pages(html: Path) -> list[str]:
    """Every HTML page a reader can open (not the theme's or Sphinx's support files)."""
    skip = {"_static", "_sources", "_images", "_downloads", "_sphinx_design_static"}
    return sorted(
        p.relative_to(html).as_posix()
        for p in html.rglob("*.html")
        if not skip & set(p.relative_to(html).parts)
    )


def serve(html: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(type("H", (Handler,), {"prefix": PREFIX}), directory=str(html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"


def lighthouse(url: str) -> dict:
    cmd = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
    ]
    env = {**os.environ, "CHROME_PATH": str(CHROME)}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}:\n{done.stderr[-3000:]}")
    report = json.loads(done.stdout)
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse: {url}: {report['runtimeError']}")
    return report


def numbers(report: dict) -> dict[str, float]:
    out = {name: read(report) for name, (read, _) in METRICS.items()}
    # Where the main-thread time went (simulated ms), the three biggest scripts.
    bootup = report["audits"].get("bootup-time", {}).get("details", {}).get("items", [])
    # What keeps accessibility, best practices or SEO below 1.00 (audit ids).
    out["failing"] = sorted(
        ref["id"]
        for name in ("accessibility", "best-practices", "seo")
        for ref in report["categories"][name]["auditRefs"]
        if ref["weight"] > 0
        and (report["audits"][ref["id"]].get("score") or 0) < 1
        and report["audits"][ref["id"]].get("scoreDisplayMode")
        not in ("notApplicable", "manual", "informative")
    )
    out["scripts"] = [
        (item["url"].rsplit("/", 1)[-1].split("?")[0], round(item["total"]))
        for item in sorted(bootup, key=lambda i: -i["total"])[:3]
    ]
    return out


def git_commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + (" + uncommitted changes" if git("status", "--porcelain") else "")


def chromium_version() -> str:
    return subprocess.run(
        [str(CHROME), "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()


def lighthouse_version() -> str:
    package = ROOT / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text())["version"]


def section(label: str, site: Path, runs: dict[str, list[dict]], meta: dict) -> str:
    lines = [
        f"## {label}",
        "",
        f"Site: `{site}`, {meta['date']} (repository at {meta['commit']}). Lighthouse "
        f"{meta['lighthouse']}, {meta['chromium']}, mobile preset (simulated throttling), median of "
        f"{meta['runs']} runs per page. Machine: {meta['machine']}; load average (1 min) "
        f"{meta['load_before']:.1f} before, {meta['load_after']:.1f} after. Command: "
        f"`{meta['command']}`.",
        "",
        "| page | "
        + " | ".join(METRICS)
        + " | performance, every run | main thread (ms) | failing a11y/BP/SEO audits |",
        "|---|" + "---:|" * len(METRICS) + "---|---|---|",
    ]
    misses = []
    for page, results in runs.items():
        cells = []
        for name, (_, ok) in METRICS.items():
            value = statistics.median(r[name] for r in results)
            text = FORMATS.get(name, "{:.2f}").format(value)
            if not ok(value):
                text = f"**{text}** ✗"
                misses.append(f"{page} {name}")
            cells.append(text)
        every = " ".join(f"{r['performance']:.2f}" for r in results)
        scripts = results[len(results) // 2]["scripts"]
        top = ", ".join(f"{name} {ms}" for name, ms in scripts)
        failing = ", ".join(sorted({a for r in results for a in r["failing"]})) or "—"
        lines.append(f"| {page} | " + " | ".join(cells) + f" | {every} | {top} | {failing} |")
    lines += [
        "",
        f"Outside the budget: {', '.join(misses)}." if misses else "Every page meets the budget.",
        "",
    ]
    return "\n".join(lines)


def write_sections(output: Path, sections: dict[str, str]) -> None:
    """Replace (or add) the given labels' sections; keep every other section of the file."""
    header = (
        "# Lighthouse (mobile) on every page\n\n"
        "Written by `bench/lighthouse.py` (its docstring says how it measures). Budgets per page: "
        "total blocking time ≤ 150 ms, LCP ≤ 2.5 s, CLS ≤ 0.1, DOM ≤ 3,000 nodes, performance "
        "≥ 0.95, accessibility/best practices/SEO 1.00; ✗ marks a miss. The main-thread column "
        "names the three scripts Lighthouse charges the most (simulated) time to, in the median "
        "run.\n\n"
    )
    existing: dict[str, str] = {}
    if output.exists():
        parts = re.split(r"^(?=## )", output.read_text(encoding="utf-8"), flags=re.M)
        for part in parts:
            if part.startswith("## "):
                existing[part.splitlines()[0][3:].strip()] = part.rstrip() + "\n"
    existing.update(sections)
    output.write_text(header + "\n".join(existing.values()), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--site",
        action="append",
        metavar="LABEL=DIR",
        help="a built site to measure, with the label of its section (default: latest=_build/html)",
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", nargs="*", help="pages to measure (default: every page)")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "lighthouse.md")
    parser.add_argument("--work", type=Path, default=Path("/tmp/actfn-lighthouse"))
    args = parser.parse_args()
    if args.runs < 1:
        parser.error(f"--runs must be at least 1, got {args.runs}")
    for need, how in [
        (LIGHTHOUSE, "run `npm ci` in the repository"),
        (CHROME, "apt-get install chromium"),
    ]:
        if not Path(need).exists():
            sys.exit(f"{need} is missing: {how}")
    sites: dict[str, Path] = {}
    for spec in args.site or [f"latest={ROOT / '_build' / 'html'}"]:
        label, sep, directory = spec.partition("=")
        if not sep or not label:
            parser.error(f"--site takes LABEL=DIR, got {spec!r}")
        html = Path(directory).resolve()
        if not (html / "index.html").is_file():
            parser.error(f"--site {spec!r}: no built site (index.html) in {html}")
        sites[label] = html
    pages = {label: args.pages or site_pages(html) for label, html in sites.items()}
    servers = {label: serve(html) for label, html in sites.items()}
    runs: dict[str, dict[str, list[dict]]] = {
        label: {p: [] for p in pages[label]} for label in sites
    }
    load_before = os.getloadavg()[0]
    started = dt.datetime.now(dt.UTC)
    args.work.mkdir(parents=True, exist_ok=True)
    for run in range(1, args.runs + 1):
        for page in sorted({p for ps in pages.values() for p in ps}):
            for label in sites:
                if page not in runs[label]:
                    continue
                report = lighthouse(servers[label][1] + page)
                result = numbers(report)
                runs[label][page].append(result)
                print(
                    f"run {run}/{args.runs} {label:>8} {page:40} perf {result['performance']:.2f}"
                    f"  TBT {result['TBT ms']:5.0f}  LCP {result['LCP s']:.2f}"
                    f"  DOM {result['DOM nodes']:5.0f}  load {os.getloadavg()[0]:.1f}",
                    flush=True,
                )
    for server, _ in servers.values():
        server.shutdown()
    meta = {
        "commit": git_commit(),
        "date": started.strftime("%Y-%m-%d %H:%M UTC"),
        "lighthouse": lighthouse_version(),
        "chromium": chromium_version(),
        "runs": args.runs,
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, {platform.platform()}",
        "load_before": load_before,
        "load_after": os.getloadavg()[0],
        "command": "python bench/lighthouse.py " + " ".join(sys.argv[1:]),
    }
    sections = {label: section(label, sites[label], runs[label], meta) for label in sites}
    write_sections(args.output, sections)
    (args.work / "lighthouse.json").write_text(
        json.dumps({"meta": meta, "runs": runs}, indent=1, ensure_ascii=False)
    )
    print("\n".join(sections.values()))
    print(f"written: {args.output}; raw numbers: {args.work / 'lighthouse.json'}")


if __name__ == "__main__":
    main()
