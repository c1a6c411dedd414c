"""Findings, the report they go into, and the allow-lists of errors owned by upstream projects."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

CHECKS = (
    "load",
    "images",
    "math",
    "cells",
    "cell_errors",
    "links",
    "overflow",
    "lang",
    "dark_mode",
    "axe",
    "html_valid",
)
BROWSER_CHECKS = frozenset(CHECKS) - {"links", "html_valid"}
PHONE_WIDTH = 360
DESKTOP = {"width": 1280, "height": 900}

# -- Known issues owned by the theme or third-party extensions (each with its reason) ---------------
#: (message regex, file regex, reason). Only errors matching both are tolerated.
KNOWN_VNU_ERRORS: list[tuple[str, str, str]] = [
    (
        r"^Element “p” not allowed as child of element “summary” in this context\.",
        r"\.html$",
        "myst-nb 1.4 renders hide-input/hide-output toggles as <details><summary><p "
        "class='collapsed admonition-title'>…; browsers render it fine (phrasing content only is "
        "allowed in <summary>). Upstream markup, not our templates.",
    ),
    (
        r"^Duplicate ID “(exercise|solution)-content”\.$",
        r"\.html$",
        "sphinx-exercise 1.x gives every exercise and solution body the same id "
        "(exercise-content / solution-content); nothing links to those ids.",
    ),
    (
        r"^CSS: “(transition|max-height)”",
        r"_static/styles/pydata-sphinx-theme\.css$",
        'pydata-sphinx-theme 0.20\'s compiled CSS (transition: … "0s"; max-height: 220 px); '
        "browsers drop the one declaration.",
    ),
    (
        r"^CSS: “background-color”: “none” is not a “background-color” value\.$",
        r"_static/exercise\.css$",
        "sphinx-exercise's stylesheet; browsers ignore the declaration.",
    ),
]

#: (axe rule id, target regex, reason) for violations owned by the theme or its extensions.
KNOWN_AXE_VIOLATIONS: list[tuple[str, str, str]] = [
    (
        "label-content-name-mismatch",
        r"\.search-button__button\[aria-label=",
        "pydata-sphinx-theme 0.20's search button: aria-label is the translated word (검색) while "
        "the visible text adds the keyboard shortcut (Ctrl+K), so the label is not a superset of "
        "the text (WCAG 2.5.3). Theme markup (components/search-button-field.html).",
    ),
    (
        "label-content-name-mismatch",
        r"(^|[ >])summary$",
        "myst-nb 1.4's hide-input/hide-output toggles: <summary aria-label=\"Toggle hidden "
        'content"> is hard-coded English while the visible text is nb_code_prompt_show/hide.',
    ),
]


@dataclass(frozen=True)
class Finding:
    check: str
    page: str
    message: str

    def __str__(self) -> str:
        return f"{self.page}: {self.message}"


@dataclass
class Report:
    pages: list[str]
    findings: list[Finding] = field(default_factory=list)
    #: allow-list entry (KNOWN_* reason) -> how many errors it tolerated in this run
    tolerated: dict[str, int] = field(default_factory=dict)
    #: external URL -> pages linking to it (listed, never fetched)
    external_links: dict[str, set[str]] = field(default_factory=dict)

    def add(self, check: str, page: str, message: str) -> None:
        assert check in CHECKS, check
        self.findings.append(Finding(check, page, message))

    def of(self, check: str) -> list[str]:
        return [str(f) for f in self.findings if f.check == check]

    def summary(self, check: str, limit: int = 40) -> str:
        lines = self.of(check)
        more = f"\n… and {len(lines) - limit} more" if len(lines) > limit else ""
        return f"{check}: {len(lines)} finding(s)\n" + "\n".join(lines[:limit]) + more


# -- Allow-lists: a match is counted, so that an entry no longer matching anything shows up ---------
def tolerate(report: Report, reasons: Iterable[str]) -> bool:
    """Count the allow-list entries that match (so a stale entry shows up); True if any did."""
    matched = list(reasons)
    for reason in matched:
        report.tolerated[reason] = report.tolerated.get(reason, 0) + 1
    return bool(matched)


def known_axe(report: Report, rule: str, target: str) -> bool:
    return tolerate(
        report, (why for r, t, why in KNOWN_AXE_VIOLATIONS if rule == r and re.search(t, target))
    )


#: Sections with content-visibility: auto are not painted off screen, so axe's colour checks (which


def known_vnu(report: Report, message: str, file: str) -> bool:
    return tolerate(
        report,
        (why for m, f, why in KNOWN_VNU_ERRORS if re.search(m, message) and re.search(f, file)),
    )
