"""What a chapter's outputs were computed with: "torch 2.13.0+cpu로 실행해 얻은 출력 · 2026-12-03".

Every page that myst-nb executed (a notebook page) shows, just below its title and in small muted
type, the torch version its cell outputs come from and a date. The downloaded notebook opens with a
note saying the same and that a reader running another torch should expect small differences
(docs/_ext/book_downloads.py puts :func:`notebook_note` in its first cell).

* **Version**: the torch installed where the book is built (``importlib.metadata``), which is the
  torch the notebook kernels run: the execution cache (docs/_ext/execution_cache.py) folds the
  installed version into its key, so a cached output is never from another torch.
* **Date**: never the wall clock, so that two builds of one commit stay byte-identical.
  ``SOURCE_DATE_EPOCH`` if set (the reproducible-builds convention), else the committer date of
  the last commit of the git repository whose top level is the configuration directory. Neither
  (a source tarball, a test's throwaway copy): the line has no date.

Configuration (conf.py)::

    book_provenance_distribution = "torch"   # whose version the line names
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ConfigError
from sphinx.util import logging

logger = logging.getLogger(__name__)

CSS_CLASS = "actfn-provenance"
#: The id of the note cell that opens a downloaded notebook.
NOTE_CELL_ID = "actfn-provenance"
#: Small and muted in both colour modes (the theme's own variable), close under the title.
STYLE = "font-size:0.8125rem;color:var(--pst-color-text-muted);margin:-0.5rem 0 1.25rem"

#: How the last character of a version is read, for the particle: (으)로. ㄹ takes 로.
_DIGIT_TAKES_EURO = set("036")  # 영, 삼, 육 end in a consonant other than ㄹ
_LETTER_TAKES_EURO = set("mn")  # 엠, 엔 (cpu's 유, rc's 시, a/b 에이/비 end in a vowel)


def with_ro(word: str) -> str:
    """``word`` + the instrumental particle as it is read: ``2.13.0`` → ``2.13.0으로``,
    ``2.13.0+cpu`` → ``2.13.0+cpu로``, ``2.14.1`` → ``2.14.1로``."""
    if not word:
        raise ValueError("with_ro: word is empty")
    last = word[-1].lower()
    if last.isdigit():
        return word + ("으로" if last in _DIGIT_TAKES_EURO else "로")
    return word + ("으로" if last in _LETTER_TAKES_EURO else "로")


def build_date(root: Path, environ: dict[str, str] | None = None) -> str | None:
    """``YYYY-MM-DD`` (UTC) from SOURCE_DATE_EPOCH, else from the last commit of the repository
    whose top level is ``root``; None when neither exists."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        # GIT_CEILING_DIRECTORIES: a copy of the book inside some other repository is no checkout.
        env = {**environ, "GIT_CEILING_DIRECTORIES": str(root.resolve().parent)}
        try:
            result = subprocess.run(
                ["git", "log", "-1", "--format=%ct"],
                cwd=root,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
        except FileNotFoundError:  # no git
            return None
        if result.returncode != 0 or not result.stdout.strip():
            logger.info("provenance: no git commit in %s, pages show no date", root)
            return None
        epoch = result.stdout.strip()
    try:
        seconds = int(epoch)
    except ValueError:
        raise ConfigError(f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds") from None
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%d")


@dataclass(frozen=True)
class Provenance:
    distribution: str
    version: str
    date: str | None

    @property
    def line(self) -> str:
        """The page's line, as text."""
        text = f"{self.distribution} {with_ro(self.version)} 실행해 얻은 출력"
        return f"{text} · {self.date}" if self.date else text

    def html(self) -> str:
        text = f"{self.distribution} {with_ro(self.version)} 실행해 얻은 출력"
        if self.date:
            text += f' · <time datetime="{self.date}">{self.date}</time>'
        return f'<p class="{CSS_CLASS}" style="{STYLE}">{text}</p>'


def provenance(app: Sphinx) -> Provenance:
    """This build's provenance (computed once per build)."""
    found = getattr(app.builder, "actfn_provenance", None)
    if found is None:
        name = app.config.book_provenance_distribution
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            raise ConfigError(
                f"book_provenance_distribution: {name!r} is not installed where the book is built"
            ) from None
        found = Provenance(name, version, build_date(Path(app.confdir)))
        app.builder.actfn_provenance = found  # type: ignore[attr-defined]
    return found


def notebook_note(app: Sphinx) -> str:
    """Markdown for a downloaded notebook's first cell."""
    p = provenance(app)
    when = f"(책의 마지막 수정: {p.date})" if p.date else ""
    return (
        f"> **실행 환경** 이 노트북에 저장된 출력은 {p.distribution} {with_ro(p.version)} "
        f"실행해 얻은 것입니다{when}. 다른 버전의 {with_ro(p.distribution)} 실행하면 숫자의 끝자리, "
        "경고 문구, 그림의 세부가 조금 다를 수 있습니다. 지금 쓰는 버전은 "
        f"`{p.distribution}.__version__`으로 확인할 수 있습니다."
    )


def is_notebook_page(app: Sphinx, pagename: str) -> bool:
    """A page myst-nb read from a notebook (its metadata has a kernelspec)."""
    return bool(app.env.metadata.get(pagename, {}).get("kernelspec"))


_H1_END = re.compile(r"</h1>")


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if doctree is None or "body" not in context or not is_notebook_page(app, pagename):
        return
    line = provenance(app).html()
    body = context["body"]
    # Under the title; a page without one gets the line first.
    context["body"] = _H1_END.sub(lambda m: m[0] + "\n" + line, body, count=1)
    if context["body"] == body:
        context["body"] = line + "\n" + body


def setup(app: Sphinx) -> dict[str, object]:
    app.add_config_value("book_provenance_distribution", "torch", "html", types=[str])
    app.connect("html-page-context", _page_context)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
