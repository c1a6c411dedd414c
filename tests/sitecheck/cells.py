"""The cells and cell_errors checks: what the executed notebook says each code cell shows."""

from __future__ import annotations

import re
from pathlib import Path

from .report import Report
from .site import _EXCEPTION_NAME, ExpectedCell, executed_notebook, expected_cells, normalize


def check_cells(site: Path, name: str, cells: list[dict], report: Report, checks: set[str]) -> None:
    """`cells` as js/cells.js reads them from the page (hidden parts opened)."""
    expected = _expected(site, name, cells, report, checks)
    for number, (cell, want) in enumerate(zip(cells, expected, strict=True), start=1):
        label = f"cell {number} ({normalize(cell['input'])[:50]!r})"
        if "cells" in checks:
            check_output(name, label, cell, want, report)
        if "cell_errors" in checks:
            check_errors(name, label, cell, want, report)


def _expected(
    site: Path, name: str, cells: list[dict], report: Report, checks: set[str]
) -> list[ExpectedCell | None]:
    """The notebook's expectation for each cell on the page (None where there is none to use)."""
    notebook = executed_notebook(site, name)
    if notebook is None:
        if cells and "cells" in checks:
            report.add(
                "cells",
                name,
                f"{len(cells)} code cells but no executed notebook "
                "(_sources/<page>.ipynb) to compare their outputs with",
            )
        return [None] * len(cells)
    expected = list(expected_cells(notebook))
    if len(expected) != len(cells):
        if "cells" in checks:
            report.add(
                "cells",
                name,
                f"the page shows {len(cells)} code cells, the executed "
                f"notebook has {len(expected)}",
            )
        return [None] * len(cells)
    return expected


def check_output(
    name: str, label: str, cell: dict, want: ExpectedCell | None, report: Report
) -> None:
    """Every output of the notebook is shown, visible, with its text and images; none is empty."""
    output = cell["output"]
    if want is not None and want.has_output:
        if output is None or output["children"] == 0:
            report.add("cells", name, f"{label}: the notebook has output, the page shows none")
        elif not output["shown"]:
            report.add("cells", name, f"{label}: its output is on the page but not visible")
        else:
            shown_text = normalize(output["text"])
            for text in want.texts:
                if normalize(text) not in shown_text:
                    report.add(
                        "cells",
                        name,
                        f"{label}: output {normalize(text)[:60]!r} from the notebook is not shown",
                    )
            if output["images"] < want.images:
                report.add(
                    "cells",
                    name,
                    f"{label}: {want.images} image output(s) in the "
                    f"notebook, {output['images']} visible on the page",
                )
    if output is not None and not normalize(output["text"]) and (output["images"] == 0):
        report.add("cells", name, f"{label}: empty output area")


def check_errors(
    name: str, label: str, cell: dict, want: ExpectedCell | None, report: Report
) -> None:
    """No stderr; no traceback, except the intended exception of a raises-exception cell."""
    output = cell["output"]
    shown_errors = cell["tracebacks"]
    stdout = output["text"] if output else ""
    for stream in cell["stderr"]:
        report.add(
            "cell_errors", name, f"{label}: shows stderr {normalize(stream['text'])[:100]!r}"
        )
    if "raises-exception" in cell["tags"]:
        check_intended_exception(name, label, cell, want, report)
        return
    for tb in shown_errors:
        report.add(
            "cell_errors",
            name,
            f"{label}: shows an error "
            f"{normalize(tb['text'])[-100:]!r} (not tagged raises-exception)",
        )
    if not shown_errors and "Traceback (most recent call last)" in stdout:
        report.add("cell_errors", name, f"{label}: prints a traceback")


def check_intended_exception(
    name: str, label: str, cell: dict, want: ExpectedCell | None, report: Report
) -> None:
    """raises-exception: the exception named in the text before the cell is shown, with a message."""
    shown_errors = cell["tracebacks"]
    intended = set(_EXCEPTION_NAME.findall(cell["before"]))
    if not shown_errors:
        report.add("cell_errors", name, f"{label}: tagged raises-exception but shows no exception")
        return
    tb = shown_errors[-1]
    last = next((ln.strip() for ln in reversed(tb["text"].splitlines()) if ln.strip()), "")
    match = re.match(r"^([A-Za-z_][\w.]*)(?::\s*(.*))?$", last)
    ename = match.group(1).rsplit(".", 1)[-1] if match else ""
    evalue = (match.group(2) or "").strip() if match else ""
    if not tb["shown"]:
        report.add("cell_errors", name, f"{label}: its exception is not visible")
    if not intended:
        report.add(
            "cell_errors",
            name,
            f"{label}: tagged raises-exception, but the text "
            "before it names no exception type (say which error the reader will see)",
        )
    elif ename not in intended:
        report.add(
            "cell_errors",
            name,
            f"{label}: shows {last[:100]!r}, the text before it names {sorted(intended)}",
        )
    if not evalue:
        report.add("cell_errors", name, f"{label}: the exception {ename or last!r} has no message")
    if want is not None and want.error and want.error[0] != ename:
        report.add(
            "cell_errors",
            name,
            f"{label}: the notebook raised {want.error[0]}, the page shows {ename or last!r}",
        )
