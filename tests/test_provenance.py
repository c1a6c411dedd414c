"""Readers see what a chapter's outputs were computed with (docs/_ext/book_provenance.py).

Every notebook chapter shows "torch <version>(으)로 실행해 얻은 출력 · <date>" under its title, with
the torch of the environment that built it and the date of the last commit (never the wall clock);
the downloaded notebook opens with a note that another torch may give slightly different outputs.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from book_provenance import build_date, with_ro
from bookbuild import ROOT
from browser import serve

TORCH = metadata.version("torch")


def _notebook_chapters() -> set[str]:
    """docs/ pages that are notebooks (a kernelspec in their front matter), as page names."""
    pages = set()
    for path in (ROOT / "docs").rglob("*.md"):
        if any(part.startswith("_") for part in path.relative_to(ROOT / "docs").parts):
            continue
        front = re.match(r"---\n(.*?)\n---\n", path.read_text(encoding="utf-8"), re.S)
        if front and "kernelspec:" in front[1]:
            pages.add(path.relative_to(ROOT / "docs").with_suffix("").as_posix())
    return pages


def _expected_date() -> str | None:
    """The last commit's date in UTC (as `git log` reports it), or SOURCE_DATE_EPOCH's."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        epoch = int(os.environ["SOURCE_DATE_EPOCH"])
        return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d")
    result = subprocess.run(
        ["git", "log", "-1", "--date=format-local:%Y-%m-%d", "--format=%cd"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "TZ": "UTC"},
        check=False,
    )
    return result.stdout.strip() or None


def test_the_chapters_are_notebooks() -> None:
    chapters = _notebook_chapters()
    assert {p.stem for p in (ROOT / "docs").glob("0[1-9]-*.md")} <= chapters


@pytest.mark.browser
def test_every_chapter_shows_the_torch_its_outputs_came_from(book_html: Path, browser: Any) -> None:
    date = _expected_date()
    assert date, "the repository has a commit: the line must carry its date"
    line = re.compile(rf"^torch {re.escape(TORCH)}(으로|로) 실행해 얻은 출력 · {date}$")
    pages = sorted(_notebook_chapters())
    others = ["index", "glossary"]
    with serve(book_html) as url:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        for name in pages + others:
            page.goto(f"{url}{name}.html")
            found = page.locator("article .actfn-provenance")
            if name in others:
                assert found.count() == 0, f"{name}: not a notebook, no outputs to vouch for"
                continue
            assert found.count() == 1, f"{name}: no provenance line"
            assert line.match(found.inner_text()), f"{name}: {found.inner_text()!r}"
            facts = found.evaluate(
                """p => ({
                    afterTitle: p.previousElementSibling?.tagName,
                    size: parseFloat(getComputedStyle(p).fontSize),
                    body: parseFloat(getComputedStyle(p.parentElement.querySelector('h1 ~ p:not(.actfn-provenance)') || document.body).fontSize),
                    visible: p.getBoundingClientRect().height > 0,
                    fits: p.scrollWidth <= p.clientWidth,
                    time: p.querySelector('time')?.getAttribute('datetime'),
                })"""
            )  # fmt: skip
            assert facts["afterTitle"] == "H1", f"{name}: the line belongs under the title"
            assert facts["visible"], f"{name}: {facts}"
            assert facts["fits"], f"{name}: {facts}"
            assert facts["size"] < facts["body"], f"{name}: the line should be small: {facts}"
            assert facts["time"] == date


def test_the_downloaded_notebook_says_small_differences_are_expected(book_html: Path) -> None:
    for name in sorted(_notebook_chapters()):
        notebook = json.loads((book_html / "_sources" / f"{name}.ipynb").read_text())
        first = notebook["cells"][0]
        text = "".join(first["source"])
        assert first["cell_type"] == "markdown", name
        assert first["id"] == "actfn-provenance", name
        assert f"torch {with_ro(TORCH)} 실행해 얻은 것입니다" in text, text
        assert "다를 수 있습니다" in text
        assert "torch.__version__" in text


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("2.13.0", "2.13.0으로"),  # 영
        ("2.13.0+cpu", "2.13.0+cpu로"),  # 시피유
        ("2.14.1", "2.14.1로"),  # 일: ㄹ takes 로
        ("2.14.3", "2.14.3으로"),  # 삼
        ("2.15.2", "2.15.2로"),  # 이
        ("2.16.0a0+gitabc", "2.16.0a0+gitabc로"),  # 씨
        ("2.16.0rc6", "2.16.0rc6으로"),  # 육
        ("torch", "torch로"),  # 토치
    ],
)
def test_particle_follows_how_the_version_is_read(word: str, expected: str) -> None:
    assert with_ro(word) == expected


def test_the_date_never_comes_from_the_clock(tmp_path: Path) -> None:
    assert build_date(tmp_path, {"SOURCE_DATE_EPOCH": "1764720000"}) == "2025-12-03"
    # No git repository at the top of the folder (a tarball, a test's copy): no date at all.
    assert build_date(tmp_path, {"PATH": os.environ["PATH"]}) is None
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "f").write_text("x")
    env = {
        "PATH": os.environ["PATH"],
        "GIT_AUTHOR_NAME": "a",
        "GIT_AUTHOR_EMAIL": "a@b",
        "GIT_COMMITTER_NAME": "a",
        "GIT_COMMITTER_EMAIL": "a@b",
        "GIT_COMMITTER_DATE": "2024-02-29T23:30:00-05:00",  # 2024-03-01 in UTC
        "GIT_AUTHOR_DATE": "2024-02-29T23:30:00-05:00",
        "HOME": str(tmp_path),
    }
    subprocess.run(["git", "-C", str(tmp_path), "add", "f"], check=True, env=env)
    subprocess.run(["git", "-C", str(tmp_path), "commit", "-qm", "x"], check=True, env=env)
    assert build_date(tmp_path, env) == "2024-03-01"
    (tmp_path / "copy").mkdir()  # a folder inside a repository is not its checkout
    assert build_date(tmp_path / "copy", env) is None
    with pytest.raises(Exception, match="SOURCE_DATE_EPOCH='yesterday'"):
        build_date(tmp_path, {"SOURCE_DATE_EPOCH": "yesterday"})
