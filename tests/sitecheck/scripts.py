"""The JavaScript that runs inside the visited pages (sitecheck/js/<name>.js, one function each)."""

from __future__ import annotations

import functools
from pathlib import Path

HERE = Path(__file__).resolve().parent


@functools.cache
def script(name: str) -> str:
    """The source of js/<name>.js: a function expression for Playwright's page.evaluate."""
    return (HERE / "js" / f"{name}.js").read_text(encoding="utf-8")
