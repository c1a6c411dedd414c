"""Downloads for readers: each chapter's executed notebook, and the package's wheel.

* **Notebook.** sphinx-book-theme offers an ``.ipynb`` download only when a launch provider
  (Binder, Colab, ...) is configured. For every page that myst-nb executed, this extension writes
  the executed notebook to ``_sources/<page>.ipynb`` and sets ``ipynb_source``, so the theme's
  download menu lists ``.ipynb`` next to ``.md`` and ``.pdf``. (myst-nb's own copy in
  ``<outdir>/../jupyter_execute/`` lacks the outputs when they came from the execution cache, so
  the outputs are merged from the cache.)
* **Wheel.** At the start of an HTML build the package (``pyproject.toml`` next to ``conf.py``) is
  built with hatchling, offline and reproducibly, into ``<outdir>/wheels/``; the download menu of
  every page links to it.
* **Install cell.** A chapter's first cell (tagged ``skip-execution``) installs the package with a
  PEP 508 direct reference, ``%pip install "actfn @ <url of the wheel>"``. Whatever URL the chapter's
  source spells, the page, the ``.ipynb`` and the ``.md`` download show the URL of *this* build's
  wheel: ``html_baseurl`` + ``wheels/`` + the wheel's file name (so a version bump or a fork's
  ``html_baseurl`` needs no chapter edit).
* **The book as a PDF.** When ``book_pdf`` (``nox -s pdf``'s output) exists, an HTML build copies
  it into the site and every page's download menu links it in place of the theme's "print this
  page" entry. Pages are rewritten when the PDF appears or disappears.
* **Provenance note.** The notebook's first cell says which torch its outputs were computed with
  and that another torch may differ slightly (docs/_ext/book_provenance.py).

Configuration (conf.py)::

    html_baseurl = "https://<owner>.github.io/<repo>/"   # where the site is published
    book_wheel_project = "."                             # folder with pyproject.toml (from confdir)
    book_pdf = "_build/pdf/actfn-book.pdf"               # the whole book (from confdir)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from contextlib import suppress
from pathlib import Path
from typing import Any

import nbformat
from book_provenance import NOTE_CELL_ID, notebook_note
from docutils import nodes
from jupyter_cache import get_cache
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

WHEEL_DIR = "wheels"

#: ``"<dist> @ <url>.whl"`` inside a code cell: the direct reference an install cell uses.
_DIRECT_REFERENCE = re.compile(r"(?P<name>[A-Za-z0-9_.-]+) @ (?P<url>[^\s\"']+\.whl)")


def build_wheel(project: Path, dest: Path) -> Path:
    """Build ``project``'s wheel into ``dest`` with hatchling (no network, no build isolation)."""
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", tmp]
        result = subprocess.run(cmd, cwd=project, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise ExtensionError(f"building the wheel failed:\n{result.stdout}\n{result.stderr}")
        (built,) = Path(tmp).glob("*.whl")
        for old in dest.glob("*.whl"):
            old.unlink()
        target = dest / built.name
        target.write_bytes(built.read_bytes())
    return target


def wheel_url(app: Sphinx) -> str:
    base = (app.config.html_baseurl or "").rstrip("/")
    return f"{base}/{WHEEL_DIR}/{app.builder.actfn_wheel.name}"  # type: ignore[attr-defined]


def rewrite_install(text: str, package: str, url: str) -> str:
    """Point every ``<package> @ <...>.whl`` direct reference in ``text`` at ``url``."""

    def repl(match: re.Match[str]) -> str:
        if match["name"].lower().replace("_", "-") != package:
            return match[0]
        return f"{match['name']} @ {url}"

    return _DIRECT_REFERENCE.sub(repl, text)


def _package_name(project: Path) -> str:
    import tomllib

    data = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    return data["project"]["name"].lower().replace("_", "-")


# -- events ----------------------------------------------------------------------------------------


def _builder_inited(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    project = (Path(app.confdir) / app.config.book_wheel_project).resolve()
    wheel = build_wheel(project, Path(app.outdir) / WHEEL_DIR)
    app.builder.actfn_wheel = wheel  # type: ignore[attr-defined]
    app.builder.actfn_package = _package_name(project)  # type: ignore[attr-defined]
    logger.info("wheel: %s", wheel.relative_to(app.outdir))
    pdf = (Path(app.confdir) / app.config.book_pdf).resolve()
    if app.builder.name == "html" and app.config.book_pdf and pdf.is_file():
        target = Path(app.outdir) / pdf.name
        shutil.copyfile(pdf, target)
        app.builder.actfn_pdf = target  # type: ignore[attr-defined]
        logger.info("book PDF: %s", pdf.name)


def _pdf_changed(app: Sphinx, env: Any, added: set, changed: set, removed: set) -> list[str]:
    """Every page links the PDF or none does: rewrite all pages when it appears or disappears."""
    linked = hasattr(app.builder, "actfn_pdf")
    if getattr(env, "actfn_pdf_linked", linked) == linked:
        env.actfn_pdf_linked = linked
        return []
    env.actfn_pdf_linked = linked
    return sorted(env.found_docs)


def _doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if not hasattr(app.builder, "actfn_wheel"):
        return
    url, package = wheel_url(app), app.builder.actfn_package
    for block in doctree.findall(nodes.literal_block):
        text = block.astext()
        new = rewrite_install(text, package, url)
        if new != text:
            block.rawsource = new
            block.children = [nodes.Text(new)]


def _is_notebook(app: Sphinx, pagename: str) -> bool:
    return bool(app.env.metadata.get(pagename, {}).get("kernelspec"))


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Before the theme builds its buttons: export the executed notebook as ``_sources/*.ipynb``."""
    if doctree is None or not hasattr(app.builder, "actfn_wheel"):
        return
    executed = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    if not _is_notebook(app, pagename) or not executed.is_file():
        return
    notebook = nbformat.reads(executed.read_text(encoding="utf-8"), as_version=4)
    if app.config.nb_execution_mode == "cache":
        # myst-nb writes jupyter_execute/*.ipynb from the notebook *before* merging cached
        # outputs, so on a cache hit it has no outputs: merge them from the cache here.
        with suppress(KeyError):
            cache = get_cache(app.config.nb_execution_cache_path)
            _, notebook = cache.merge_match_into_notebook(notebook)
    url, package = wheel_url(app), app.builder.actfn_package
    for cell in notebook.get("cells", []):
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else source
        new = rewrite_install(text, package, url)
        if new != text:
            cell["source"] = new
    # A fixed cell id: a random one would make two builds of one commit differ.
    note = nbformat.v4.new_markdown_cell(notebook_note(app), id=NOTE_CELL_ID)
    notebook.cells.insert(0, note)
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(nbformat.writes(notebook), encoding="utf-8")
    context["ipynb_source"] = f"{pagename}.ipynb"


def _wheel_button(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """After the theme built its buttons: add the wheel (and the book's PDF) to the download menu."""
    if not hasattr(app.builder, "actfn_wheel"):
        return
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            if hasattr(app.builder, "actfn_pdf"):  # the whole book instead of printing one page
                group["buttons"] = [
                    b for b in group["buttons"] if b.get("label") != "download-pdf-button"
                ]
                group["buttons"].append(
                    {
                        "type": "link",
                        "url": context["pathto"](app.builder.actfn_pdf.name, 1),
                        "text": ".pdf",
                        "tooltip": "책 전체를 PDF 한 파일로 내려받기",
                        "icon": "fas fa-file-pdf",
                        "label": "download-book-pdf-button",
                    }
                )
            group["buttons"].append(
                {
                    "type": "link",
                    "url": context["pathto"](f"{WHEEL_DIR}/{app.builder.actfn_wheel.name}", 1),
                    "text": ".whl",
                    "tooltip": "이 책의 파이썬 패키지 actfn 내려받기 (pip install 파일이름.whl)",
                    "icon": "fas fa-box-archive",
                    "label": "download-wheel-button",
                }
            )


def _rewrite_sources(app: Sphinx, exception: Exception | None) -> None:
    """The ``.md`` downloads show the same install URL as the page."""
    if exception is not None or not hasattr(app.builder, "actfn_wheel"):
        return
    url, package = wheel_url(app), app.builder.actfn_package
    for source in (Path(app.outdir) / "_sources").rglob("*.md"):
        text = source.read_text(encoding="utf-8")
        new = rewrite_install(text, package, url)
        if new != text:
            source.write_text(new, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, object]:
    app.add_config_value("book_wheel_project", ".", "html", types=[str])
    app.add_config_value("book_pdf", "_build/pdf/actfn-book.pdf", "", types=[str])
    app.connect("env-get-outdated", _pdf_changed)
    app.connect("builder-inited", _builder_inited)
    app.connect("doctree-resolved", _doctree_resolved)
    # sphinx-book-theme builds its header buttons at priority 501.
    app.connect("html-page-context", _page_context, priority=500)
    app.connect("html-page-context", _wheel_button, priority=502)
    app.connect("build-finished", _rewrite_sources)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
