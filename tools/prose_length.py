"""Count the Hangul syllables of a chapter's prose: what a reader reads as running text.

    python tools/prose_length.py                       the chapters in docs/, one line each
    python tools/prose_length.py docs/04-*.md          only these files
    python tools/prose_length.py --rev 6b62057         the files as they were at a git revision

Counted: paragraphs, headings, list items, and the text inside exercises, solutions and admonitions.
Not counted: code cells and their outputs, other fenced blocks (tables, toctrees, explorers), pipe
tables, display math, front matter, directive options, and captions (a figure's caption lives in its
code cell's metadata; a table's caption is its directive's title), so moving a sentence into a
caption does not make a chapter shorter. Inline code and roles' targets are dropped before counting.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HANGUL = re.compile(r"[\uac00-\ud7a3]")
FENCE = re.compile(r"^(`{3,}|~{3,})\s*(?:\{([\w:-]+)\})?(.*)$")
#: Directives whose body is prose; every other fenced block is code, data or a caption.
PROSE_DIRECTIVES = {
    "exercise",
    "solution",
    "admonition",
    "note",
    "tip",
    "warning",
    "important",
    "glossary",
    "seealso",
    "hint",
    "attention",
    "caution",
}
INLINE_CODE = re.compile(r"`[^`]*`")


def prose_lines(text: str) -> list[str]:
    """The lines of MyST markdown ``text`` that a reader reads as prose (see the module docstring)."""
    lines = text.splitlines()
    out: list[str] = []
    i = 0
    if lines and lines[0].strip() == "---":  # front matter
        i = next((k + 1 for k in range(1, len(lines)) if lines[k].strip() == "---"), len(lines))
    in_math = False
    while i < len(lines):
        line = lines[i]
        match = FENCE.match(line)
        if match:
            fence, name = match.group(1), match.group(2)
            end = next(
                (k for k in range(i + 1, len(lines)) if lines[k].strip() == fence[0] * len(fence)),
                len(lines),
            )
            if name in PROSE_DIRECTIVES:
                body = lines[i + 1 : end]
                while body and body[0].startswith(":"):  # directive options
                    body = body[1:]
                out.extend(prose_lines("\n".join(body)))
            i = end + 1
            continue
        stripped = line.strip()
        if stripped.startswith("$$"):
            if stripped.count("$$") == 1:  # opens or closes a block ("$$", "$$ (eq-label)")
                in_math = not in_math
            i += 1  # else a one-line $$...$$
            continue
        if in_math or stripped.startswith("|") or re.fullmatch(r"\(.*\)=", stripped):
            i += 1
            continue
        out.append(line)
        i += 1
    return out


def hangul_count(text: str) -> int:
    """Hangul syllables in the prose of ``text``."""
    return sum(len(HANGUL.findall(INLINE_CODE.sub("", line))) for line in prose_lines(text))


def _read(path: Path, rev: str | None) -> str:
    if rev is None:
        return path.read_text(encoding="utf-8")
    relative = path.resolve().relative_to(ROOT).as_posix()
    return subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{rev}:{relative}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="MyST files (default: docs/[0-9]*.md)")
    parser.add_argument("--rev", help="read the files as they were at this git revision")
    args = parser.parse_args(argv)
    files = args.files or sorted((ROOT / "docs").glob("[0-9]*.md"))
    total = 0
    for path in files:
        count = hangul_count(_read(path, args.rev))
        total += count
        print(f"{count:7d}  {path.name}")
    print(f"{total:7d}  total")
    return 0


if __name__ == "__main__":
    sys.exit(main())
