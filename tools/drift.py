"""Compare the executed outputs of two builds of the book: has anything a reader sees changed?

    python tools/drift.py OLD_HTML NEW_HTML [--new-warnings FILE] [--report FILE]

Made for the weekly job (.github/workflows/drift.yml, ``nox -s drift``): OLD is the book built with
the pinned torch, NEW the same commit built with the newest torch release. Exit status 0 when the
builds agree, 1 on any difference, 2 on bad arguments.

**What it reads.** The executed notebooks a build publishes for download,
``<html>/_sources/**/*.ipynb`` (docs/_ext/book_downloads.py writes them with every output, cached
or not). They hold exactly what the pages show, as plain JSON with one entry per cell and output, so
no HTML has to be parsed; a glued value is an output tagged with its glue name. Only code cells'
outputs are compared (markdown cells are the chapter's own text, identical in both builds), and
the cells of the two builds are paired by position (both builds are of the same sources; a cell
whose source differs is reported as such).

**How outputs are compared.**

* Text outputs (stdout, stderr, results, errors, HTML tables): exactly.
* Glued values: their numbers with a relative tolerance (``--rtol``, default 1e-4: the prose shows
  at most four significant digits), the text around the numbers exactly.
* Figures (SVG, as the chapters' setup cell asks matplotlib for): by their drawing data. An SVG
  from matplotlib is its data already transformed to points; its text labels are kept as
  ``<!-- label -->`` comments. Labels must match exactly; every other number (path coordinates,
  positions) within ``--figure-tolerance`` points (default 0.1 pt: below a quarter of a device
  pixel at any size the site shows a figure, so only a change a reader could see is reported).
  Element ids, which matplotlib derives from a hash of the content, are renamed in order of first
  appearance before comparing. This is cheaper and more telling than a pixel comparison ("12 of
  3,417 coordinates moved, by up to 2.3 pt" rather than "0.4% of pixels differ") and needs no
  rasteriser. Other image formats are compared byte for byte.
* Build log: warnings in NEW's warning file (``sphinx-build -w FILE``) that OLD's does not have
  (OLD's is empty for a strict build and may be omitted). Locations are reduced to file names, so
  two checkouts in different folders compare equal.

**Allowed differences** (``tools/drift-allow.toml``): outputs that must differ, e.g. a cell that
prints ``torch.__version__``. Each entry names the chapters (a glob), a regular expression the cell's
source must match, and the reason; such cells are listed in the report but are not differences.
"""

from __future__ import annotations

import argparse
import base64
import difflib
import fnmatch
import json
import math
import re
import sys
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ALLOW_FILE = Path(__file__).with_name("drift-allow.toml")
RTOL = 1e-4
FIGURE_TOLERANCE = 0.1  # points

#: A number on its own: not part of a word, an id or a hex colour (``float64``, ``#1f77b4``).
_NUMBER = re.compile(r"(?<![\w#.\-])-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?![\w.])")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_SVG_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_SVG_ID = re.compile(r'\bid="([^"]+)"')
#: ``/any/absolute/path/file.md`` → ``file.md`` (warning locations, paths inside messages).
_ABSOLUTE_PATH = re.compile(r"(?:/[^/\s:'\"()]+)+/([^/\s:'\"()]+)")
_LOG_RECORD = re.compile(r"\b(WARNING|ERROR|CRITICAL):")


# -- data ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    """One thing a reader would see differently. ``chapter`` is the notebook's path without suffix
    (``02-relu-sigmoid``), ``cell`` e.g. ``code cell 4`` (empty for the build log)."""

    chapter: str
    cell: str
    what: str  # "stdout", "glue `ratio`", "figure", "new warning", ...
    old: str
    new: str
    detail: str = ""


@dataclass(frozen=True)
class Allowed:
    chapter: str
    cell: str
    reason: str


@dataclass(frozen=True)
class Rule:
    chapters: str
    source: re.Pattern[str]
    reason: str


@dataclass
class Result:
    differences: list[Difference] = field(default_factory=list)
    allowed: list[Allowed] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class _Item:
    """One comparable piece of a cell's outputs."""

    what: str  # label in the report
    kind: str  # text | glue | svg | bytes
    value: str


# -- reading ---------------------------------------------------------------------------------------


def notebooks(html: Path) -> dict[str, dict]:
    """The executed notebooks of a built site, by chapter (``_sources/<chapter>.ipynb``)."""
    sources = html / "_sources"
    found = {}
    for path in sorted(sources.rglob("*.ipynb")):
        found[path.relative_to(sources).with_suffix("").as_posix()] = json.loads(
            path.read_text(encoding="utf-8")
        )
    return found


def _text(value: str | list[str]) -> str:
    return "".join(value) if isinstance(value, list) else value


def _code_cells(notebook: dict) -> list[dict]:
    return [cell for cell in notebook.get("cells", []) if cell.get("cell_type") == "code"]


def _items(cell: dict) -> list[_Item]:
    """A cell's outputs as comparable items; consecutive stream outputs of one name are joined."""
    items: list[_Item] = []
    for output in cell.get("outputs", []):
        kind = output.get("output_type")
        if kind == "stream":
            name, text = output.get("name", "stdout"), _text(output.get("text", ""))
            if items and items[-1].what == name:
                items[-1] = _Item(name, "text", items[-1].value + text)
            else:
                items.append(_Item(name, "text", text))
        elif kind == "error":
            trace = "\n".join(output.get("traceback", []))
            text = f"{output.get('ename')}: {output.get('evalue')}\n{trace}"
            items.append(_Item("error", "text", _ANSI.sub("", text)))
        elif kind in {"execute_result", "display_data"}:
            scrapbook = (output.get("metadata") or {}).get("scrapbook") or {}
            glue, prefix = scrapbook.get("name"), scrapbook.get("mime_prefix", "")
            for stored, data in sorted(output.get("data", {}).items()):
                mime = stored.removeprefix(prefix)  # glue stores application/papermill.record/…
                label = f"glue `{glue}` ({mime})" if glue else mime
                if mime == "image/svg+xml":
                    items.append(_Item(f"figure ({label})", "svg", _text(data)))
                elif mime.startswith("image/"):
                    items.append(_Item(f"figure ({label})", "bytes", _text(data)))
                elif glue and mime == "text/plain":
                    items.append(_Item(f"glue `{glue}`", "glue", _text(data)))
                else:
                    items.append(_Item(label, "text", _text(data)))
    return items


def load_rules(path: Path) -> list[Rule]:
    """The allow-list: ``[[allow]]`` tables with ``chapters`` (glob), ``source`` (regex), ``reason``."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ValueError(f"--allow: cannot read {path}: {error}") from None
    rules = []
    for number, entry in enumerate(data.get("allow", []), 1):
        missing = {"chapters", "source", "reason"} - set(entry)
        if missing or not str(entry.get("reason", "")).strip():
            raise ValueError(
                f"--allow: {path} entry {number} needs chapters, source and a reason "
                f"(missing: {', '.join(sorted(missing)) or 'reason text'})"
            )
        try:
            pattern = re.compile(entry["source"])
        except re.error as error:
            raise ValueError(f"--allow: {path} entry {number}: bad source regex: {error}") from None
        rules.append(Rule(entry["chapters"], pattern, entry["reason"]))
    return rules


# -- comparing -------------------------------------------------------------------------------------


def _split_numbers(text: str) -> tuple[str, list[float]]:
    numbers = [float(m[0]) for m in _NUMBER.finditer(text)]
    return _NUMBER.sub("#", text), numbers


def compare_numbers(old: str, new: str, *, rtol: float = 0.0, atol: float = 0.0) -> str | None:
    """None when ``old`` and ``new`` are the same text up to numbers within the tolerance (each
    number: ``|a - b| <= max(rtol * max(|a|, |b|), atol)``); otherwise what differs."""
    old_text, old_numbers = _split_numbers(old)
    new_text, new_numbers = _split_numbers(new)
    if old_text != new_text or len(old_numbers) != len(new_numbers):
        return "text changed"
    moved = [
        (a, b)
        for a, b in zip(old_numbers, new_numbers, strict=True)
        if not math.isclose(a, b, rel_tol=rtol, abs_tol=atol)
    ]
    if not moved:
        return None
    if len(old_numbers) == 1:
        a, b = moved[0]
        if rtol and a:
            return f"relative change {abs(b - a) / max(abs(a), abs(b)):.1e} > {rtol:g}"
        return f"change {abs(b - a):.3g} > {max(atol, 0):g}"
    largest = max(abs(b - a) for a, b in moved)
    return f"{len(moved)} of {len(old_numbers):,} numbers moved, by up to {largest:.3g}"


def _normalise_svg_ids(svg: str) -> str:
    ids = list(dict.fromkeys(_SVG_ID.findall(svg)))
    if not ids:
        return svg
    names = {old: f"id{i}" for i, old in enumerate(ids)}
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])")
    return pattern.sub(lambda m: names[m[1]], svg)


def compare_svg(old: str, new: str, *, tolerance: float = FIGURE_TOLERANCE) -> str | None:
    """None when two matplotlib SVGs draw the same thing (labels exact, numbers within
    ``tolerance`` points); otherwise what differs."""
    old, new = _normalise_svg_ids(old), _normalise_svg_ids(new)
    old_labels = [s.strip() for s in _SVG_COMMENT.findall(old)]
    new_labels = [s.strip() for s in _SVG_COMMENT.findall(new)]
    if old_labels != new_labels:
        changed = [f"'{a}' → '{b}'" for a, b in zip(old_labels, new_labels, strict=False) if a != b]
        if len(old_labels) != len(new_labels):
            changed.append(f"{len(old_labels)} → {len(new_labels)} labels")
        return "labels changed: " + ", ".join(changed[:8])
    found = compare_numbers(_SVG_COMMENT.sub("", old), _SVG_COMMENT.sub("", new), atol=tolerance)
    if found == "text changed":
        return "drawing changed (elements added, removed or restyled)"
    return found and found.replace("numbers", "coordinates") + " pt"


def _compare_item(old: _Item, new: _Item, rtol: float, tolerance: float) -> str | None:
    if old.what != new.what or old.kind != new.kind:
        return "different output"
    if old.kind == "glue":
        return compare_numbers(old.value, new.value, rtol=rtol)
    if old.kind == "svg":
        return compare_svg(old.value, new.value, tolerance=tolerance)
    return None if old.value == new.value else ("changed" if old.kind == "text" else "bytes differ")


def _snippet(cell: dict) -> str:
    for line in _text(cell.get("source", "")).splitlines():
        if line.strip() and not line.lstrip().startswith(("#", "%")):
            return line.strip()[:70]
    return ""


def _shown(item: _Item | None) -> str:
    if item is None:
        return "(none)"
    if item.kind in {"svg", "bytes"}:
        size = len(base64.b64decode(item.value)) if item.kind == "bytes" else len(item.value)
        return f"{item.what}, {size:,} bytes"
    return item.value


def compare_cells(
    chapter: str,
    old_cells: Sequence[dict],
    new_cells: Sequence[dict],
    rules: Sequence[Rule],
    result: Result,
    *,
    rtol: float,
    tolerance: float,
) -> None:
    if len(old_cells) != len(new_cells):
        result.differences.append(
            Difference(
                chapter, "", "code cells", str(len(old_cells)), str(len(new_cells)),
                "the two builds are of different sources",
            )
        )  # fmt: skip
    for number, (old, new) in enumerate(zip(old_cells, new_cells, strict=False), 1):
        where = f"code cell {number}"
        snippet = _snippet(old)
        if snippet:
            where += f" (`{snippet}`)"
        source = _text(old.get("source", ""))
        if source != _text(new.get("source", "")):
            result.differences.append(
                Difference(chapter, where, "source", "", "", "the two builds are of different sources")
            )  # fmt: skip
            continue
        old_items, new_items = _items(old), _items(new)
        result.counts["cells"] += 1
        result.counts["glued values"] += sum(i.kind == "glue" for i in old_items)
        result.counts["figures"] += sum(i.kind in {"svg", "bytes"} for i in old_items)
        found = []
        for index in range(max(len(old_items), len(new_items))):
            a = old_items[index] if index < len(old_items) else None
            b = new_items[index] if index < len(new_items) else None
            why = "new output" if a is None else "output gone" if b is None else None
            why = why or _compare_item(a, b, rtol, tolerance)
            if why:
                what = (a or b).what  # type: ignore[union-attr]
                found.append(Difference(chapter, where, what, _shown(a), _shown(b), why))
        rule = next(
            (r for r in rules if fnmatch.fnmatch(chapter, r.chapters) and r.source.search(source)),
            None,
        )
        if found and rule:
            result.allowed.append(Allowed(chapter, where, rule.reason))
        else:
            result.differences.extend(found)


def read_warnings(path: Path | None) -> list[str]:
    """Warning and error records of a ``sphinx-build -w`` file (continuation lines joined),
    ANSI colours removed and absolute paths reduced to file names."""
    if path is None:
        return []
    records: list[str] = []
    for line in _ANSI.sub("", path.read_text(encoding="utf-8", errors="replace")).splitlines():
        if _LOG_RECORD.search(line):
            records.append(line.rstrip())
        elif records and line.strip():
            records[-1] += "\n" + line.rstrip()
    return [_ABSOLUTE_PATH.sub(r"\1", record) for record in records]


def compare(
    old_html: Path,
    new_html: Path,
    *,
    rules: Sequence[Rule] = (),
    old_warnings: Path | None = None,
    new_warnings: Path | None = None,
    rtol: float = RTOL,
    tolerance: float = FIGURE_TOLERANCE,
) -> Result:
    """Every difference between the two builds' executed notebooks and warnings."""
    result = Result()
    old_books, new_books = notebooks(old_html), notebooks(new_html)
    for chapter in sorted(old_books.keys() | new_books.keys()):
        if chapter not in new_books or chapter not in old_books:
            gone = chapter not in new_books
            result.differences.append(
                Difference(chapter, "", "notebook", "present" if gone else "(none)",
                           "(none)" if gone else "present", "only one build has this chapter")
            )  # fmt: skip
            continue
        result.counts["notebooks"] += 1
        compare_cells(
            chapter,
            _code_cells(old_books[chapter]),
            _code_cells(new_books[chapter]),
            rules,
            result,
            rtol=rtol,
            tolerance=tolerance,
        )
    new = Counter(read_warnings(new_warnings)) - Counter(read_warnings(old_warnings))
    for record in sorted(new.elements()):
        result.differences.append(Difference("build log", "", "new warning", "", record))
    return result


# -- report ----------------------------------------------------------------------------------------


def _fenced(text: str, lang: str = "") -> str:
    fence = "```"
    while fence in text:
        fence += "`"
    return f"{fence}{lang}\n{text.rstrip()}\n{fence}"


def _diff(old: str, new: str) -> str:
    lines = difflib.unified_diff(old.splitlines(), new.splitlines(), "old", "new", n=1, lineterm="")
    body = list(lines)[2:]
    if len(body) > 40:
        body = [*body[:40], f"… ({len(body) - 40} more lines)"]
    return _fenced("\n".join(body), "diff")


def render(result: Result, old_label: str, new_label: str) -> str:
    """The report, as Markdown: per chapter and cell, old → new."""
    counts = result.counts
    lines = [
        "# Drift report",
        "",
        f"- old: {old_label}",
        f"- new: {new_label}",
        f"- compared: {counts['notebooks']} notebooks, {counts['cells']} code cells, "
        f"{counts['glued values']} glued values, {counts['figures']} figures, and the build log",
        "",
    ]
    n = len(result.differences)
    lines.append(
        f"**{n} difference{'s' if n != 1 else ''}**"
        + (f" ({len(result.allowed)} allowed, listed at the end)." if result.allowed else ".")
    )
    cells = [d for d in result.differences if d.what != "new warning"]
    warnings = [d for d in result.differences if d.what == "new warning"]
    chapter = cell = None
    for d in cells:
        if d.chapter != chapter:
            chapter, cell = d.chapter, None
            lines += ["", f"## {d.chapter}"]
        if d.cell != cell:
            cell = d.cell
            if cell:
                lines += ["", f"### {cell}"]
        lines += ["", f"**{d.what}**: {d.detail}"]
        if d.old or d.new:
            if "figure" in d.what or d.detail not in {"changed", "new output", "output gone"}:
                lines += ["", f"`{_one_line(d.old)}` → `{_one_line(d.new)}`"]
            elif d.detail == "changed":
                lines += ["", _diff(d.old, d.new)]
            else:  # shown whole: new on stderr, say, or a print that no longer happens
                lines += ["", _fenced(d.new if d.detail == "new output" else d.old)]
    if warnings:
        lines += ["", "## Build log: new warnings", ""]
        lines += [_fenced("\n".join(d.new for d in warnings))]
    if result.allowed:
        lines += ["", "## Allowed differences", ""]
        lines += [f"- {a.chapter}, {a.cell}: {a.reason}" for a in result.allowed]
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    text = text.strip().replace("\n", " ⏎ ").replace("`", "'")
    return text if len(text) <= 120 else text[:117] + "…"


# -- command line ----------------------------------------------------------------------------------


def _site(value: str) -> Path:
    path = Path(value)
    if not any((path / "_sources").rglob("*.ipynb")):
        raise argparse.ArgumentTypeError(
            f"{value} holds no executed notebooks (_sources/*.ipynb): give a built site, "
            "e.g. _build/html"
        )
    return path


def _file(value: str) -> Path:
    path = Path(value)
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"{value} is not a file")
    return path


def _tolerance(value: str) -> float:
    number = float(value)
    if not number >= 0:
        raise argparse.ArgumentTypeError(f"{value} is not a number ≥ 0")
    return number


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Compare the executed outputs of two builds of the book.",
        epilog="Exit status: 0 no difference, 1 differences, 2 bad arguments.",
    )
    parser.add_argument("old", type=_site, help="the reference build (e.g. _build/html)")
    parser.add_argument("new", type=_site, help="the build to check (e.g. _build/drift/html)")
    parser.add_argument("--old-warnings", type=_file, help="sphinx-build -w file of OLD")
    parser.add_argument("--new-warnings", type=_file, help="sphinx-build -w file of NEW")
    parser.add_argument("--allow", type=_file, default=ALLOW_FILE, help="allow-list (TOML)")
    parser.add_argument("--rtol", type=_tolerance, default=RTOL, help="glued numbers")
    parser.add_argument(
        "--figure-tolerance", type=_tolerance, default=FIGURE_TOLERANCE, help="points"
    )
    parser.add_argument("--old-label", help="what OLD is, for the report (e.g. torch 2.13.0)")
    parser.add_argument("--new-label", help="what NEW is, for the report")
    parser.add_argument("--report", type=Path, help="write the Markdown report here too")
    args = parser.parse_args(argv)
    try:
        rules = load_rules(args.allow)
    except ValueError as error:
        parser.error(str(error))
    result = compare(
        args.old,
        args.new,
        rules=rules,
        old_warnings=args.old_warnings,
        new_warnings=args.new_warnings,
        rtol=args.rtol,
        tolerance=args.figure_tolerance,
    )
    report = render(
        result,
        f"{args.old_label} (`{args.old}`)" if args.old_label else f"`{args.old}`",
        f"{args.new_label} (`{args.new}`)" if args.new_label else f"`{args.new}`",
    )
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(report, encoding="utf-8")
    sys.stdout.write(report)
    return 1 if result.differences else 0


if __name__ == "__main__":
    sys.exit(main())
