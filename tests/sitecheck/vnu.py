"""The Nu Html Checker (vnu.jar) over the pages and the stylesheets."""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from browser import VNU_JAR, require

from .report import Report, known_vnu
from .site import normalize


@contextmanager
def vnu_check(site: Path, pages: list[str]) -> Iterator[Callable[[Report], None]]:
    """One vnu.jar run over the pages and every stylesheet under _static (HTML and CSS errors).

    It runs while the browser visits the pages (output to temporary files, so a full pipe never
    stalls it); the yielded function waits for it and adds its errors to a report.
    """
    require("java", "vnu-jar")
    sheets = (
        sorted(p.relative_to(site).as_posix() for p in (site / "_static").rglob("*.css"))
        if (site / "_static").is_dir()
        else []
    )
    files = [str(site / p) for p in [*pages, *sheets]]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            ["java", "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--stdout",
             "--exit-zero-always", "--also-check-css", *files],
            stdout=out, stderr=err,
        )  # fmt: skip

        def finish(report: Report) -> None:
            process.wait(timeout=600)
            out.seek(0)
            err.seek(0)
            vnu_findings(out.read().decode(), err.read().decode(), site, report)

        try:
            yield finish
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()


def vnu_findings(stdout: str, stderr: str, site: Path, report: Report) -> None:
    try:
        messages = json.loads(stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        report.add("html_valid", "(vnu)", f"vnu.jar failed: {stdout[-500:]} {stderr[-1500:]}")
        return
    root = site.resolve()
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        url = message.get("url", "")
        file = url
        if url.startswith("file:"):  # vnu writes file:/tmp/…, not file:///tmp/…
            path = Path(unquote(urlsplit(url).path))
            file = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        text = message.get("message", "")
        if known_vnu(report, text, file):
            continue
        extract = normalize(message.get("extract", ""))[:80]
        line = message.get("lastLine", "?")
        report.add("html_valid", file or "(vnu)", f"line {line}: {text} [{extract}]")
